"""A person who met a CAPTCHA reports their place by choosing it from the official list,
on the page that asks where they vote (census:report_place), on a 360 px phone: with
JavaScript through the autocompletes, accessible on the way; without it through the steps
(axe-core runs in the page, so it cannot check a page without JavaScript; the step pages
are the same markup)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect
from support.accessibility import assert_accessible

from accounts.models import CustomUser
from cedula_domain import BlockKind, FailureKind
from integration.accessibility.screens import SCREENS, log_in, set_lookup, someone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def met_a_captcha(db: None) -> CustomUser:
    """Someone whose automatic lookup met a CAPTCHA and will try again later."""
    person = someone("52345678")
    set_lookup(
        person,
        attempts=1,
        last_failure_kind=FailureKind.BLOCKED,
        last_block_kind=BlockKind.CAPTCHA,
        next_attempt_at=datetime.now(UTC) + timedelta(minutes=30),
    )
    return person


def to_where_you_vote(page: Page) -> None:
    """From the first question, on to the page that asks where the person votes."""
    page.get_by_label("Aparece el lugar de votación").check()
    page.get_by_role("button", name="Continuar").click()
    expect(page).to_have_title("¿Dónde votas? · Página Madre")


def wait_for_the_autocompletes(page: Page) -> None:
    """The page's script takes the steps' buttons away as it turns the list's selects into
    autocompletes. A locator that found a select before that would then wait on it, hidden,
    until it timed out."""
    expect(page.get_by_role("button", name="Continuar")).to_be_hidden()


@pytest.fixture
def phone(browser_page: Page, live_server, polling_place_list, met_a_captcha) -> Page:
    """Their home page on a 360 px phone, with the official list loaded."""
    browser_page.set_viewport_size(SCREENS["celular"])
    log_in(browser_page, met_a_captcha, live_server.url)
    browser_page.goto("/")
    return browser_page


@pytest.fixture
def phone_without_javascript(
    browser_page: Page, live_server, polling_place_list, met_a_captcha
) -> Iterator[Page]:
    context = browser_page.context.browser.new_context(
        base_url=live_server.url,
        locale="es-CO",
        java_script_enabled=False,
        viewport=SCREENS["celular"],
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, met_a_captcha, live_server.url)
    page.goto("/censo/informar/")
    try:
        yield page
    finally:
        context.close()


def test_a_person_chooses_their_place_with_the_autocomplete(phone: Page):
    page = phone
    page.locator("#censo").get_by_role("link", name="Cuéntanos qué te salió").click()
    to_where_you_vote(page)
    # The steps' buttons are for pages without JavaScript.
    wait_for_the_autocompletes(page)
    expect(page.get_by_role("combobox", name="Municipio")).to_be_hidden()

    page.get_by_role("combobox", name="Departamento").fill("bogo")
    page.get_by_role("option", name="BOGOTA D.C.").click()
    # Bogotá has one municipio: chosen for the person, and the puesto asked next.
    expect(page.get_by_role("combobox", name="Municipio")).to_have_value("BOGOTA. D.C.")
    puesto = page.get_by_role("combobox", name="Puesto de votación")
    puesto.fill("san jose cal")
    option = page.get_by_role("option", name="COLEGIO SAN JOSE DE CALASANZ")
    expect(option).to_contain_text("CLL 129 # 88 B 35")
    assert_accessible(page, "elegir el puesto, opciones abiertas, celular")
    option.click()
    expect(page.get_by_test_id("direccion-elegida")).to_have_text(
        "Dirección del puesto: CLL 129 # 88 B 35"
    )
    page.get_by_label("Mesa", exact=True).fill("12")
    assert_accessible(page, "puesto elegido, celular")
    page.get_by_role("button", name="Guardar lo que me salió").click()

    expect(page.get_by_text("Gracias. Guardamos lo que te mostró la Registraduría")).to_be_visible()
    expect(page.get_by_test_id("puesto")).to_have_text("COLEGIO SAN JOSE DE CALASANZ")
    expect(page.get_by_test_id("mesa")).to_have_text("12")
    expect(page.get_by_test_id("direccion")).to_have_text("CLL 129 # 88 B 35")
    assert_accessible(page, "puesto informado, celular")


def test_a_municipio_is_chosen_among_those_of_the_departamento(phone: Page):
    page = phone
    page.goto("/censo/informar/")
    to_where_you_vote(page)
    wait_for_the_autocompletes(page)

    page.get_by_role("combobox", name="Departamento").fill("boya")
    page.get_by_role("option", name="BOYACA").click()
    municipio = page.get_by_role("combobox", name="Municipio")
    municipio.fill("medell")
    expect(page.get_by_role("option", name="No hay resultados")).to_be_visible()
    municipio.fill("tunj")
    page.get_by_role("option", name="TUNJA").click()
    page.get_by_role("combobox", name="Puesto de votación").fill("boyaca")
    page.get_by_role("option", name="COL. BOYACA FCO DE PAULA SANTANDER").click()
    page.get_by_label("Mesa", exact=True).fill("3")
    # Enter in a field saves, as in any form.
    page.get_by_label("Mesa", exact=True).press("Enter")

    expect(page.get_by_test_id("puesto")).to_have_text("COL. BOYACA FCO DE PAULA SANTANDER")


def test_a_person_without_javascript_chooses_their_place_step_by_step(
    phone_without_javascript: Page,
):
    page = phone_without_javascript
    to_where_you_vote(page)
    page.get_by_label("Departamento", exact=True).select_option(label="BOYACA")
    page.get_by_role("button", name="Continuar").click()

    page.get_by_label("Municipio", exact=True).select_option(label="TUNJA")
    page.get_by_role("button", name="Continuar").click()

    page.get_by_label("Puesto de votación", exact=True).fill("univ")
    page.get_by_role("button", name="Buscar").click()
    page.get_by_label("UNIVERSIDAD SANTO TOMAS").check()
    page.get_by_label("Mesa", exact=True).fill("doce")
    page.get_by_role("button", name="Guardar lo que me salió").click()

    expect(page).to_have_title("Error: ¿Dónde votas? · Página Madre")
    assert page.url.endswith("/censo/informar/lugar/")
    expect(page.get_by_test_id("error-summary")).to_contain_text("La mesa se escribe solo")
    expect(page.get_by_label("UNIVERSIDAD SANTO TOMAS")).to_be_checked()
    page.get_by_label("Mesa", exact=True).fill("7")
    page.get_by_role("button", name="Guardar lo que me salió").click()

    expect(page.get_by_test_id("puesto")).to_have_text("UNIVERSIDAD SANTO TOMAS")
    expect(page.get_by_test_id("direccion")).to_have_text("CLL 19 # 11-64")


def test_the_steps_are_accessible_where_the_autocomplete_does_not_load(phone: Page):
    # axe-core runs in the page: here the page runs its other scripts, not the autocomplete.
    page = phone
    page.route(re.compile(r"/accessible-autocomplete\.min\.js$"), lambda route: route.abort())
    page.goto("/censo/informar/")
    to_where_you_vote(page)
    page.get_by_label("Departamento", exact=True).select_option(label="BOGOTA D.C.")
    page.get_by_role("button", name="Continuar").click()
    page.get_by_label("Puesto de votación", exact=True).fill("san jose")
    page.get_by_role("button", name="Buscar").click()

    expect(page.get_by_label("COLEGIO SAN JOSE DE CALASANZ")).to_be_visible()
    assert_accessible(page, "puestos encontrados sin autocompletar, celular")
    page.get_by_role("button", name="Guardar lo que me salió").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Elige tu puesto de la lista")
    expect(page.get_by_test_id("error-summary")).to_be_focused()
    expect(page).to_have_title("Error: ¿Dónde votas? · Página Madre")
    assert_accessible(page, "informe con errores sin autocompletar, celular")
