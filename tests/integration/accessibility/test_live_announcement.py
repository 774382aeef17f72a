"""A real lookup (the worker and the census simulator) ends while the home page is open:
the page's live region, outside the card htmx replaces, says the final answer once."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from support.accessibility import assert_accessible

from integration.accessibility.screens import PASSWORD, SCREENS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each size meets another outcome of the simulator's documented cédulas.
LOOKUPS = {
    "escritorio": ("72123456", "Listo: votas en COLEGIO DE BARRANQUILLA CODEBA, mesa 3."),
    "celular": ("20000021", "Listo: tu cédula aparece cancelada en la Registraduría."),
}
# Every text the live region is given, in order, as a screen reader would be told.
RECORD_ANNOUNCEMENTS = """() => {
  window.anuncios = [];
  const region = document.getElementById("censo-anuncio");
  new MutationObserver(() => window.anuncios.push(region.textContent))
    .observe(region, {childList: true, characterData: true, subtree: true});
}"""


@pytest.mark.parametrize("screen", SCREENS)
def test_the_live_region_announces_the_final_answer_once(
    worker, census_sim, browser_page: Page, screen: str
):
    cedula, announcement = LOOKUPS[screen]
    census_sim.set_mode("slow", delay_s=3)
    page = browser_page
    page.set_viewport_size(SCREENS[screen])
    page.goto("/registro/")
    page.get_by_label("Nombre completo").fill("Antonio Nariño")
    page.get_by_label("Cédula").fill(cedula)
    page.get_by_label("Teléfono").fill("3104567890")
    page.get_by_label("Contraseña", exact=True).fill(PASSWORD)
    page.get_by_label("Repite la contraseña").fill(PASSWORD)
    page.get_by_label("Acepto la").check()
    page.get_by_role("button", name="Registrarme").click()

    card = page.locator("#censo")
    expect(card).to_have_attribute("data-status", re.compile("pending|processing"))
    region = page.locator("#censo-anuncio")
    expect(region).to_have_attribute("aria-live", "polite")
    expect(region).to_be_empty()
    assert page.locator("#censo #censo-anuncio").count() == 0
    page.evaluate(RECORD_ANNOUNCEMENTS)

    expect(region).to_have_text(announcement, timeout=60_000)
    # Final: the card asks for itself no more, so nothing can be said again.
    expect(card).not_to_have_attribute("hx-trigger", re.compile("."))
    assert page.evaluate("window.anuncios") == [announcement]
    assert_accessible(page, f"anuncio {screen}")
