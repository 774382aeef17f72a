"""Content-Security-Policy: only the portal's own files run or style a page, nothing
inline, and the pages still work in a real browser under it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from accounts.models import CustomUser
from accounts.privacy.consents import accept_policy
from integration.portal.census_support import as_operator
from integration.portal.csp_support import watch_for_violations
from integration.portal.registration_support import PASSWORD

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.IGNORECASE)
PUBLIC_PAGES = ["/ingresar/", "/registro/", "/politica-de-datos/"]
PERSON_PAGES = ["/", "/perfil/", "/censo/tarjeta/"]
OPERATOR_PAGES = ["/admin/", "/admin/census/cedulainfo/", "/admin/accounts/customuser/"]


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        directive.split()[0]: directive.partition(" ")[2]
        for directive in (part.strip() for part in header.split(";"))
        if directive
    }


def assert_nothing_inline(html: str) -> None:
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
    assert not INLINE_STYLE.search(html), INLINE_STYLE.search(html)
    assert not EVENT_HANDLER.search(html), EVENT_HANDLER.search(html)


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_carry_the_policy_and_nothing_inline(client: Client, url: str):
    response = client.get(url)

    assert response.status_code == 200
    assert policy(response)["default-src"] == "'self'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert_nothing_inline(response.text)


@pytest.mark.django_db
@pytest.mark.parametrize("url", PERSON_PAGES)
def test_a_person_s_pages_carry_the_policy_and_nothing_inline(logged_in: Client, url: str):
    response = logged_in.get(url)

    assert response.status_code == 200
    assert policy(response)["default-src"] == "'self'"
    assert_nothing_inline(response.text)


@pytest.mark.django_db
@pytest.mark.parametrize("url", OPERATOR_PAGES)
def test_the_admin_pages_carry_the_policy_and_nothing_inline(client: Client, url: str):
    response = as_operator(client).get(url)

    assert response.status_code == 200
    assert policy(response)["default-src"] == "'self'"
    assert_nothing_inline(response.text)


@pytest.mark.django_db
def test_the_policy_forbids_framing_plugins_and_foreign_forms(client: Client):
    directives = policy(client.get("/ingresar/"))

    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["base-uri"] == "'self'"


# In a real browser


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_main_pages_report_no_policy_violation_in_the_browser(browser_page: Page):
    page = browser_page
    violations = watch_for_violations(page)
    # Registered: the policy accepted, the first lookup asked for.
    accept_policy(
        user=CustomUser.objects.create_user(
            "52345678", PASSWORD, nombre_completo="Policarpa Salavarrieta", telefono="+573104567890"
        )
    )
    CustomUser.objects.create_superuser(
        "1010101", "Admin-clave-2026", nombre_completo="Operadora", telefono="+573001234567"
    )

    page.goto("/registro/")
    page.get_by_label("Cédula").press_sequentially("1.2a3")
    expect(page.get_by_label("Cédula")).to_have_value("123")
    page.goto("/ingresar/")
    page.get_by_label("Cédula").fill("52345678")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    expect(page.get_by_role("heading", name="Hola, Policarpa")).to_be_visible()
    # The card is still waiting for its lookup: htmx asks for it again and swaps it in.
    with page.expect_response(lambda response: "/censo/tarjeta/" in response.url):
        pass
    expect(page.locator("#censo")).to_be_visible()
    page.get_by_role("link", name="Mi perfil").click()
    expect(page.get_by_role("heading", name="Mi perfil")).to_be_visible()
    # The menu collapses on a narrow screen: Bootstrap's script must run for it to open.
    page.set_viewport_size({"width": 400, "height": 800})
    page.get_by_role("button", name="Abrir el menú").click()
    page.get_by_role("button", name="Salir").click()

    page.goto("/admin/")
    page.get_by_label("Cédula").fill("1010101")
    page.get_by_label("Contraseña").fill("Admin-clave-2026")
    page.get_by_role("button", name="Iniciar sesión").click()
    page.goto("/admin/census/cedulainfo/")
    expect(page.get_by_text("52345678")).to_be_visible()
    page.get_by_role("link", name="52345678").first.click()
    expect(page).to_have_url(re.compile(r"/admin/census/cedulainfo/\d+/change/$"))
    page.wait_for_load_state("load")

    assert violations == []
