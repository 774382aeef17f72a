"""An operator refreshes one lookup, past the person's limits."""

from __future__ import annotations

from datetime import timedelta

from fakes import (
    CEDULA,
    START,
)

from cedula_domain import (
    LookupRecord,
    LookupStatus,
)
from cedula_domain.service import RACE_TRIES
from unit.cedula_lookup.builders import (
    HOUR,
    OTHER,
)


def test_an_operator_refresh_ignores_the_hourly_limit(service, finished, clock, stored, queue):
    clock.advance(timedelta(minutes=1))

    record = service.force_refresh(CEDULA)

    assert record == stored()
    assert (record.status, record.requested_at) == (
        LookupStatus.PENDING,
        START + timedelta(minutes=1),
    )
    assert queue.woken == [None]


def test_an_operator_refresh_of_a_running_lookup_only_wakes_it(service, stored, queue):
    service.request_first(CEDULA)

    assert service.force_refresh(CEDULA) == stored() == LookupRecord.requested(CEDULA, START)
    assert queue.woken == [None, None]


def test_an_operator_refresh_without_any_lookup_starts_the_first_one(service, stored, queue):
    assert service.force_refresh(CEDULA) == stored()
    assert queue.woken == [None]


def test_an_operator_refresh_for_a_cedula_no_account_holds_does_nothing(service, repository, queue):
    assert service.force_refresh(OTHER) is None
    assert repository.records == {}
    assert queue.woken == []


def test_an_operator_refresh_racing_a_person_refresh_starts_one_lookup(
    service, finished, repository, clock, stored, queue, mocker
):
    clock.advance(2 * HOUR)
    read = repository.get

    def read_then_the_person_refreshes(cedula):
        record = read(cedula)
        if record.status.is_final:
            repository.save(record.restart(clock.now()))
        return record

    mocker.patch.object(repository, "get", side_effect=read_then_the_person_refreshes)

    record = service.force_refresh(CEDULA)

    assert record == stored()
    assert (record.status, record.version) == (LookupStatus.PENDING, finished.version + 1)
    assert queue.woken == [None]


def test_an_operator_refresh_that_keeps_losing_races_steps_back_to_what_is_stored(
    service, finished, repository, clock, stored, queue, mocker
):
    clock.advance(2 * HOUR)
    mocker.patch.object(repository, "save", return_value=False)
    read = mocker.spy(repository, "get")

    assert service.force_refresh(CEDULA) == finished
    assert read.call_count == RACE_TRIES + 1
    assert stored() == finished
    assert queue.woken == []
