"""The card to keep ("Guárdalo"), as its printable page shows it on a phone and a laptop."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from support.accessibility import assert_accessible

from cedula_domain import AnswerSource, LookupStatus
from integration.accessibility.screens import at_each_screen, log_in, set_lookup, someone
from integration.portal.census_support import PLACE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_printable_card_reads_well_at_each_screen_and_prints_alone(
    browser_page: Page, live_server
):
    person = someone("52345678")
    set_lookup(
        person,
        status=LookupStatus.FOUND,
        voting_place=PLACE,
        source=AnswerSource.REGISTRADURIA,
        fetched_at=datetime.now(UTC),
    )
    log_in(browser_page, person, live_server.url)
    browser_page.goto(reverse("census:keepsake"))
    # The print button is the static script's: shown once it can print.
    expect(browser_page.get_by_role("button", name="Imprimir")).to_be_visible()

    for screen in at_each_screen(browser_page):
        assert_accessible(browser_page, f"tarjeta para guardar ({screen})")

    # On paper: the card alone, without the site's frame or the buttons.
    browser_page.emulate_media(media="print")
    expect(browser_page.get_by_role("navigation", name="Principal")).to_be_hidden()
    expect(browser_page.get_by_test_id("pie")).to_be_hidden()
    expect(browser_page.get_by_role("button", name="Imprimir")).to_be_hidden()
    expect(browser_page.get_by_test_id("puesto")).to_have_text(PLACE.puesto)
