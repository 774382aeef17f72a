"""The census card's election block, at a desktop's size and a phone's: the countdown with
the offer of a text the day before, then, on the day, "Hoy votas en …" leading with what
to bring; no serious or critical axe-core violation in either."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect
from support.accessibility import assert_accessible

from cedula_domain import AnswerSource, LookupStatus
from integration.accessibility.screens import at_each_screen, log_in, set_lookup, someone
from integration.elections.election_fixtures import ELECTION_DAY
from integration.portal.census_support import PLACE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_countdown_and_the_day_itself_are_readable_on_a_phone_and_a_desktop(
    browser_page: Page, live_server, election, today
) -> None:
    person = someone("52345678")
    set_lookup(
        person,
        status=LookupStatus.FOUND,
        voting_place=PLACE,
        fetched_at=datetime.now(UTC),
        source=AnswerSource.REGISTRADURIA,
        attempts=1,
    )
    log_in(browser_page, person, live_server.url)
    page = browser_page
    card = page.locator("#censo")

    today(ELECTION_DAY - timedelta(days=12))
    page.goto("/")
    for screen in at_each_screen(page):
        expect(card.get_by_test_id("cuenta-regresiva")).to_have_text(
            "Faltan 12 días para las elecciones de Congreso, el domingo 8 de marzo."
        )
        assert_accessible(page, f"cuenta regresiva {screen}")
    card.get_by_role("button", name="Avísame por SMS el día antes").click()
    expect(card.get_by_test_id("recordatorio-pedido")).to_be_visible()

    today(ELECTION_DAY, hour=7)
    page.goto("/")
    for screen in at_each_screen(page):
        expect(card.locator("#censo-titulo")).to_have_text(
            "Hoy votas en IE INEM JOSE FELIX DE RESTREPO, mesa 7"
        )
        bring = card.get_by_test_id("hoy-que-llevar")
        expect(bring).to_contain_text("lleva tu cédula original")
        heading_box = card.locator("#censo-titulo").bounding_box()
        bring_box = bring.bounding_box()
        address_box = card.get_by_text("CARRERA 48 # 1-125").bounding_box()
        assert heading_box
        assert bring_box
        assert address_box
        assert heading_box["y"] < bring_box["y"] < address_box["y"], screen
        assert_accessible(page, f"dia de la eleccion {screen}")
