from __future__ import annotations

from datetime import timedelta

import pytest
from attrs import evolve
from fakes import CEDULA, FOUND, LEASE, PLACE, START, top_of_range

from cedula_domain import (
    Blocked,
    BlockKind,
    Cancellation,
    Cancelled,
    FailureKind,
    IllegalTransition,
    LookupNotClaimable,
    LookupRecord,
    LookupStateError,
    LookupStatus,
    NotFound,
    PageChanged,
    RetryPolicy,
    Unavailable,
)

POLICY = RetryPolicy(random=top_of_range)
MINUTE = timedelta(minutes=1)
CANCELLATION = Cancellation(novedad="Cancelada por Muerte", resolucion="123", fecha="2020-01-01")


def new() -> LookupRecord:
    return LookupRecord.requested(CEDULA, START)


def running(attempts: int = 1, at=START) -> LookupRecord:
    """A record in its attempt number ``attempts``, claimed at ``at``."""
    return evolve(new(), attempts=attempts - 1, next_attempt_at=at).claim(at, LEASE)


def test_a_requested_lookup_is_pending_and_due_at_once() -> None:
    record = new()

    assert record.status is LookupStatus.PENDING
    assert (record.attempts, record.requested_at, record.next_attempt_at) == (0, START, START)
    assert record.is_due(START)
    assert not record.is_due(START - MINUTE)


def test_only_found_not_found_cancelled_and_error_are_final() -> None:
    assert {status for status in LookupStatus if status.is_final} == {
        LookupStatus.FOUND,
        LookupStatus.NOT_FOUND,
        LookupStatus.CANCELLED,
        LookupStatus.ERROR,
    }


def test_claiming_a_due_lookup_starts_an_attempt_under_a_lease() -> None:
    record = new().claim(START, LEASE)

    assert record.status is LookupStatus.PROCESSING
    assert record.attempts == 1
    assert record.lease_expires_at == START + LEASE
    assert record.next_attempt_at is None
    assert record.version == new().version


def test_a_running_lookup_is_due_again_only_once_its_lease_expires() -> None:
    record = running()

    assert not record.is_due(START + LEASE - MINUTE)
    assert record.is_due(START + LEASE)
    assert record.lease_expired(START + LEASE)
    assert not new().lease_expired(START + LEASE)


def test_a_second_claim_of_a_leased_lookup_is_refused() -> None:
    with pytest.raises(LookupNotClaimable):
        running().claim(START + MINUTE, LEASE)


def test_a_lookup_whose_worker_vanished_must_be_abandoned_before_it_is_claimed_again() -> None:
    with pytest.raises(LookupNotClaimable):
        running().claim(START + LEASE, LEASE)


def test_a_lookup_waiting_for_its_next_attempt_cannot_be_claimed_early() -> None:
    record = evolve(new(), next_attempt_at=START + MINUTE)

    with pytest.raises(LookupNotClaimable):
        record.claim(START, LEASE)


@pytest.mark.parametrize("status", [s for s in LookupStatus if s.is_final])
def test_a_finished_lookup_is_never_due_nor_claimable(status: LookupStatus) -> None:
    record = evolve(new(), status=status)

    assert not record.is_due(START + timedelta(days=365))
    with pytest.raises(LookupStateError):
        record.claim(START, LEASE)


def test_a_found_place_ends_the_lookup_with_the_place() -> None:
    failed_once = evolve(running(), last_failure_kind=FailureKind.BLOCKED, last_failure_message="x")

    record = failed_once.record_outcome(FOUND, START + MINUTE, POLICY)

    assert record.status is LookupStatus.FOUND
    assert record.voting_place == PLACE
    assert record.cancellation is None
    assert record.fetched_at == START + MINUTE
    assert (record.engine, record.evidence) == (FOUND.engine, FOUND.evidence)
    assert (record.last_failure_kind, record.last_failure_message) == (None, "")
    assert (record.lease_expires_at, record.next_attempt_at) == (None, None)


def test_not_in_the_census_ends_the_lookup_without_a_place() -> None:
    previous = evolve(running(), voting_place=PLACE, fetched_at=START - timedelta(days=9))

    record = previous.record_outcome(NotFound(engine="patchright"), START, POLICY)

    assert record.status is LookupStatus.NOT_FOUND
    assert (record.voting_place, record.cancellation, record.fetched_at) == (None, None, START)
    assert record.engine == "patchright"


def test_a_cancelled_cedula_ends_the_lookup_with_the_cancellation() -> None:
    previous = evolve(running(), voting_place=PLACE)

    record = previous.record_outcome(Cancelled(cancellation=CANCELLATION), START, POLICY)

    assert record.status is LookupStatus.CANCELLED
    assert record.cancellation == CANCELLATION
    assert record.voting_place is None


