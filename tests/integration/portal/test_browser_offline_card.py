"""The card on the phone, in a real Chromium with the network cut: kept only when the
person asks, shown at "/" without a connection with its date and saying it is offline,
and gone with the logout, so the next person on the phone never sees it."""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from accounts.models import CustomUser
from cedula_domain import AnswerSource, LookupStatus
from census.web_app import CARD_CACHE
from integration.accessibility.screens import log_in, set_lookup, someone
from integration.portal.census_support import PLACE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Policarpa Salavarrieta"
CONFIRMED = datetime(2026, 3, 2, 15, 40, tzinfo=UTC)  # 10:40 in Bogotá
KEEP = "Guardar en este celular para verla sin conexión"
WORKERS = "navigator.serviceWorker.getRegistrations().then(found => found.length)"


@pytest.fixture
def found(db: None) -> CustomUser:
    """Someone whose voting place the Registraduría's page gave."""
    person = someone("1020304050", NAME)
    set_lookup(
        person,
        status=LookupStatus.FOUND,
        voting_place=PLACE,
        source=AnswerSource.REGISTRADURIA,
        fetched_at=CONFIRMED,
    )
    return person


def test_a_card_kept_on_the_phone_shows_offline_until_the_person_logs_out(
    browser_page: Page, live_server, found: CustomUser
):
    page = browser_page
    log_in(page, found, live_server.url)
    page.goto("/")
    expect(page.get_by_test_id("puesto")).to_have_text(PLACE.puesto)
    # Nothing is kept, no worker runs, before the person asks.
    assert CARD_CACHE not in page.evaluate("caches.keys()")
    assert page.evaluate(WORKERS) == 0

    page.get_by_role("button", name=KEEP).click()
    expect(page.locator("[data-estado-celular]")).to_contain_text("quedó guardada")
    page.context.set_offline(True)
    page.reload()

    expect(page.get_by_test_id("sin-conexion")).to_contain_text(
        re.compile(r"Sin conexión: esta es tu tarjeta guardada el \d+ de \w+ de \d{4}")
    )
    expect(page.get_by_test_id("nombre")).to_have_text(NAME)
    expect(page.get_by_test_id("puesto")).to_have_text(PLACE.puesto)
    expect(page.get_by_test_id("mesa")).to_have_text(PLACE.mesa)
    expect(page.get_by_test_id("direccion")).to_have_text(PLACE.direccion)
    expect(page.get_by_test_id("confirmado")).to_have_text(
        "Lugar confirmado el 2 de marzo de 2026, 10:40."
    )
    # Styled from the files kept with it: the card's own rule applies.
    assert page.locator(".keepsake-mesa").evaluate("el => getComputedStyle(el).fontWeight") == "700"

    page.context.set_offline(False)
    page.goto("/")
    page.get_by_role("button", name="Salir").click()
    expect(page.get_by_role("heading", name=re.compile("Ingresa"))).to_be_visible()
    assert page.evaluate("caches.keys()") == []
    assert page.evaluate(WORKERS) == 0

    page.context.set_offline(True)
    with contextlib.suppress(PlaywrightError):  # nothing answers "/": the browser's own page
        page.goto("/")
    shown = settled_content(page)
    assert NAME not in shown
    assert PLACE.puesto not in shown


# The page's script and the worker, as the home page talks to them: the card kept again
# (as on every visit) and, before it was read, forgotten (a logout, or "Quitar").
KEEP_THEN_FORGET = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const talk = (type) => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data.ok);
    registration.active.postMessage({ type }, [channel.port2]);
  });
  const done = await Promise.all([talk("keep"), talk("forget")]);
  return { done, caches: await caches.keys() };
}"""


def test_a_card_forgotten_while_it_was_kept_again_stays_forgotten(
    browser_page: Page, live_server, found: CustomUser
):
    page = browser_page
    log_in(page, found, live_server.url)
    page.goto("/")
    page.get_by_role("button", name=KEEP).click()
    expect(page.locator("[data-estado-celular]")).to_contain_text("quedó guardada")

    answered = page.evaluate(KEEP_THEN_FORGET)

    assert answered["done"] == [False, True]  # the keep gave way
    assert CARD_CACHE not in answered["caches"]


def settled_content(page: Page) -> str:
    """The page the browser settles on: offline, a failed navigation goes on to the
    browser's own error page, and reading while it does fails; read again once it loaded."""
    for _ in range(20):
        try:
            page.wait_for_load_state("load")
            return page.content()
        except PlaywrightError:
            continue
    raise AssertionError("the page kept navigating")
