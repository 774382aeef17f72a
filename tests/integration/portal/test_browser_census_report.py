from __future__ import annotations

import pytest
from attrs import evolve
from playwright.sync_api import Page, expect

from accounts.models import CustomUser
from adapters.django_repository import DjangoCedulaRepository
from cedula_domain import Cedula, FailureKind, LookupStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Clave-segura-2026"


@pytest.fixture
def gave_up_page(browser_page: Page) -> Page:
    """A person whose automatic lookup gave up, logged in on the home page."""
    CustomUser.objects.create_user(
        "52345678", PASSWORD, nombre_completo="Policarpa Salavarrieta", telefono="+573104567890"
    )
    repository = DjangoCedulaRepository()
    requested = repository.get(Cedula("52345678"))
    gave_up = evolve(
        requested,
        status=LookupStatus.ERROR,
        attempts=3,
        next_attempt_at=None,
        last_failure_kind=FailureKind.UNAVAILABLE,
    )
    assert repository.save(gave_up)
    page = browser_page
    page.goto("/ingresar/")
    page.get_by_label("Cédula").fill("52345678")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    expect(page.get_by_role("heading", name="Hola, Policarpa")).to_be_visible()
    return page


def test_the_report_form_shows_only_the_fields_of_the_chosen_result(gave_up_page: Page):
    page = gave_up_page
    card = page.locator("#censo")
    expect(card.get_by_text("Cuéntanos qué te salió")).to_be_visible()
    assert card.get_attribute("hx-trigger") is None
    expect(page.get_by_label("Mesa", exact=True)).to_be_hidden()
    expect(page.get_by_label("Novedad", exact=True)).to_be_hidden()

    page.get_by_label("La cédula aparece cancelada").check()
    expect(page.get_by_label("Novedad", exact=True)).to_be_visible()
    expect(page.get_by_label("Mesa", exact=True)).to_be_hidden()

    page.get_by_label("Aparece el lugar de votación").check()
    expect(page.get_by_label("Novedad", exact=True)).to_be_hidden()
    page.get_by_label("Departamento", exact=True).select_option("Bogotá D.C.")
    page.get_by_label("Municipio", exact=True).fill("Bogotá")
    page.get_by_label("Puesto de votación").fill("Corferias")
    # The page drops anything but digits from the table number as it is typed.
    page.get_by_label("Mesa", exact=True).press_sequentially("1a2")
    expect(page.get_by_label("Mesa", exact=True)).to_have_value("12")
    page.get_by_role("button", name="Guardar lo que me salió").click()

    expect(page.get_by_text("Gracias. Guardamos lo que te mostró la Registraduría")).to_be_visible()
    expect(page.get_by_test_id("puesto")).to_have_text("Corferias")
    expect(page.get_by_test_id("mesa")).to_have_text("12")
    expect(page.get_by_test_id("origen")).to_contain_text("Dato informado por ti el")


def test_a_rejected_report_keeps_the_choice_and_its_fields_shown(gave_up_page: Page):
    page = gave_up_page
    page.get_by_label("Aparece el lugar de votación").check()
    page.get_by_label("Municipio", exact=True).fill("Tunja")
    page.get_by_role("button", name="Guardar lo que me salió").click()

    # Summarised at the top of the form, which the page opens on, and next to the field.
    expect(page).to_have_title("Error: Inicio · Página Madre")
    expect(page.get_by_test_id("error-summary")).to_be_focused()
    expect(page.get_by_role("link", name="Elige el departamento.")).to_be_visible()
    expect(page.locator(".invalid-feedback", has_text="Elige el departamento.")).to_be_visible()
    expect(page.get_by_label("Aparece el lugar de votación")).to_be_checked()
    expect(page.get_by_label("Municipio", exact=True)).to_have_value("Tunja")
    expect(page.get_by_label("Novedad", exact=True)).to_be_hidden()
