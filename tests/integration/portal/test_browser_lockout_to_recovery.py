"""A locked-out person on a 360 px phone: the lockout page says until when, and one tap
on its main button leads to recovery; the code on its own page (a wrong one says the
tries left, on a focused error summary), then the new password on its own, and they are in."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect
from support.accessibility import assert_accessible

from accounts.models import CustomUser
from integration.portal.sms_support import Outbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
NEW_PASSWORD = "Otra-clave-nueva-2026"


def test_a_locked_out_person_reaches_recovery_in_one_tap_and_gets_back_in(
    browser_page: Page, person: CustomUser, outbox: Outbox, settings
):
    page = browser_page
    page.set_viewport_size(PHONE)
    # The first failures from another browser of the same address: axes counts the pair.
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        Client().post(reverse("accounts:login"), {"username": "1234567", "password": "mala"})

    page.goto("/ingresar/")
    page.get_by_label("Cédula").fill("1.234.567")
    page.get_by_label("Contraseña").fill("otra-mala")
    page.get_by_role("button", name="Ingresar").click()

    expect(page.get_by_role("heading", name="Demasiados intentos fallidos")).to_be_visible()
    expect(page.get_by_test_id("fin-del-bloqueo")).to_contain_text(
        re.compile(r"Podrás volver a intentarlo (mañana )?a las \d\d:\d\d")
    )
    recover = page.get_by_role("link", name="¿Olvidaste tu contraseña?")
    expect(recover).to_be_in_viewport()  # on the first screen: no scrolling to find it
    assert_accessible(page, "bloqueado celular")

    recover.click()

    expect(page).to_have_url(re.compile(r"/recuperar/$"))
    page.get_by_label("Cédula").fill("1234567")
    page.get_by_role("button", name="Enviarme un código").click()
    expect(page).to_have_url(re.compile(r"/recuperar/codigo/$"))
    expect(page.get_by_label("Cédula")).to_have_value("1234567")
    code = outbox.last_code()
    page.get_by_label("Código").fill(f"{(int(code) + 1) % 1_000_000:06d}")
    page.get_by_role("button", name="Continuar").click()

    summary = page.get_by_role("alert").filter(has_text="Hay un problema")
    expect(page).to_have_title(re.compile(r"^Error: Escribe el código"))
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Te quedan 4 intentos con este código")
    assert_accessible(page, "codigo equivocado celular")

    page.get_by_label("Código").fill(code)
    page.get_by_role("button", name="Continuar").click()
    expect(page).to_have_url(re.compile(r"/recuperar/nueva-clave/$"))
    page.get_by_label("Nueva contraseña", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Repite la nueva contraseña").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Cambiar la contraseña").click()

    expect(page.get_by_text("Tu contraseña quedó cambiada")).to_be_visible()
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
