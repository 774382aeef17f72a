from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import CustomUser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_registers_through_the_real_form_and_lands_on_home(browser_page: Page):
    page = browser_page
    page.goto("/registro/")

    page.get_by_label("Nombre completo").fill("Policarpa Salavarrieta")
    # The page itself drops the dots and letters people type: only digits remain.
    page.get_by_label("Cédula").press_sequentially("52.a345.678")
    expect(page.get_by_label("Cédula")).to_have_value("52345678")
    page.get_by_label("Teléfono").fill("3104567890")
    page.get_by_label("Contraseña", exact=True).fill("Clave-segura-2026")
    page.get_by_label("Repite la contraseña").fill("Clave-segura-2026")
    page.get_by_label("Acepto la").check()
    page.get_by_role("button", name="Registrarme").click()

    expect(page).to_have_url(re.compile(r"^http://[^/]+/$"))
    expect(page.get_by_role("heading", name="Hola, Policarpa")).to_be_visible()
    expect(page.get_by_test_id("cedula")).to_have_text("52345678")
    assert CustomUser.objects.filter(cedula="52345678").exists()
