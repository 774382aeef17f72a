""" "Volver a consultar" is offered only when it would be accepted: pressed whenever it
shows, it starts a new lookup and lands back on the home page; when it would be refused,
the card says from when instead."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from support.accessibility import assert_accessible

from cedula_domain import AnswerSource, Cancellation, FailureKind, LookupStatus, Restriction
from census.models import CedulaInfo
from integration.accessibility.screens import SCREENS, at_each_screen, log_in, set_lookup, someone
from integration.portal.census_support import PLACE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_AGO = datetime.now(UTC) - timedelta(hours=2)
FOUND = {
    "status": LookupStatus.FOUND,
    "voting_place": PLACE,
    "source": AnswerSource.REGISTRADURIA,
    "attempts": 1,
}
# Final lookups a refresh would be accepted for now.
OFFERED = {
    "an answer older than the interval": {
        **FOUND,
        "requested_at": LONG_AGO,
        "fetched_at": LONG_AGO,
    },
    "a lookup that got no answer": {
        "status": LookupStatus.ERROR,
        "attempts": 3,
        "last_failure_kind": FailureKind.UNAVAILABLE,
    },
    "an answer the person told after it": {
        "status": LookupStatus.NOT_FOUND,
        "attempts": 3,
        "source": AnswerSource.PERSON,
        "fetched_at": datetime.now(UTC),
    },
}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("lookup", OFFERED)
def test_volver_a_consultar_is_accepted_whenever_it_is_offered(
    browser_page: Page, live_server, lookup: str, screen: str
):
    person = someone("52345678")
    set_lookup(person, **OFFERED[lookup])
    page = browser_page
    page.set_viewport_size(SCREENS[screen])
    log_in(page, person, live_server.url)
    page.goto("/")

    page.get_by_role("button", name="Volver a consultar").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_text("Pedimos una nueva consulta")).to_be_visible()
    expect(page.get_by_text("Ya consultamos hace poco")).to_have_count(0)
    expect(page.locator("#censo")).to_have_attribute("data-status", "pending")
    assert CedulaInfo.objects.get(cedula=person.cedula).status == "pending"
    assert_accessible(page, f"tarjeta nueva consulta tras {lookup} {screen}")


@pytest.mark.parametrize(
    "answer",
    [
        FOUND,
        {
            "status": LookupStatus.CANCELLED,
            "cancellation": Cancellation(novedad="Cancelada por Extranjería"),
            "source": AnswerSource.REGISTRADURIA,
        },
        {
            "status": LookupStatus.NOT_ENABLED,
            "restriction": Restriction(reason="No se encuentra habilitado para votar"),
            "source": AnswerSource.REGISTRADURIA,
        },
    ],
    ids=["found", "cancelled", "not enabled"],
)
def test_a_refresh_that_would_be_refused_is_not_offered_and_the_card_says_from_when(
    browser_page: Page, live_server, answer: dict
):
    person = someone("52345678")
    requested = datetime.now(UTC) - timedelta(minutes=20)
    set_lookup(person, requested_at=requested, fetched_at=requested, **answer)
    page = browser_page
    log_in(page, person, live_server.url)
    page.goto("/")

    available = timezone.localtime(requested + timedelta(hours=1))
    # "las 16:40", or with the date when that is tomorrow already.
    sentence = re.compile(
        rf"^Podrás volver a consultar desde (las|el .+ a las) {available:%H:%M}\.$"
    )
    for screen in at_each_screen(page):
        card = page.locator("#censo")
        expect(card.get_by_role("button", name="Volver a consultar")).to_have_count(0)
        expect(card.get_by_test_id("consultar-despues")).to_have_text(sentence)
        assert_accessible(page, f"tarjeta sin nueva consulta {answer['status'].value} {screen}")


def test_asking_for_the_refresh_page_directly_is_not_a_bare_browser_error(
    browser_page: Page, live_server
):
    person = someone("52345678")
    set_lookup(person, **OFFERED["a lookup that got no answer"])
    log_in(browser_page, person, live_server.url)

    response = browser_page.goto("/censo/actualizar/")

    assert response is not None
    assert response.status == 405
    expect(browser_page.get_by_role("heading", level=1)).to_be_visible()
    expect(browser_page.locator("body")).not_to_contain_text(re.compile("HTTP ERROR", re.I))
    assert CedulaInfo.objects.get(cedula=person.cedula).status == "error"
