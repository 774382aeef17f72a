"""What the card's polling costs: an answer unchanged since the caller's copy is a 304,
and a card far back in line asks less often (census/rules/card_polling.py)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from attrs import evolve
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import CustomUser
from adapters.django_repository import DjangoCedulaRepository
from cedula_domain import LookupStatus
from integration.portal.census_support import PLACE, store

pytestmark = pytest.mark.django_db

STATUS = reverse("census:status")
CARD = reverse("census:card")


def lookup_queries(queries: CaptureQueriesContext) -> list[str]:
    """What the census asked the database (the lookup's row, the site's state)."""
    return [
        query["sql"]
        for query in queries.captured_queries
        if "cedulainfo" in query["sql"] or "sourcestate" in query["sql"]
    ]


def test_an_unchanged_answer_is_a_304_and_a_changed_one_comes_whole(logged_in: Client, person):
    record = store(person, status=LookupStatus.FOUND, voting_place=PLACE)

    first = logged_in.get(STATUS)
    assert first.status_code == 200
    # Still nothing of it kept by the browser: the caller holds the tag (census-card.js).
    assert "no-store" in first["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        again = logged_in.get(STATUS, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert len(lookup_queries(queries)) == 1

    DjangoCedulaRepository().save(evolve(record, voting_place=evolve(PLACE, mesa="8")))
    changed = logged_in.get(STATUS, headers={"if-none-match": first["ETag"]})

    assert changed.status_code == 200
    assert changed.json()["voting_place"]["mesa"] == "8"
    assert changed["ETag"] != first["ETag"]


def test_a_waiting_card_unchanged_is_a_304_until_the_line_moves(logged_in: Client, person):
    store(person)
    first = logged_in.get(CARD)
    assert first.status_code == 200
    assert "Tu consulta es la siguiente" in first.text

    assert logged_in.get(CARD, headers={"if-none-match": first["ETag"]}).status_code == 304

    ahead = CustomUser.objects.create_user(
        "1000000001", None, nombre_completo="Alguien", telefono="+573005550000"
    )
    store(ahead, requested_at=timezone.now() - timedelta(minutes=5))
    moved = logged_in.get(CARD, headers={"if-none-match": first["ETag"]})

    assert moved.status_code == 200
    assert "Hay 1 consulta antes que la tuya" in moved.text


def test_a_waiting_lookups_json_is_a_304_while_its_estimate_holds(logged_in: Client, person):
    store(person)
    # Its estimates move with the clock, to the minute: of two polls in a row, only one
    # that crosses a minute may come whole.
    copy = logged_in.get(STATUS)
    for _ in range(2):
        again = logged_in.get(STATUS, headers={"if-none-match": copy["ETag"]})
        if again.status_code == 304:
            break
        copy = again

    assert again.status_code == 304


def test_after_someone_else_logs_in_the_previous_copy_never_matches(
    client: Client, person, other_person
):
    for someone in (person, other_person):
        store(someone, status=LookupStatus.FOUND, voting_place=PLACE)
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    tag = client.get(STATUS)["ETag"]

    client.force_login(other_person, backend="django.contrib.auth.backends.ModelBackend")

    assert client.get(STATUS, headers={"if-none-match": tag}).status_code == 200


def test_a_card_far_back_in_line_polls_less_often(logged_in: Client, person):
    long_ago = timezone.now() - timedelta(hours=1)
    for number in range(60):
        ahead = CustomUser.objects.create_user(
            f"10000000{number:02}", None, nombre_completo="Alguien", telefono="+573005550000"
        )
        store(ahead, requested_at=long_ago)
    store(person)

    card = logged_in.get(CARD).text

    seconds = int(re.search(r'hx-trigger="every (\d+)s"', card)[1])
    assert 15 <= seconds <= 60