@pytest.mark.parametrize("attempt", [1, 2, 3])
def test_an_answer_is_never_retried_whatever_the_attempt(attempt: int) -> None:
    record = running(attempt).record_outcome(NotFound(), START, POLICY)

    assert record.status.is_final
    assert record.next_attempt_at is None
    assert not record.is_due(START + timedelta(days=1))


def test_a_failed_attempt_waits_for_the_next_one_and_says_why() -> None:
    failure = Unavailable(reason="timeout", engine="stealth", evidence="<html>")
    previous = evolve(running(), voting_place=PLACE, fetched_at=START - timedelta(days=9))

    record = previous.record_outcome(failure, START, POLICY)

    assert record.status is LookupStatus.PENDING
    assert record.next_attempt_at == START + timedelta(seconds=60)
    assert record.lease_expires_at is None
    assert (record.last_failure_kind, record.last_failure_message) == (
        FailureKind.UNAVAILABLE,
        "timeout",
    )
    assert (record.engine, record.evidence) == ("stealth", "<html>")
    # The last answer stays on the page while retrying.
    assert (record.voting_place, record.fetched_at) == (PLACE, START - timedelta(days=9))


def test_a_blocked_attempt_waits_the_longer_blocked_delay() -> None:
    record = running(2).record_outcome(Blocked(block=BlockKind.CAPTCHA), START, POLICY)

    assert record.next_attempt_at == START + timedelta(seconds=1200)
    assert record.last_failure_kind is FailureKind.BLOCKED
    assert record.last_failure_message == "blocked by captcha"


def test_the_last_failed_attempt_ends_in_error_with_its_failure() -> None:
    record = running(3).record_outcome(PageChanged(missing="#documento"), START, POLICY)

    assert record.status is LookupStatus.ERROR
    assert record.next_attempt_at is None
    assert record.last_failure_kind is FailureKind.PAGE_CHANGED
    assert record.last_failure_message == "page changed: #documento"
    assert not record.is_due(START + timedelta(days=1))


@pytest.mark.parametrize("status", [s for s in LookupStatus if s is not LookupStatus.PROCESSING])
def test_an_outcome_is_refused_when_no_attempt_is_running(status: LookupStatus) -> None:
    with pytest.raises(IllegalTransition):
        evolve(new(), status=status).record_outcome(FOUND, START, POLICY)


def test_a_vanished_worker_counts_as_an_interrupted_attempt_claimable_at_once() -> None:
    expired = START + LEASE

    record = running().abandon(expired, POLICY)

    assert record.status is LookupStatus.PENDING
    assert record.attempts == 1
    assert record.next_attempt_at == expired
    assert record.lease_expires_at is None
    assert record.last_failure_kind is FailureKind.INTERRUPTED
    assert record.last_failure_message == "attempt 1 stopped before recording a result"
    assert record.claim(expired, LEASE).attempts == 2


def test_a_vanished_worker_on_the_last_attempt_ends_in_error() -> None:
    record = running(3).abandon(START + LEASE, POLICY)

    assert record.status is LookupStatus.ERROR
    assert record.next_attempt_at is None
    assert record.last_failure_kind is FailureKind.INTERRUPTED


@pytest.mark.parametrize("record", [running(), new()], ids=["lease still running", "not running"])
def test_only_a_lookup_with_an_expired_lease_can_be_abandoned(record: LookupRecord) -> None:
    with pytest.raises(IllegalTransition):
        record.abandon(START + LEASE - MINUTE, POLICY)


def test_a_restart_begins_a_new_lookup_and_keeps_the_last_answer() -> None:
    finished = evolve(
        running(3).record_outcome(Unavailable(reason="down"), START, POLICY),
        voting_place=PLACE,
        fetched_at=START - timedelta(days=9),
        version=4,
    )
    later = START + timedelta(hours=2)

    record = finished.restart(later)

    assert record.status is LookupStatus.PENDING
    assert (record.requested_at, record.next_attempt_at, record.attempts) == (later, later, 0)
    assert (record.last_failure_kind, record.last_failure_message) == (None, "")
    assert (record.voting_place, record.fetched_at) == (PLACE, START - timedelta(days=9))
    assert record.version == 4


@pytest.mark.parametrize("record", [new(), running()], ids=["pending", "processing"])
def test_a_lookup_under_way_cannot_be_restarted(record: LookupRecord) -> None:
    with pytest.raises(IllegalTransition):
        record.restart(START)
