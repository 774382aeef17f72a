"""The periodic sweep that wakes what is due and ends what vanished."""

from __future__ import annotations

from datetime import timedelta

from attrs import evolve
from fakes import (
    CEDULA,
    FOUND,
    LEASE,
    START,
    ended_at,
)

from cedula_domain import (
    Cedula,
    FailureKind,
    Found,
    LookupRecord,
    LookupStatus,
)
from unit.cedula_lookup.builders import (
    COOLDOWN,
    HOUR,
    OTHER,
)


def test_the_sweep_wakes_a_worker_for_each_due_lookup_and_lets_the_others_be(
    service, repository, queue
):
    late = Cedula.parse("111222")
    waiting = Cedula.parse("333444")
    vanished = Cedula.parse("555666")
    working = Cedula.parse("777888")
    repository.registered[:] = [late, waiting, vanished, working]
    repository.add(LookupRecord.requested(late, START))
    repository.add(evolve(LookupRecord.requested(waiting, START), next_attempt_at=START + HOUR))
    repository.add(LookupRecord.requested(vanished, START - LEASE).claim(START - LEASE, LEASE))
    repository.add(LookupRecord.requested(working, START).claim(START, LEASE))

    assert service.resume_due() == 2
    assert queue.woken == [None, None]


def test_the_sweep_sends_none_when_a_wake_up_already_waits_for_each_due_lookup(
    service, repository, queue
):
    for cedula in (CEDULA, OTHER):
        repository.registered.append(cedula)
        service.request_first(cedula)

    assert service.resume_due() == 0
    assert queue.woken == [None, None]


def test_the_sweep_replaces_the_wake_ups_a_flushed_broker_lost(service, repository, queue):
    for cedula in (CEDULA, OTHER):
        repository.registered.append(cedula)
        service.request_first(cedula)
    queue.backlog = 0

    assert service.resume_due() == 2
    assert queue.waiting() == 2


def test_the_sweep_sends_only_the_missing_wake_ups(service, pending, queue):
    for cedula in (CEDULA, OTHER, Cedula.parse("111222")):
        pending(cedula)
    queue.backlog = 1

    assert service.resume_due() == 2
    assert queue.waiting() == 3


def test_the_sweep_sends_none_when_more_wake_ups_wait_than_lookups_are_due(service, pending, queue):
    pending(CEDULA)
    queue.backlog = 4

    assert service.resume_due() == 0
    assert queue.woken == []


def test_the_sweep_wakes_nobody_while_the_breaker_waits_and_everyone_once_it_may_probe(
    service, open_breaker, pending, clock, queue
):
    pending(CEDULA)
    pending(OTHER)

    assert service.resume_due() == 0
    assert queue.woken == []

    clock.advance(COOLDOWN)

    assert service.resume_due() == 2


def test_the_sweep_wakes_nobody_while_an_operator_has_paused_the_source(service, pending, queue):
    pending(CEDULA)
    service.pause_source("ana: mantenimiento")

    assert service.resume_due() == 0
    assert queue.woken == []


def test_the_sweep_requests_the_first_lookup_of_people_whose_request_was_lost(
    service, repository, queue, stored
):
    assert repository.unrequested() == [CEDULA]

    assert service.resume_due() == 1

    assert stored().status is LookupStatus.PENDING
    assert queue.woken == [None]
    assert repository.unrequested() == []


def test_the_sweep_counts_no_lookup_for_an_account_deleted_since_it_was_listed(
    service, repository, queue, mocker
):
    mocker.patch.object(repository, "unrequested", return_value=[OTHER])

    assert service.resume_due() == 0
    assert repository.records == {}
    assert queue.woken == []


def test_the_sweep_ends_a_vanished_last_attempt_in_error_instead_of_waking_it(
    service, repository, clock, stored, queue
):
    repository.add(evolve(LookupRecord.requested(CEDULA, START), attempts=2).claim(START, LEASE))
    clock.advance(LEASE)

    assert service.resume_due() == 0

    record = stored()
    assert (record.status, record.last_failure_kind) == (
        LookupStatus.ERROR,
        FailureKind.INTERRUPTED,
    )
    assert queue.woken == []


def test_the_sweep_skips_lookups_that_changed_since_they_were_listed(
    service, finished, repository, queue, mocker
):
    mocker.patch.object(repository, "due", return_value=[CEDULA, OTHER])

    assert service.resume_due() == 0
    assert queue.woken == []


def test_the_sweep_forgets_evidence_and_attempts_older_than_the_retention(
    service, repository, source, clock, stored, mocker
):
    old = Cedula.parse("111222")
    repository.registered.append(old)
    for cedula, fetched_at in [(old, START - timedelta(days=31)), (CEDULA, START)]:
        repository.add(
            evolve(
                LookupRecord.requested(cedula, fetched_at),
                status=LookupStatus.FOUND,
                fetched_at=fetched_at,
                evidence="{}",
            )
        )
        source.log_attempt(FOUND, ended_at(fetched_at))
    purge = mocker.spy(repository, "purge_evidence")

    service.resume_due()

    purge.assert_called_once_with(START - timedelta(days=30))
    assert (stored(old).evidence, stored().evidence) == ("", "{}")
    assert source.ended == [(Found, START)]
