"""Registration sent with mistakes in a real browser, on a desktop and on a 360 px phone: the
page opens on its error summary, focused and in view, whose links take the focus to their
fields, and nothing is drawn as valid."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {"escritorio": {"width": 1280, "height": 800}, "celular": {"width": 360, "height": 740}}
# Bootstrap's "valid" green, on borders, text or icons.
GREEN = "rgb(25, 135, 84)"


def send_registration_with_mistakes(page: Page) -> None:
    page.goto("/registro/")
    page.get_by_label("Nombre completo").fill("Policarpa Salavarrieta")
    page.get_by_label("Cédula").fill("12")
    page.get_by_label("Contraseña", exact=True).fill("Clave-segura-2026")
    page.get_by_label("Repite la contraseña").fill("Otra-clave-2026")
    page.get_by_role("button", name="Registrarme").click()


def green_things(page: Page) -> list[str]:
    """Every element drawn valid: Bootstrap's class, or its green on a border or the text."""
    return page.evaluate(
        """(green) => [...document.querySelectorAll('body *')]
            .filter((element) => {
                const style = getComputedStyle(element);
                return element.matches('.is-valid, .valid-feedback, .valid-tooltip')
                    || style.borderTopColor === green || style.color === green;
            })
            .map((element) => element.outerHTML.slice(0, 80))""",
        GREEN,
    )


@pytest.mark.parametrize("screen", SCREENS.values(), ids=SCREENS.keys())
def test_registration_with_mistakes_opens_on_a_focused_summary_and_nothing_green(
    browser_page: Page, screen: dict[str, int]
):
    page = browser_page
    page.set_viewport_size(screen)

    send_registration_with_mistakes(page)

    summary = page.get_by_role("alert").filter(has_text="Hay un problema")
    expect(page).to_have_title(re.compile(r"^Error: Registro"))
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary.get_by_role("link")).to_have_text(
        [
            "La cédula debe tener entre 3 y 10 dígitos.",
            "Escribe tu número de teléfono.",
            re.compile("^Las dos contraseñas no coinciden"),
            "Debes aceptar la política de datos para registrarte.",
        ]
    )
    expect(summary).to_contain_text("vaciamos los campos de contraseña")
    expect(page.get_by_label("Nombre completo")).to_have_value("Policarpa Salavarrieta")
    expect(page.get_by_label("Contraseña", exact=True)).to_have_value("")
    assert green_things(page) == []


@pytest.mark.parametrize("screen", SCREENS.values(), ids=SCREENS.keys())
def test_a_link_of_the_summary_takes_the_focus_to_its_field(
    browser_page: Page, screen: dict[str, int]
):
    page = browser_page
    page.set_viewport_size(screen)
    send_registration_with_mistakes(page)

    page.get_by_role("link", name="Debes aceptar la política de datos").click()

    policy = page.get_by_role("checkbox", name=re.compile("^Acepto la"))
    expect(policy).to_be_focused()
    expect(policy).to_be_in_viewport()
    page.keyboard.press("Space")
    expect(policy).to_be_checked()
