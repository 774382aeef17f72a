"""A person asks for their lookup again."""

from __future__ import annotations

from datetime import timedelta

from fakes import (
    CEDULA,
    PLACE_MATCHED,
    START,
)

from cedula_domain import (
    LookupRecord,
    LookupStatus,
    Priority,
    RefreshDecision,
    RefreshReason,
)
from unit.cedula_lookup.builders import (
    HOUR,
    OTHER,
)


def test_a_refresh_without_any_lookup_starts_the_first_one(service, stored, queue):
    assert service.request_refresh(CEDULA) == RefreshDecision.allow()
    assert stored() == LookupRecord.requested(CEDULA, START)
    assert queue.woken == [None]


def test_a_refresh_for_a_cedula_no_account_holds_says_so_and_changes_nothing(
    service, repository, queue
):
    assert service.request_refresh(OTHER) == RefreshDecision.no_account()
    assert repository.records == {}
    assert queue.woken == []


def test_a_refresh_too_soon_changes_nothing_and_says_when(service, finished, clock, stored, queue):
    clock.advance(timedelta(minutes=20))

    decision = service.request_refresh(CEDULA)

    assert decision.reason is RefreshReason.TOO_SOON
    assert decision.available_at == START + HOUR
    assert stored() == finished
    assert queue.woken == []


def test_a_refresh_while_a_lookup_runs_is_refused(service, queue, clock):
    service.request_first(CEDULA)
    clock.advance(2 * HOUR)

    assert service.request_refresh(CEDULA).reason is RefreshReason.IN_PROGRESS
    assert queue.woken == [None]


def test_a_refresh_after_the_interval_starts_a_new_lookup_in_the_refresh_class(
    service, finished, clock, stored, queue
):
    clock.advance(HOUR)

    assert service.request_refresh(CEDULA) == RefreshDecision.allow()

    record = stored()
    assert (record.status, record.requested_at, record.attempts, record.priority) == (
        LookupStatus.PENDING,
        START + HOUR,
        0,
        Priority.REFRESH,
    )
    assert record.voting_place == PLACE_MATCHED
    assert queue.woken == [None]


def test_a_refresh_that_loses_a_race_answers_in_progress(
    service, finished, repository, clock, queue, mocker
):
    clock.advance(HOUR)
    mocker.patch.object(repository, "save", return_value=False)

    assert service.request_refresh(CEDULA) == RefreshDecision.in_progress()
    assert queue.woken == []
