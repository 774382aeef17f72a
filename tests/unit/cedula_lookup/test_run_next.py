"""A worker runs the next due lookup: claims, leases, retries, who goes first, and the
fleet's pace."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from attrs import evolve
from fakes import (
    CEDULA,
    FOUND,
    INTERVAL,
    LEASE,
    PLACE_MATCHED,
    START,
    NoTurnPace,
    ScriptedScraper,
)

from cedula_domain import (
    Breaker,
    Cedula,
    FailureKind,
    Found,
    LookupRecord,
    LookupStatus,
    NotFound,
    Priority,
    Unavailable,
)
from cedula_domain.service import RACE_TRIES
from unit.cedula_lookup.builders import (
    FIREWALL,
    HOUR,
    OPENED,
    OTHER,
    TurnAfter,
    deliver,
)


def test_a_worker_runs_the_due_lookup_and_stores_the_place_it_found(
    service, scraper, source, stored, queue
):
    scraper.steps.append(FOUND)
    service.request_first(CEDULA)

    result = deliver(queue, service)

    assert result == stored()
    assert result.status is LookupStatus.FOUND
    assert result.voting_place == PLACE_MATCHED
    assert (result.attempts, result.version) == (1, 2)
    assert scraper.calls == [CEDULA]
    assert queue.woken == [None]
    # Kept for operators, without the cédula; the closed breaker had nothing to change.
    assert source.ended == [(Found, START)]
    assert source.stored == Breaker()


def test_a_wake_up_with_nothing_due_asks_nobody_and_spends_no_turn(make_service, scraper, mocker):
    pace = TurnAfter(lambda: None)
    turns = mocker.spy(pace, "wait_turn")

    assert make_service(scraper, pace=pace).run_next() is None
    assert scraper.calls == []
    assert turns.call_count == 0


def test_a_failed_attempt_is_scheduled_again_with_backoff(service, scraper, clock, stored, queue):
    service.request_first(CEDULA)
    scraper.steps.append(lambda: clock.advance(timedelta(seconds=30)) or Unavailable(reason="x"))

    result = deliver(queue, service)

    retry_at = START + timedelta(seconds=30 + 60)
    assert result == stored()
    assert (result.status, result.next_attempt_at) == (LookupStatus.PENDING, retry_at)
    assert queue.woken[-1] == retry_at
    assert queue.waiting() == 0


def test_failures_are_retried_until_the_last_attempt_then_end_in_error(
    service, scraper, clock, stored, queue
):
    service.request_first(CEDULA)
    scraper.steps += [Unavailable(reason="down"), Unavailable(reason="down"), FIREWALL]

    for _ in range(3):
        clock.current = stored().next_attempt_at
        deliver(queue, service)

    record = stored()
    assert record.status is LookupStatus.ERROR
    assert (record.attempts, record.last_failure_kind) == (3, FailureKind.BLOCKED)
    assert record.last_failure_message == "bloqueada por un cortafuegos (código de soporte 99)"
    assert queue.woken == [
        None,
        START + timedelta(seconds=60),
        START + timedelta(seconds=60 + 120),
    ]


def test_a_lookup_waiting_for_its_next_attempt_is_not_run_early(
    service, scraper, repository, stored
):
    waiting = evolve(LookupRecord.requested(CEDULA, START), next_attempt_at=START + HOUR)
    repository.add(waiting)

    assert service.run_next() is None
    assert stored() == waiting
    assert scraper.calls == []


def test_a_stale_wake_up_after_the_lookup_finished_does_nothing(
    service, scraper, finished, stored, queue
):
    assert service.run_next() is None
    assert stored() == finished
    assert scraper.calls == [CEDULA]
    assert queue.woken == []


def test_a_duplicate_wake_up_while_the_attempt_runs_does_nothing(
    service, make_service, scraper, stored
):
    duplicate = make_service(ScriptedScraper())
    duplicate_results = []
    scraper.steps.append(lambda: duplicate_results.append(duplicate.run_next()) or FOUND)
    service.request_first(CEDULA)

    service.run_next()

    assert duplicate_results == [None]
    assert duplicate.scraper.calls == []
    assert stored().status is LookupStatus.FOUND


def test_a_worker_whose_lookup_was_claimed_while_it_waited_for_its_turn_asks_nobody(
    make_service, scraper, repository, clock, stored
):
    def another_worker_claims():
        repository.save(repository.get(CEDULA).claim(clock.now(), LEASE))

    worker = make_service(scraper, pace=TurnAfter(another_worker_claims))
    worker.request_first(CEDULA)

    assert worker.run_next() is None
    assert scraper.calls == []
    assert stored().attempts == 1


def test_a_worker_that_loses_the_claim_runs_the_next_lookup_in_line_instead(
    make_service, scraper, repository, clock, pending, stored, mocker
):
    pending(CEDULA, START - timedelta(seconds=1))
    pending(OTHER, START)
    scraper.steps.append(FOUND)
    turn_given = []
    read = repository.next_due

    def read_then_a_rival_claims_it_first(now):
        record = read(now)
        if turn_given and record is not None and record.cedula == CEDULA:
            repository.save(record.claim(now, LEASE))
        return record

    mocker.patch.object(repository, "next_due", side_effect=read_then_a_rival_claims_it_first)
    worker = make_service(scraper, pace=TurnAfter(lambda: turn_given.append(True)))

    result = worker.run_next()

    assert (result.cedula, result.status) == (OTHER, LookupStatus.FOUND)
    assert scraper.calls == [OTHER]
    assert stored(CEDULA).status is LookupStatus.PROCESSING


def test_a_worker_that_keeps_losing_claims_steps_back_without_asking_the_census(
    service, scraper, repository, mocker
):
    service.request_first(CEDULA)
    mocker.patch.object(repository, "save", return_value=False)

    assert service.run_next() is None
    assert repository.save.call_count == RACE_TRIES
    assert scraper.calls == []


def test_a_result_that_comes_after_its_lease_was_taken_over_is_discarded(
    service, make_service, scraper, clock, stored, queue
):
    takeover = make_service(ScriptedScraper([NotFound(engine="patchright")]))

    def slow_answer():
        clock.advance(LEASE)
        takeover.run_next()
        return FOUND

    scraper.steps.append(slow_answer)
    service.request_first(CEDULA)

    assert service.run_next() is None

    record = stored()
    assert (record.status, record.engine, record.attempts) == (
        LookupStatus.NOT_FOUND,
        "patchright",
        2,
    )
    assert queue.woken == [None]


def test_a_scraper_bug_becomes_a_retried_failure_not_a_stuck_lookup(
    service, scraper, stored, queue, caplog
):
    scraper.steps.append(RuntimeError("boom"))
    service.request_first(CEDULA)

    with caplog.at_level(logging.ERROR, logger="cedula_domain.service"):
        result = service.run_next()

    assert result == stored()
    assert result.status is LookupStatus.PENDING
    assert result.last_failure_kind is FailureKind.UNAVAILABLE
    assert result.last_failure_message == "error inesperado RuntimeError: boom"
    assert "RuntimeError: boom" in result.evidence
    assert queue.woken[-1] == result.next_attempt_at
    assert "census scraper failed unexpectedly" in caplog.text
    assert CEDULA.value not in caplog.text


def test_a_vanished_worker_leaves_an_interrupted_attempt_that_is_tried_again(
    service, scraper, clock, stored, queue
):
    scraper.steps += [SystemExit("task timeout"), FOUND]
    service.request_first(CEDULA)
    with pytest.raises(SystemExit):
        deliver(queue, service)
    assert stored().status is LookupStatus.PROCESSING

    clock.advance(LEASE)
    assert service.resume_due() == 1
    result = deliver(queue, service)

    assert (result.status, result.attempts) == (LookupStatus.FOUND, 2)
    assert queue.woken == [None, None]


def test_a_vanished_last_attempt_ends_in_error_and_the_worker_runs_the_next_in_line(
    service, scraper, repository, clock, pending, stored
):
    repository.add(evolve(LookupRecord.requested(CEDULA, START), attempts=2).claim(START, LEASE))
    clock.advance(LEASE)
    pending(OTHER, START + LEASE)
    scraper.steps.append(FOUND)

    result = service.run_next()

    assert (stored().status, stored().last_failure_kind) == (
        LookupStatus.ERROR,
        FailureKind.INTERRUPTED,
    )
    assert (result.cedula, result.status) == (OTHER, LookupStatus.FOUND)
    assert scraper.calls == [OTHER]


def test_a_wake_up_for_a_vanished_last_attempt_alone_ends_it_in_error_and_asks_nobody(
    service, scraper, repository, clock, stored
):
    repository.add(evolve(LookupRecord.requested(CEDULA, START), attempts=2).claim(START, LEASE))
    clock.advance(LEASE)

    assert service.run_next() is None
    assert (stored().status, stored().last_failure_kind) == (
        LookupStatus.ERROR,
        FailureKind.INTERRUPTED,
    )
    assert scraper.calls == []


# Who goes first


def test_new_people_go_before_refreshes_and_refreshes_before_bulk_work(
    service, scraper, pending, queue
):
    bulk = pending(Cedula.parse("111222"), START - 2 * HOUR, Priority.BULK)
    refresh = pending(Cedula.parse("333444"), START - HOUR, Priority.REFRESH)
    first = pending(Cedula.parse("555666"), START, Priority.FIRST)
    scraper.steps += [FOUND] * 3

    for _ in range(3):
        deliver(queue, service)

    assert scraper.calls == [first.cedula, refresh.cedula, bulk.cedula]


def test_within_a_class_the_lookup_requested_first_goes_first(service, scraper, pending, queue):
    newer = pending(Cedula.parse("111222"), START)
    older = pending(Cedula.parse("333444"), START - timedelta(seconds=1))
    scraper.steps += [FOUND] * 2

    deliver(queue, service)
    deliver(queue, service)

    assert scraper.calls == [older.cedula, newer.cedula]


def test_a_retried_refresh_keeps_its_class_behind_new_people_and_ahead_of_bulk_work(
    service, scraper, pending, clock, stored, queue
):
    refresh = pending(Cedula.parse("333444"), START, Priority.REFRESH)
    scraper.steps.append(Unavailable(reason="down"))
    deliver(queue, service)
    retry = stored(refresh.cedula)
    bulk = pending(Cedula.parse("111222"), START - HOUR, Priority.BULK)
    first = pending(Cedula.parse("555666"), START + timedelta(seconds=30))
    clock.current = retry.next_attempt_at
    scraper.steps += [FOUND] * 3

    for _ in range(3):
        deliver(queue, service)

    assert (retry.priority, retry.requested_at) == (Priority.REFRESH, START)
    assert scraper.calls == [refresh.cedula, first.cedula, refresh.cedula, bulk.cedula]


def test_what_runs_is_decided_when_the_wake_up_is_delivered_not_when_it_was_sent(
    service, scraper, finished, pending, clock, queue
):
    clock.advance(HOUR)
    service.request_bulk_refresh(CEDULA)
    newcomer = pending(OTHER, clock.now())
    scraper.steps.append(FOUND)

    result = deliver(queue, service)

    assert result.cedula == newcomer.cedula
    assert scraper.calls[-1] == newcomer.cedula


# The fleet's pace


def test_without_a_turn_from_the_pace_nothing_is_claimed_and_the_wake_up_comes_back_later(
    make_service, scraper, stored, queue, clock
):
    worker = make_service(scraper, pace=NoTurnPace())
    record = worker.request_first(CEDULA)

    assert deliver(queue, worker) is None

    assert stored() == record
    assert scraper.calls == []
    assert queue.woken == [None, clock.now() + INTERVAL]
    assert queue.waiting() == 0


def test_the_breaker_is_heard_after_the_turn_it_may_have_opened_while_the_worker_waited(
    make_service, scraper, source, stored
):
    def the_fleet_opens_the_breaker_meanwhile():
        source.stored = OPENED

    worker = make_service(scraper, pace=TurnAfter(the_fleet_opens_the_breaker_meanwhile))
    record = worker.request_first(CEDULA)

    assert worker.run_next() is None
    assert stored() == record
    assert scraper.calls == []
