"""The census source's state: the breaker that blocks and changed pages open, and an
operator's pause and resume."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from attrs import evolve
from fakes import (
    CEDULA,
    FOUND,
    LEASE,
    START,
    NoTurnPace,
    ScriptedScraper,
)

from cedula_domain import (
    Admission,
    Blocked,
    BlockKind,
    Breaker,
    BreakerState,
    Cedula,
    FailureKind,
    LookupRecord,
    LookupStatus,
    PageChanged,
    PlaceInLine,
)
from cedula_domain.service import RACE_TRIES
from unit.cedula_lookup.builders import (
    ALARMED,
    CAPTCHA,
    COOLDOWN,
    FIREWALL,
    OPENED,
    OTHER,
    TurnAfter,
    deliver,
)


@pytest.fixture
def crowd(service, scraper, pending, queue):
    """Five people waiting; the site blocks the first three lookups, so the breaker opens."""
    people = [
        pending(Cedula(str(1_000_001 + n)), START - timedelta(seconds=10 - n)) for n in range(5)
    ]
    scraper.steps += [FIREWALL] * 3
    for _ in range(3):
        deliver(queue, service)
    queue.woken.clear()
    return [person.cedula for person in people]


def test_after_three_blocks_in_a_row_nobody_asks_the_site_until_the_cooldown_ends(
    service, crowd, scraper, source, clock, queue
):
    assert source.stored.state is BreakerState.OPEN
    assert source.stored.retry_at == START + COOLDOWN
    assert source.stored.last_block is BlockKind.FIREWALL

    clock.advance(COOLDOWN - timedelta(seconds=1))
    for _ in range(4):
        assert deliver(queue, service) is None

    assert scraper.calls == crowd[:3]
    assert source.ended == [(Blocked, START)] * 3


def test_lookups_that_wait_on_an_open_breaker_keep_their_attempts(
    service, crowd, clock, stored, queue
):
    clock.advance(timedelta(minutes=20))  # the blocked ones' retries are due too

    for _ in range(5):
        deliver(queue, service)

    assert [stored(cedula).attempts for cedula in crowd] == [1, 1, 1, 0, 0]
    assert all(stored(cedula).status is LookupStatus.PENDING for cedula in crowd)


def test_after_the_cooldown_exactly_one_worker_probes_the_site(
    service, make_service, crowd, scraper, source, clock, queue
):
    rival = make_service(ScriptedScraper())
    rival_results = []

    def rival_woken_meanwhile():
        rival_results.append(rival.run_next())
        return FOUND

    clock.advance(COOLDOWN)
    assert source.stored.admission(clock.now()) is Admission.PROBE
    scraper.steps.append(rival_woken_meanwhile)

    deliver(queue, service)

    assert rival_results == [None]
    assert rival.scraper.calls == []
    assert scraper.calls == [*crowd[:3], crowd[0]]


def test_an_answer_to_the_probe_lets_everyone_ask_again_and_wakes_every_waiting_lookup(
    service, crowd, scraper, source, clock, queue
):
    clock.advance(COOLDOWN)
    queue.backlog = 0  # the wake-ups sent while the breaker was open were spent
    scraper.steps.append(FOUND)

    deliver(queue, service)

    assert source.stored.state is BreakerState.CLOSED
    assert source.stored.admission(clock.now()) is Admission.ASK
    assert (source.stored.blocks_in_a_row, source.stored.openings) == (0, 0)
    assert queue.woken == [None] * 4
    assert queue.waiting() == 4


def test_a_block_while_probing_opens_the_breaker_again_for_twice_as_long(
    service, crowd, scraper, source, clock, queue
):
    clock.advance(COOLDOWN)
    scraper.steps.append(CAPTCHA)

    deliver(queue, service)

    assert source.stored.state is BreakerState.OPEN
    assert source.stored.openings == 2
    assert source.stored.last_block is BlockKind.CAPTCHA
    assert source.stored.retry_at == clock.now() + 2 * COOLDOWN
    # Its own retry is scheduled, and nobody else is woken while the breaker waits.
    assert queue.woken == [clock.now() + timedelta(seconds=1200)]


def test_a_probe_that_finds_nothing_to_look_up_lets_the_next_probe_go_at_once(
    service, scraper, repository, source, open_breaker, clock, stored
):
    repository.add(evolve(LookupRecord.requested(CEDULA, START), attempts=2).claim(START, LEASE))
    clock.advance(COOLDOWN)

    assert service.run_next() is None

    assert stored().status is LookupStatus.ERROR
    assert scraper.calls == []
    assert source.stored.state is BreakerState.OPEN
    assert source.stored.retry_at == clock.now()
    assert source.stored.admission(clock.now()) is Admission.PROBE


def test_a_worker_that_keeps_losing_the_race_to_probe_steps_back_without_asking(
    service, scraper, source, open_breaker, clock, stored, mocker
):
    service.request_first(CEDULA)
    clock.advance(COOLDOWN)
    mocker.patch.object(source, "save_breaker", return_value=False)

    assert service.run_next() is None
    assert source.save_breaker.call_count == RACE_TRIES
    assert scraper.calls == []
    assert stored().attempts == 0


def test_a_breaker_that_keeps_changing_under_a_worker_drops_its_change_not_the_result(
    service, scraper, source, stored, caplog, mocker
):
    service.request_first(CEDULA)
    scraper.steps.append(FIREWALL)
    mocker.patch.object(source, "save_breaker", return_value=False)

    with caplog.at_level(logging.WARNING, logger="cedula_domain.service"):
        result = service.run_next()

    assert result == stored()
    assert result.last_failure_kind is FailureKind.BLOCKED
    assert source.stored == Breaker()
    assert "the breaker kept changing" in caplog.text


def test_an_answer_from_an_attempt_started_before_the_breaker_opened_wakes_the_waiting(
    service, scraper, source, pending, queue
):
    def the_breaker_opens_while_the_site_is_read():
        source.stored = OPENED
        return FOUND

    pending(CEDULA, START - timedelta(seconds=1))
    pending(OTHER, START)
    scraper.steps.append(the_breaker_opens_while_the_site_is_read)

    deliver(queue, service)

    assert source.stored.state is BreakerState.CLOSED
    assert queue.woken == [None]


def test_an_operator_pauses_the_source_and_nobody_asks_until_it_is_resumed(
    service, scraper, source, stored, queue
):
    service.request_first(CEDULA)
    scraper.steps.append(FOUND)

    paused = service.pause_source("ana: mantenimiento")

    assert (paused.paused, paused.paused_reason) == (True, "ana: mantenimiento")
    assert service.source_state() == paused == source.stored
    assert deliver(queue, service) is None
    assert scraper.calls == []

    resumed = service.resume_source()

    assert (resumed.paused, resumed.paused_reason) == (False, "")
    assert resumed.state is BreakerState.CLOSED
    assert queue.woken == [None, None]
    assert deliver(queue, service).status is LookupStatus.FOUND


def test_changed_pages_in_a_row_raise_the_alarm_and_then_nobody_loads_the_page(
    service, make_service, scraper, source, pending, queue, clock
):
    third = Cedula.parse("52123456")
    for cedula in (CEDULA, OTHER, third):
        pending(cedula)
    scraper.steps += [PageChanged(missing="#documento")] * 3
    for _ in range(3):
        service.run_next()

    assert source.stored.state is BreakerState.CHANGED
    assert (source.stored.changed_at, source.stored.last_change) == (START, "#documento")
    clock.advance(timedelta(days=1))  # every retry is due, and no cooldown ends the alarm
    queue.woken.clear()
    busy_fleet = make_service(scraper, pace=NoTurnPace())

    assert service.run_next() is None
    assert busy_fleet.run_next() is None
    assert service.resume_due() == 0
    assert len(scraper.calls) == 3
    assert queue.woken == []  # not even a turn asked for: a busy pace would put it off
    assert service.place_in_line(CEDULA) == PlaceInLine.paused(ahead=0)


def test_resuming_after_the_page_changed_clears_the_alarm_and_asks_again(
    service, scraper, source, pending, stored, queue
):
    source.stored = ALARMED
    pending(CEDULA)
    pending(OTHER)
    scraper.steps.append(FOUND)

    resumed = service.resume_source()

    assert resumed.state is BreakerState.CLOSED
    assert queue.woken == [None, None]
    assert deliver(queue, service).status is LookupStatus.FOUND


def test_an_answer_from_an_attempt_already_running_clears_the_alarm(
    service, scraper, source, pending, queue
):
    pending(CEDULA)
    pending(OTHER)

    def the_alarm_goes_off_meanwhile():
        source.stored = evolve(ALARMED, version=source.stored.version)
        return FOUND

    scraper.steps.append(the_alarm_goes_off_meanwhile)

    deliver(queue, service)

    assert source.stored.state is BreakerState.CLOSED
    assert queue.woken == [None]  # the one still due is woken


def test_pausing_twice_for_the_same_reason_writes_nothing_new(service, source):
    first = service.pause_source("ana: mantenimiento")

    assert service.pause_source("ana: mantenimiento") == first
    assert source.stored.version == 1


def test_resuming_an_open_breaker_keeps_it_open_and_wakes_nobody(
    service, source, open_breaker, pending, queue
):
    pending(CEDULA)
    service.pause_source("ana: revisar bloqueos")

    resumed = service.resume_source()

    assert (resumed.state, resumed.paused) == (BreakerState.OPEN, False)
    assert resumed.retry_at == open_breaker.retry_at
    assert queue.woken == []


def test_no_turn_of_the_fleet_is_spent_while_the_breaker_holds_the_site(
    make_service, scraper, source, stored
):
    turns_asked: list[bool] = []
    source.stored = OPENED
    worker = make_service(scraper, pace=TurnAfter(lambda: turns_asked.append(True)))
    record = worker.request_first(CEDULA)

    assert worker.run_next() is None

    assert turns_asked == []
    assert stored() == record
