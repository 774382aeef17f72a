"""An operator's bulk refresh, behind everyone's own lookups."""

from __future__ import annotations

from datetime import timedelta

from fakes import (
    CEDULA,
    PLACE_MATCHED,
)

from cedula_domain import (
    LookupStatus,
    Priority,
)


def test_a_bulk_refresh_starts_a_new_lookup_behind_everyones_own(
    service, finished, clock, stored, queue
):
    clock.advance(timedelta(days=2))

    record = service.request_bulk_refresh(CEDULA)

    assert record == stored()
    assert (record.status, record.priority, record.requested_at) == (
        LookupStatus.PENDING,
        Priority.BULK,
        clock.now(),
    )
    assert record.voting_place == PLACE_MATCHED
    assert queue.woken == [None]


def test_a_bulk_refresh_of_a_lookup_under_way_or_never_requested_does_nothing(
    service, repository, stored, queue
):
    assert service.request_bulk_refresh(CEDULA) is None
    assert repository.records == {}

    record = service.request_first(CEDULA)

    assert service.request_bulk_refresh(CEDULA) is None
    assert stored() == record
    assert queue.woken == [None]


def test_a_bulk_refresh_that_loses_a_race_does_nothing(
    service, finished, repository, clock, stored, queue, mocker
):
    clock.advance(timedelta(days=2))
    mocker.patch.object(repository, "save", return_value=False)

    assert service.request_bulk_refresh(CEDULA) is None
    assert stored() == finished
    assert queue.woken == []
