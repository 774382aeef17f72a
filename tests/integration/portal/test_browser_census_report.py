"""The assisted path in a real browser: one question a page, and a refused answer that opens
on its error summary, in the first screen of a phone."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from support.accessibility import assert_accessible

from cedula_domain import FailureKind, LookupStatus
from integration.accessibility.screens import SCREENS, at_each_screen, log_in, set_lookup, someone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "¿Qué te mostró la página de la Registraduría?"


@pytest.fixture
def gave_up_page(browser_page: Page, live_server) -> Page:
    """A person whose automatic lookup gave up (the site failed), on their home page."""
    person = someone("52345678")
    set_lookup(
        person, status=LookupStatus.ERROR, attempts=3, last_failure_kind=FailureKind.UNAVAILABLE
    )
    log_in(browser_page, person, live_server.url)
    browser_page.goto("/")
    return browser_page


def opens_on_its_error_summary(page: Page, title: str, path: str) -> None:
    """The refused answer came back at the address that asked it, titled "Error: …", with
    focus on its summary and the summary in the first screen."""
    expect(page).to_have_title(f"Error: {title} · Página Madre")
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    box = summary.bounding_box()
    viewport = page.viewport_size
    assert box
    assert viewport
    # Where the page opens, not scrolled to: what a phone shows first.
    assert page.evaluate("window.scrollY") == 0
    assert box["y"] < viewport["height"]
    assert box["y"] + box["height"] <= viewport["height"]
    assert urlsplit(page.url).path == path


def test_a_refused_answer_opens_on_its_error_summary_in_a_phones_first_screen(
    gave_up_page: Page,
):
    page = gave_up_page
    page.set_viewport_size(SCREENS["celular"])
    card = page.locator("#censo")
    expect(card).to_contain_text("escribe tu cédula y mira qué te responde.")
    expect(card).not_to_contain_text("verificación")
    card.get_by_role("link", name="Cuéntanos qué te salió").click()

    # The first question.
    expect(page).to_have_title(f"{QUESTION} · Página Madre")
    expect(page.get_by_role("group", name=QUESTION)).to_be_visible()
    assert_accessible(page, "informe: qué te mostró, celular")
    page.get_by_role("button", name="Continuar").click()

    opens_on_its_error_summary(page, QUESTION, "/censo/informar/")
    for name in at_each_screen(page):  # the phone last
        assert_accessible(page, f"informe: qué te mostró, con error, {name}")
    # Its link takes focus to the question's first option.
    page.get_by_role("link", name="Elige qué te mostró la página de la Registraduría.").click()
    expect(page.get_by_label("Aparece el lugar de votación")).to_be_focused()
    page.get_by_label("Aparece el lugar de votación").check()
    page.get_by_role("button", name="Continuar").click()

    # The second, only for a place found: typed, as no official list is loaded.
    expect(page).to_have_title("¿Dónde votas? · Página Madre")
    assert urlsplit(page.url).path == "/censo/informar/lugar/"
    for name in at_each_screen(page):
        assert_accessible(page, f"informe: dónde votas, {name}")
    page.get_by_label("Municipio", exact=True).fill("Tunja")
    page.get_by_role("button", name="Guardar lo que me salió").click()

    opens_on_its_error_summary(page, "¿Dónde votas?", "/censo/informar/lugar/")
    summary = page.get_by_test_id("error-summary")
    for message in ("Elige el departamento.", "Escribe el nombre del puesto", "Escribe el número"):
        expect(summary.get_by_role("link", name=re.compile(re.escape(message)))).to_be_visible()
    expect(page.get_by_label("Municipio", exact=True)).to_have_value("Tunja")
    for name in at_each_screen(page):
        assert_accessible(page, f"informe: dónde votas, con errores, {name}")

    # "Volver" brings the choice back; choosing again leads on.
    page.get_by_role("link", name="Volver").click()
    expect(page.get_by_label("Aparece el lugar de votación")).to_be_checked()
    page.get_by_role("button", name="Continuar").click()
    page.get_by_label("Departamento", exact=True).select_option("Boyacá")
    page.get_by_label("Municipio", exact=True).fill("Tunja")
    page.get_by_label("Puesto de votación").fill("Colegio de Boyacá")
    # The page drops anything but digits from the table number as it is typed.
    page.get_by_label("Mesa", exact=True).press_sequentially("1a2")
    expect(page.get_by_label("Mesa", exact=True)).to_have_value("12")
    page.get_by_role("button", name="Guardar lo que me salió").click()

    expect(page.get_by_text("Gracias. Guardamos lo que te mostró la Registraduría")).to_be_visible()
    expect(page.get_by_test_id("puesto")).to_have_text("Colegio de Boyacá")
    expect(page.get_by_test_id("mesa")).to_have_text("12")
    expect(page.get_by_test_id("origen")).to_contain_text("Dato informado por ti el")


def test_a_cancelled_cedula_asks_its_novedad_on_a_page_of_its_own(gave_up_page: Page):
    page = gave_up_page
    page.goto("/censo/informar/")
    for name in at_each_screen(page):
        assert_accessible(page, f"informe: qué te mostró, {name}")
    page.get_by_label("La cédula aparece cancelada").check()
    page.get_by_role("button", name="Continuar").click()

    expect(page).to_have_title("¿Qué novedad aparece? · Página Madre")
    for name in at_each_screen(page):
        assert_accessible(page, f"informe: novedad, {name}")
    page.get_by_role("button", name="Guardar lo que me salió").click()

    opens_on_its_error_summary(page, "¿Qué novedad aparece?", "/censo/informar/novedad/")
    for name in at_each_screen(page):
        assert_accessible(page, f"informe: novedad, con error, {name}")
    page.get_by_role("link", name=re.compile("Escribe la novedad que aparece")).click()
    novedad = page.get_by_role("combobox", name="¿Qué novedad aparece?")
    expect(novedad).to_be_focused()
    novedad.fill("Cancelada por Muerte")
    page.get_by_role("button", name="Guardar lo que me salió").click()

    expect(page.get_by_test_id("cancelada")).to_contain_text("Cancelada por Muerte")
    expect(page.get_by_test_id("origen")).to_contain_text("Dato informado por ti el")
