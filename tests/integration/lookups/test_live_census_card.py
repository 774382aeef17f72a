from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_home_card_turns_from_pending_to_the_voting_place_without_reloading(
    worker, census_sim, browser_page: Page
):
    census_sim.set_mode("slow", delay_s=3)
    page = browser_page
    page.goto("/registro/")
    page.get_by_label("Nombre completo").fill("Antonio Nariño")
    page.get_by_label("Cédula").fill("72123456")
    page.get_by_label("Teléfono").fill("3104567890")
    page.get_by_label("Contraseña", exact=True).fill("Clave-segura-2026")
    page.get_by_label("Repite la contraseña").fill("Clave-segura-2026")
    page.get_by_label("Acepto la").check()
    page.get_by_role("button", name="Registrarme").click()

    card = page.locator("#censo")
    expect(card).to_have_attribute("data-status", re.compile("pending|processing"))
    # A reload would wipe this flag: the change must come from htmx polling alone.
    page.evaluate("window.sinRecargar = true")

    expect(page.get_by_test_id("puesto")).to_have_text(
        "COLEGIO DE BARRANQUILLA CODEBA", timeout=60_000
    )
    expect(card).to_have_attribute("data-status", "found")
    expect(page.get_by_test_id("mesa")).to_have_text("3")
    assert page.evaluate("window.sinRecargar") is True
    expect(page.get_by_role("link", name="Cómo llegar")).to_be_visible()
    # Final: the card no longer asks for itself.
    assert card.get_attribute("hx-trigger") is None
