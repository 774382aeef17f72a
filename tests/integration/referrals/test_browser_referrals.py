"""On a phone 360 px wide, in a real Chromium: the link, its QR code (decoded from what the
screen shows), the copy button, registering through the link, and a long list of people
page by page."""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect
from support.accessibility import assert_accessible

from integration.accessibility.screens import at_each_screen, log_in
from integration.referrals.referral_support import (
    make_person,
    many_brought_by,
    matched,
    official_place,
)
from referrals.models import Referral
from referrals.selectors import PEOPLE_PER_PAGE
from referrals.services import link_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def fits_the_screen(page: Page) -> bool:
    """Nothing sticks out sideways: no horizontal scrolling on the phone."""
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_phone_the_qr_code_reads_as_the_link_and_a_visitor_registers_through_it(
    browser_page: Page,
):
    ana = make_person("1020304050", "Ana María Ríos")
    page = browser_page
    page.set_viewport_size(PHONE)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/ingresar/")
    page.get_by_label("Cédula").fill(ana.cedula)
    page.get_by_label("Contraseña").fill("Clave-segura-2026")
    page.get_by_role("button", name="Ingresar").click()
    expect(page.get_by_role("heading", name="Hola, Ana")).to_be_visible()

    page.get_by_role("button", name="Abrir el menú").click()
    page.get_by_role("link", name="Mis referidos").click()
    expect(page.get_by_role("heading", name="Mis referidos")).to_be_visible()
    link = page.get_by_test_id("enlace").input_value()
    assert re.fullmatch(r"http://localhost:\d+/r/[A-Za-z0-9_-]{16}/", link)
    assert fits_the_screen(page)

    qr = page.get_by_test_id("qr").locator("svg")
    expect(qr).to_be_in_viewport(ratio=0.1)
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))
    assert [code.text for code in decoded] == [link]

    page.get_by_role("button", name="Copiar").click()
    expect(page.get_by_role("button", name="¡Copiado!")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link
    whatsapp = page.get_by_role("link", name="Compartir por WhatsApp")
    assert whatsapp.get_attribute("href").startswith("https://wa.me/?text=")

    visitor = page.context.browser.new_context(
        base_url=page.url.split("/referidos/")[0], viewport=PHONE, locale="es-CO"
    )
    phone = visitor.new_page()
    phone.set_default_timeout(10_000)
    try:
        phone.goto(link)
        expect(phone).to_have_url(re.compile(r"/registro/$"))
        expect(phone.get_by_test_id("invitacion")).to_contain_text("Te invitó Ana")
        consent = phone.get_by_label("Autorizo que Ana vea el resultado de mi consulta")
        assert "Ríos" not in phone.content()
        expect(consent).not_to_be_checked()
        assert fits_the_screen(phone)
        phone.get_by_label("Nombre completo").fill("Beto Pérez")
        phone.get_by_label("Cédula", exact=True).fill("43210987")
        phone.get_by_label("Teléfono").fill("3104567890")
        phone.get_by_label("Contraseña", exact=True).fill("Clave-segura-2026")
        phone.get_by_label("Repite la contraseña").fill("Clave-segura-2026")
        phone.get_by_label("Acepto la").check()
        consent.check()
        phone.get_by_role("button", name="Registrarme").click()
        expect(phone.get_by_role("heading", name="Hola, Beto")).to_be_visible()
    finally:
        visitor.close()

    page.reload()
    expect(page.get_by_test_id("persona")).to_contain_text("Beto Pérez")
    assert fits_the_screen(page)
    referral = Referral.objects.get()
    assert (referral.referrer, referral.referred.cedula) == (ana, "43210987")
    assert referral.consent_entries.get().change == "granted"
    assert not [text for text in console if "Content Security Policy" in text]


def test_on_a_phone_a_long_list_of_people_goes_page_by_page_and_stays_accessible(
    browser_page: Page, live_server
):
    ana = make_person("1020304050", "Ana María Ríos")
    link_for(owner=ana)
    people = many_brought_by(ana, PEOPLE_PER_PAGE + 10)
    # One puesto in seven is on the official list: the others are marked not verified.
    listed = official_place("01-001-01-01", "ANTIOQUIA", "MEDELLIN", "PUESTO 0")
    for person in people[::7]:
        matched(person, listed)
    page = browser_page
    log_in(page, ana, live_server.url)
    page.goto("/referidos/")
    for screen in at_each_screen(page):
        assert_accessible(page, f"referidos con paginas {screen}")

    page.set_viewport_size(PHONE)
    assert fits_the_screen(page)
    expect(page.get_by_test_id("por-puesto")).to_contain_text("código 01-001-01-01")
    expect(page.get_by_test_id("codigo").first).to_contain_text("Puesto oficial")
    expect(page.get_by_test_id("sin-verificar").first).to_be_visible()
    pages = page.get_by_role("navigation", name="Páginas de la lista de personas")
    expect(pages).to_contain_text("Página 1 de 2")
    expect(page.get_by_test_id("persona")).to_have_count(PEOPLE_PER_PAGE)
    pages.get_by_role("link", name="Página siguiente").click()

    expect(pages).to_contain_text("Página 2 de 2")
    expect(page.get_by_test_id("persona")).to_have_count(10)
    expect(page.get_by_test_id("persona").first).to_contain_text("Persona 0009")
    expect(page.get_by_test_id("origen").first).to_contain_text("Registraduría")
    assert fits_the_screen(page)
    assert_accessible(page, "referidos pagina 2 celular")
    pages.get_by_role("link", name="Primera página").click()
    expect(pages).to_contain_text("Página 1 de 2")
