from __future__ import annotations

from datetime import timedelta

import pytest
from attrs import evolve
from fakes import CEDULA, FOUND, START

from cedula_domain import (
    AnswerSource,
    CedulaLookup,
    FailureKind,
    LookupRecord,
    LookupStatus,
    RefreshDecision,
    RefreshPolicy,
    RefreshReason,
)

POLICY = RefreshPolicy()
ANSWERED = [
    LookupStatus.FOUND,
    LookupStatus.NOT_FOUND,
    LookupStatus.CANCELLED,
    LookupStatus.NOT_ENABLED,
]


def finished(status: LookupStatus = LookupStatus.FOUND) -> LookupRecord:
    """A lookup requested at START that ended in ``status``, the Registraduría answering."""
    return evolve(
        LookupRecord.requested(CEDULA, START),
        status=status,
        next_attempt_at=None,
        source=AnswerSource.REGISTRADURIA,
    )


def gave_up() -> LookupRecord:
    return evolve(
        finished(LookupStatus.ERROR),
        attempts=3,
        last_failure_kind=FailureKind.UNAVAILABLE,
        source=None,
    )


@pytest.mark.parametrize("status", [LookupStatus.PENDING, LookupStatus.PROCESSING])
def test_no_refresh_while_a_lookup_is_running(status: LookupStatus) -> None:
    record = evolve(finished(), status=status)

    decision = POLICY.decide(record, START + timedelta(days=1))

    assert decision == RefreshDecision(allowed=False, reason=RefreshReason.IN_PROGRESS)
    assert decision.available_at is None


@pytest.mark.parametrize("status", ANSWERED)
def test_a_refresh_too_soon_after_an_answer_says_when_it_becomes_available(
    status: LookupStatus,
) -> None:
    decision = POLICY.decide(finished(status), START + timedelta(minutes=59, seconds=59))

    assert not decision.allowed
    assert decision.reason is RefreshReason.TOO_SOON
    assert decision.available_at == START + timedelta(hours=1)


@pytest.mark.parametrize("status", [s for s in LookupStatus if s.is_final])
def test_a_refresh_is_allowed_once_the_interval_has_passed(status: LookupStatus) -> None:
    decision = POLICY.decide(finished(status), START + timedelta(hours=1))

    assert decision == RefreshDecision.allow()
    assert decision.allowed


def test_a_lookup_that_ended_without_an_answer_may_be_asked_again_at_once() -> None:
    assert POLICY.decide(gave_up(), START) == RefreshDecision.allow()


def test_a_refresh_that_ended_without_an_answer_does_not_use_up_the_interval_either() -> None:
    # The answer of an earlier lookup is still shown; this lookup itself got none.
    record = evolve(gave_up(), voting_place=FOUND.place, source=AnswerSource.REGISTRADURIA)

    assert POLICY.decide(record, START + timedelta(minutes=1)).allowed


@pytest.mark.parametrize("source", [AnswerSource.PERSON, AnswerSource.OPERATOR])
def test_an_answer_told_after_a_failed_lookup_leaves_a_refresh_open_at_once(
    source: AnswerSource,
) -> None:
    told = gave_up().report(FOUND, START + timedelta(minutes=5), source)

    assert POLICY.decide(told, START + timedelta(minutes=6)) == RefreshDecision.allow()


def test_the_interval_can_be_set() -> None:
    policy = RefreshPolicy(interval=timedelta(minutes=10))

    assert policy.decide(finished(), START + timedelta(minutes=10)).allowed


# CedulaLookup.refresh_decision: what the card asks before offering "Volver a consultar"


def test_the_service_answers_what_a_refresh_would_get_without_changing_anything(
    service: CedulaLookup, repository, queue, clock
) -> None:
    repository.add(finished())
    clock.advance(timedelta(minutes=20))

    decision = service.refresh_decision(CEDULA)

    assert decision == RefreshDecision.too_soon(START + timedelta(hours=1))
    assert service.request_refresh(CEDULA) == decision
    assert repository.get(CEDULA) == finished()
    assert queue.woken == []


def test_the_service_offers_a_refresh_at_once_after_a_lookup_without_an_answer(
    service: CedulaLookup, repository
) -> None:
    repository.add(gave_up())

    assert service.refresh_decision(CEDULA) == RefreshDecision.allow()
    assert service.request_refresh(CEDULA) == RefreshDecision.allow()


def test_the_service_offers_no_refresh_before_the_first_lookup_is_stored(
    service: CedulaLookup, repository
) -> None:
    assert service.refresh_decision(CEDULA) == RefreshDecision.in_progress()
    assert repository.get(CEDULA) is None
