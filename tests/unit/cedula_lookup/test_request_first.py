"""A person's first request for the lookup of their cédula."""

from __future__ import annotations

import logging

from attrs import evolve
from fakes import (
    CEDULA,
    START,
)

from cedula_domain import (
    AddResult,
    LookupRecord,
    Priority,
)
from cedula_domain.service import RACE_TRIES
from unit.cedula_lookup.builders import (
    HOUR,
    OTHER,
)


def test_a_first_request_stores_a_pending_lookup_and_wakes_a_worker(service, stored, queue):
    record = service.request_first(CEDULA)

    assert record == stored() == LookupRecord.requested(CEDULA, START)
    assert record.priority is Priority.FIRST
    assert queue.woken == [None]
    assert queue.waiting() == 1


def test_a_repeated_first_request_leaves_the_waiting_lookup_alone(
    service, repository, stored, queue
):
    waiting = evolve(LookupRecord.requested(CEDULA, START), next_attempt_at=START + HOUR)
    repository.add(waiting)

    assert service.request_first(CEDULA) == waiting == stored()
    assert queue.woken == []


def test_a_repeated_first_request_wakes_a_due_lookup_whose_call_was_lost(service, queue):
    service.request_first(CEDULA)

    assert service.request_first(CEDULA) == LookupRecord.requested(CEDULA, START)
    assert queue.woken == [None, None]


def test_a_first_request_starts_over_if_the_record_vanished_meanwhile(
    service, repository, queue, mocker
):
    mocker.patch.object(repository, "add", side_effect=[AddResult.EXISTS, AddResult.ADDED])

    assert service.request_first(CEDULA) == LookupRecord.requested(CEDULA, START)
    assert repository.add.call_count == 2
    assert queue.woken == [None]


def test_a_first_request_for_a_cedula_no_account_holds_records_and_wakes_nothing(
    service, repository, queue, caplog
):
    with caplog.at_level(logging.WARNING, logger="cedula_domain.service"):
        assert service.request_first(OTHER) is None

    assert repository.records == {}
    assert queue.woken == []
    assert "no account holds the cédula" in caplog.text
    assert str(OTHER) not in caplog.text


def test_a_first_request_whose_record_keeps_vanishing_gives_up_after_a_few_tries(
    service, repository, queue, caplog, mocker
):
    mocker.patch.object(repository, "add", return_value=AddResult.EXISTS)

    with caplog.at_level(logging.WARNING, logger="cedula_domain.service"):
        assert service.request_first(CEDULA) is None

    assert repository.add.call_count == RACE_TRIES
    assert queue.woken == []
    assert "kept vanishing" in caplog.text
    assert str(CEDULA) not in caplog.text
