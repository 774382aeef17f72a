"""What the census tables store is the domain's codes, whatever the presenter's words: a
row written through the adapters holds each enum's value, and every choice a field offers
is one of them. Rewording census.presenter must leave the stored rows as they are."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from attrs import evolve
from fakes import ended_at

from accounts.models import CustomUser
from adapters.django_source import DjangoSourceRepository
from cedula_domain import (
    OUTCOME_NAMES,
    AnswerSource,
    Blocked,
    BlockKind,
    Breaker,
    BreakerState,
    Cancellation,
    Cancelled,
    FailureKind,
    Found,
    LookupStatus,
    NotEnabled,
    NotFound,
    PageChanged,
    PlaceMatch,
    Priority,
    Unavailable,
    Unmatched,
    outcome_name,
)
from census.models import CedulaInfo, LookupAttempt, SourceState
from census.presenter import (
    BLOCK_WORDS,
    BREAKER_WORDS,
    ENGINE_WORDS,
    FAILURE_WORDS,
    OUTCOME_WORDS,
    SOURCE_WORDS,
    STATUS_WORDS,
    UNMATCHED_WORDS,
)
from integration.portal.census_support import PLACE, store
from pagina_madre.bootstrap.census_lookup import ENGINE_NAMES

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 1, 15, 0, tzinfo=UTC)
# Each coded column, the domain enum that names what it stores, and the presenter's words.
CODED_FIELDS = {
    "CedulaInfo.status": (CedulaInfo, "status", LookupStatus, STATUS_WORDS),
    "CedulaInfo.last_failure_kind": (CedulaInfo, "last_failure_kind", FailureKind, FAILURE_WORDS),
    "CedulaInfo.last_block_kind": (CedulaInfo, "last_block_kind", BlockKind, BLOCK_WORDS),
    "CedulaInfo.source": (CedulaInfo, "source", AnswerSource, SOURCE_WORDS),
    "CedulaInfo.priority": (CedulaInfo, "priority", Priority, {}),
    "CedulaInfo.place_unmatched": (CedulaInfo, "place_unmatched", Unmatched, UNMATCHED_WORDS),
    "SourceState.state": (SourceState, "state", BreakerState, BREAKER_WORDS),
    "SourceState.last_block": (SourceState, "last_block", BlockKind, BLOCK_WORDS),
    "LookupAttempt.block": (LookupAttempt, "block", BlockKind, BLOCK_WORDS),
}


def stored(user: CustomUser, column: str) -> Any:
    return CedulaInfo.objects.filter(user=user).values_list(column, flat=True).get()


@pytest.mark.parametrize("coded", CODED_FIELDS.values(), ids=CODED_FIELDS.keys())
def test_every_choice_of_a_coded_column_is_a_domain_code_never_a_word(coded):
    model, name, codes, words = coded

    choices = model._meta.get_field(name).choices

    assert [code for code, _ in choices] == [member.value for member in codes]
    assert not {code for code, _ in choices} & set(words.values())


def test_every_choice_of_an_attempts_outcome_is_an_outcome_name_never_a_word():
    choices = LookupAttempt._meta.get_field("outcome").choices

    assert [code for code, _ in choices] == list(OUTCOME_NAMES)
    assert not {code for code, _ in choices} & set(OUTCOME_WORDS.values())


@pytest.mark.parametrize("status", LookupStatus, ids=lambda status: status.name)
def test_a_lookup_stores_its_status_as_the_enums_value(person: CustomUser, status: LookupStatus):
    store(person, status=status, voting_place=PLACE if status is LookupStatus.FOUND else None)

    assert stored(person, "status") == status.value != STATUS_WORDS[status]


@pytest.mark.parametrize("kind", FailureKind, ids=lambda kind: kind.name)
def test_a_lookup_stores_its_last_failure_as_the_kinds_value(person: CustomUser, kind):
    store(person, last_failure_kind=kind, last_block_kind=BlockKind.CAPTCHA)

    assert stored(person, "last_failure_kind") == kind.value != FAILURE_WORDS[kind]
    assert stored(person, "last_block_kind") == "captcha"


@pytest.mark.parametrize("source", AnswerSource, ids=lambda source: source.name)
def test_an_answer_stores_its_source_as_the_enums_value(person: CustomUser, source):
    store(person, status=LookupStatus.FOUND, voting_place=PLACE, source=source, fetched_at=NOW)

    assert stored(person, "source") == source.value != SOURCE_WORDS[source]


@pytest.mark.parametrize("why", Unmatched, ids=lambda why: why.name)
def test_an_answer_stores_why_it_has_no_official_place_as_the_enums_value(person, why):
    place = evolve(PLACE, match=PlaceMatch.missing(why))
    store(person, status=LookupStatus.FOUND, voting_place=place, fetched_at=NOW)

    assert stored(person, "place_unmatched") == why.value != UNMATCHED_WORDS[why]


@pytest.mark.parametrize("priority", Priority, ids=lambda priority: priority.name)
def test_a_lookup_stores_its_priority_as_the_enums_value(person: CustomUser, priority):
    store(person, priority=priority)

    assert stored(person, "priority") == priority.value


@pytest.mark.parametrize("engine", ENGINE_NAMES)
def test_a_lookup_stores_its_engine_by_name_and_every_engine_has_words(person, engine: str):
    store(person, engine=engine)

    assert stored(person, "engine") == engine != ENGINE_WORDS[engine]


@pytest.mark.parametrize("state", BreakerState, ids=lambda state: state.name)
def test_the_site_state_stores_the_breakers_state_as_the_enums_value(state: BreakerState):
    breaker = Breaker(state=state, last_block=BlockKind.JS_CHALLENGE)

    assert DjangoSourceRepository().save_breaker(breaker)

    row = SourceState.objects.values("state", "last_block").get()
    assert row == {"state": state.value, "last_block": "js_challenge"}
    assert row["state"] != BREAKER_WORDS[state]


OUTCOMES = [
    Found(place=PLACE),
    NotFound(),
    Cancelled(cancellation=Cancellation(novedad="Cancelada por Muerte")),
    NotEnabled(reason="Vigente con pérdida o suspensión de los derechos políticos"),
    Blocked(block=BlockKind.FIREWALL),
    Unavailable(reason="HTTP 503"),
    PageChanged(missing="#documento"),
]


@pytest.mark.parametrize("outcome", OUTCOMES, ids=lambda outcome: type(outcome).__name__)
def test_an_attempt_is_logged_under_its_outcome_name(outcome: Any):
    DjangoSourceRepository().log_attempt(outcome, ended_at(NOW))

    row = LookupAttempt.objects.values("outcome", "block").get()
    assert row["outcome"] == outcome_name(outcome) != OUTCOME_WORDS[outcome_name(outcome)]
    assert row["outcome"] in OUTCOME_NAMES
    assert row["block"] == ("firewall" if isinstance(outcome, Blocked) else "")
