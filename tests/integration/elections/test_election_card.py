"""The census card counts down to the election and, on the day, leads with where the
person votes today and what to bring. With no election announced, or once it passed, or
without a place on the card, it says nothing of it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser
from cedula_domain import AnswerSource, LookupStatus
from elections.models import ReminderConsentLine
from integration.elections.election_fixtures import ELECTION_DAY
from integration.portal.census_support import PLACE, store

pytestmark = pytest.mark.django_db


def found(person: CustomUser) -> None:
    store(
        person,
        status=LookupStatus.FOUND,
        voting_place=PLACE,
        source=AnswerSource.REGISTRADURIA,
        fetched_at=datetime.now(UTC),
    )


def card(client: Client) -> str:
    return client.get(reverse("census:home")).text


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def part(page: str, marker: str) -> str | None:
    """The words of the element marked ``marker`` (an attribute, as written), if shown."""
    found = re.search(rf"<(\w+)[^>]*{marker}[^>]*>(.*?)</\1>", page, re.S)
    return words(found.group(2)) if found else None


def heading(page: str) -> str:
    shown = part(page, 'id="censo-titulo"')
    assert shown is not None
    return shown


def test_twelve_days_before_the_card_counts_down_and_offers_the_text(
    logged_in: Client, person: CustomUser, election: date, today
) -> None:
    found(person)
    today(ELECTION_DAY - timedelta(days=12))

    shown = card(logged_in)

    assert heading(shown).startswith("Votas en IE INEM JOSE FELIX DE RESTREPO")
    assert (part(shown, 'data-testid="cuenta-regresiva"')) == (
        "Faltan 12 días para las elecciones de Congreso, el domingo 8 de marzo."
    )
    assert part(shown, 'data-testid="pedir-recordatorio"') is not None
    assert part(shown, 'data-testid="que-llevar"') is not None


def test_the_day_before_the_card_says_tomorrow(
    logged_in: Client, person: CustomUser, election: date, today
) -> None:
    found(person)
    today(ELECTION_DAY - timedelta(days=1), hour=23, minute=30)

    assert part(card(logged_in), 'data-testid="cuenta-regresiva"') == (
        "Mañana, domingo 8 de marzo, son las elecciones de Congreso."
    )


def test_on_the_day_the_card_leads_with_where_the_person_votes_today_and_what_to_bring(
    logged_in: Client, person: CustomUser, election: date, today
) -> None:
    found(person)
    today(ELECTION_DAY, hour=7)

    shown = card(logged_in)

    assert heading(shown) == "Hoy votas en IE INEM JOSE FELIX DE RESTREPO, mesa 7"
    assert part(shown, 'data-testid="hoy"') == (
        "Hoy, domingo 8 de marzo, son las elecciones de Congreso."
    )
    assert "lleva tu cédula original" in (part(shown, 'data-testid="hoy-que-llevar"') or "")
    # What to bring comes first, right under the heading, before the place's details.
    assert shown.index('data-testid="hoy-que-llevar"') < shown.index('data-testid="lugar"')
    assert part(shown, 'data-testid="que-llevar"') is None
    assert part(shown, 'data-testid="cuenta-regresiva"') is None
    assert part(shown, 'data-testid="pedir-recordatorio"') is None


def test_the_card_alone_the_page_polls_says_the_same_on_the_day(
    logged_in: Client, person: CustomUser, election: date, today
) -> None:
    found(person)
    today(ELECTION_DAY, hour=10)

    alone = logged_in.get(reverse("census:card")).text

    assert heading(alone).startswith("Hoy votas en")


@pytest.mark.parametrize(
    "day", [ELECTION_DAY + timedelta(days=1), ELECTION_DAY + timedelta(days=200)]
)
def test_once_the_election_passed_the_card_says_nothing_of_it(
    logged_in: Client, person: CustomUser, election: date, today, day: date
) -> None:
    found(person)
    today(day)

    shown = card(logged_in)

    assert part(shown, 'data-testid="eleccion"') is None
    assert heading(shown).startswith("Votas en")


def test_without_an_election_announced_nothing_shows(
    logged_in: Client, person: CustomUser, settings, today
) -> None:
    settings.ELECTION_DATE = None
    found(person)
    today(ELECTION_DAY)

    shown = card(logged_in)

    assert part(shown, 'data-testid="eleccion"') is None
    assert heading(shown).startswith("Votas en")


def test_a_card_without_a_place_says_nothing_of_the_election(
    logged_in: Client, person: CustomUser, election: date, today
) -> None:
    store(person, status=LookupStatus.NOT_FOUND, fetched_at=datetime.now(UTC))
    today(ELECTION_DAY)

    assert part(card(logged_in), 'data-testid="eleccion"') is None


def test_asking_for_the_text_from_the_card_writes_a_consent_line_and_the_card_says_so(
    logged_in: Client, person: CustomUser, election: date, today
) -> None:
    found(person)
    today(ELECTION_DAY - timedelta(days=3))

    response = logged_in.post(
        reverse("elections:reminder"), {"recordatorio": "si", "desde": "inicio"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("census:home")
    assert "te enviamos un SMS con tu puesto y tu mesa" in response.text
    shown = response.text
    assert part(shown, 'data-testid="recordatorio-pedido"') is not None
    assert part(shown, 'data-testid="pedir-recordatorio"') is None
    assert list(ReminderConsentLine.objects.values_list("user", "change")) == [
        (person.pk, "granted")
    ]


def test_after_eight_the_night_before_the_text_is_no_longer_offered(
    logged_in: Client, person: CustomUser, election: date, today
) -> None:
    found(person)
    today(ELECTION_DAY - timedelta(days=1), hour=20)

    assert part(card(logged_in), 'data-testid="pedir-recordatorio"') is None
