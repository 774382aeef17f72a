"""Every page a person meets, at a desktop's size and a phone's, with no serious or
critical axe-core violation (the census card's states have their own tests)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from support.accessibility import assert_accessible

from integration.accessibility.screens import PASSWORD, at_each_screen, log_in, someone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check_at_each_screen(page: Page, name: str) -> None:
    for screen in at_each_screen(page):
        assert_accessible(page, f"{name} {screen}")


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("portada", "/"),
        ("ingresar", "/ingresar/"),
        ("recuperar", "/recuperar/"),
        ("recuperar codigo", "/recuperar/codigo/"),
        ("politica de datos", "/politica-de-datos/"),
        ("reclamar", "/reclamar/"),
    ],
)
def test_a_visitors_page_is_accessible(browser_page: Page, name: str, path: str):
    browser_page.goto(path)

    check_at_each_screen(browser_page, name)


def test_the_registration_form_with_errors_is_accessible(browser_page: Page):
    page = browser_page
    page.goto("/registro/")
    page.get_by_role("button", name="Registrarme").click()
    expect(page).to_have_title(re.compile("^Error"))

    check_at_each_screen(page, "registro con errores")


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("perfil", "/perfil/"),
        ("referidos", "/referidos/"),
        ("mis datos", "/perfil/mis-datos/"),
        ("politica de datos", "/politica-de-datos/"),
    ],
)
def test_a_persons_page_is_accessible(browser_page: Page, live_server, name: str, path: str):
    log_in(browser_page, someone("52345678"), live_server.url)
    browser_page.goto(path)

    check_at_each_screen(browser_page, f"{name} con sesion")


def test_the_goodbye_after_deleting_the_account_is_accessible(browser_page: Page, live_server):
    page = browser_page
    log_in(page, someone("52345678"), live_server.url)
    page.goto("/perfil/eliminar/")
    page.get_by_label("Tu contraseña actual").fill(PASSWORD)
    page.get_by_role("button", name="Eliminar mi cuenta y todos mis datos").click()

    expect(page.get_by_role("heading", name="Borramos tu cuenta y todos tus datos")).to_be_visible()
    expect(page.get_by_role("link", name="Ir al inicio")).to_be_visible()
    check_at_each_screen(page, "cuenta eliminada")


def test_the_page_not_found_is_accessible(browser_page: Page):
    response = browser_page.goto("/no-existe/")
    assert response is not None
    assert response.status == 404

    check_at_each_screen(browser_page, "404")


def test_the_page_of_a_refused_form_is_accessible(browser_page: Page):
    page = browser_page
    page.goto("/ingresar/")
    # Any response rendered after the cookies go (an icon, a late asset) would hand out a
    # fresh CSRF cookie: they go once the page has stopped fetching, so the form is refused.
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()
    page.get_by_label("Cédula").fill("52345678")
    page.get_by_label("Contraseña").fill("Clave-segura-2026")
    with page.expect_response(lambda response: response.status == 403):
        page.get_by_role("button", name="Ingresar").click()

    check_at_each_screen(page, "403 formulario")


def test_the_page_of_a_method_not_allowed_is_accessible(browser_page: Page, live_server):
    log_in(browser_page, someone("52345678"), live_server.url)
    response = browser_page.goto("/censo/actualizar/")
    assert response is not None
    assert response.status == 405

    check_at_each_screen(browser_page, "405")


def test_the_page_of_a_server_failure_is_accessible(browser_page: Page, live_server, settings):
    settings.ROOT_URLCONF = "integration.accessibility.failing_urls"
    log_in(browser_page, someone("52345678"), live_server.url)
    response = browser_page.goto("/fallo-de-prueba/")
    assert response is not None
    assert response.status == 500

    check_at_each_screen(browser_page, "500")
