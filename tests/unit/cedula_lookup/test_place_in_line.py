"""Where a waiting lookup stands in line, and when it should run."""

from __future__ import annotations

from datetime import timedelta

from attrs import evolve
from fakes import (
    CEDULA,
    FOUND,
    INTERVAL,
    LEASE,
    START,
)

from cedula_domain import (
    Cedula,
    LookupRecord,
    Outcome,
    PlaceInLine,
    Priority,
)
from cedula_domain.throughput import UNMEASURED_DURATION, AttemptTimes
from unit.cedula_lookup.builders import (
    COOLDOWN,
    HOUR,
    OTHER,
)


def test_a_lookup_not_waiting_has_no_place_in_line(service, finished, pending, repository):
    running = pending(OTHER).claim(START, LEASE)
    repository.save(running)

    assert service.place_in_line(CEDULA) is None  # final
    assert service.place_in_line(OTHER) is None  # running
    assert service.place_in_line(Cedula.parse("111222")) is None  # never requested


def test_a_place_in_line_counts_the_due_lookups_that_go_first_at_the_fleets_pace(
    service, pending, clock
):
    pending(Cedula.parse("111222"), START - HOUR, Priority.FIRST)
    pending(Cedula.parse("333444"), START - HOUR, Priority.REFRESH)
    mine = pending(CEDULA, START, Priority.REFRESH)
    pending(Cedula.parse("555666"), START - 2 * HOUR, Priority.BULK)
    pending(Cedula.parse("777888"), START + timedelta(seconds=1), Priority.REFRESH)
    clock.advance(timedelta(minutes=1))

    line = service.place_in_line(mine.cedula)

    assert (line.ahead, line.estimated_at) == (2, clock.now() + 2 * INTERVAL)
    assert line.answer_at == line.estimated_at + UNMEASURED_DURATION


def test_a_retry_is_placed_in_line_from_when_its_backoff_ends(service, repository, pending):
    retry_at = START + timedelta(minutes=10)
    repository.add(
        evolve(LookupRecord.requested(CEDULA, START), attempts=1, next_attempt_at=retry_at)
    )
    pending(OTHER, START - HOUR)
    # Running now, its lease ends before the backoff does: then it is due, and ahead.
    running = pending(Cedula.parse("111222"), START - HOUR)
    repository.save(running.claim(START, LEASE))

    line = service.place_in_line(CEDULA)

    assert (line.ahead, line.estimated_at) == (2, retry_at + 2 * INTERVAL)


def test_a_lookup_held_by_the_breaker_is_placed_from_when_the_site_may_be_asked_again(
    service, open_breaker, pending, clock
):
    pending(OTHER, START - HOUR)
    pending(CEDULA, START)
    clock.advance(timedelta(minutes=5))

    line = service.place_in_line(CEDULA)

    assert (line.ahead, line.estimated_at) == (1, open_breaker.retry_at + INTERVAL)
    assert line.source_held


def test_once_the_cooldown_is_over_the_breaker_holds_nobody_in_line(
    service, open_breaker, pending, clock
):
    pending(CEDULA, START)
    clock.advance(COOLDOWN)

    line = service.place_in_line(CEDULA)

    assert (line.ahead, line.estimated_at, line.source_held) == (0, clock.now(), False)


def test_while_an_operator_has_paused_the_source_nobody_can_say_when(service, pending):
    pending(OTHER, START - HOUR)
    pending(CEDULA, START)
    service.pause_source("ana: mantenimiento")

    assert service.place_in_line(CEDULA) == PlaceInLine.paused(ahead=1)


def test_the_line_moves_at_the_pace_the_fleet_measured_lately(service, source, pending, clock):
    # One worker behind a slow page: a start every 40 s, each attempt 30 s.
    for n in range(6):
        started = START - timedelta(minutes=10) + n * timedelta(seconds=40)
        source.log_attempt(
            FOUND,
            AttemptTimes(
                due_at=START - HOUR, started_at=started, finished_at=started + timedelta(seconds=30)
            ),
        )
    pending(OTHER, START - HOUR)
    pending(CEDULA, START)

    line = service.place_in_line(CEDULA)

    assert line.estimated_at == START + timedelta(seconds=40)
    assert line.answer_at == START + timedelta(seconds=70)


def test_an_attempt_is_logged_with_since_when_it_was_due_and_how_long_it_took(
    service, source, repository, clock, scraper
):
    repository.add(LookupRecord.requested(CEDULA, START - timedelta(minutes=3)))

    def slow_page() -> Outcome:
        clock.advance(timedelta(seconds=12))
        return FOUND

    scraper.steps.append(slow_page)

    service.run_next()

    [(_, times)] = source.attempts
    assert times == AttemptTimes(
        due_at=START - timedelta(minutes=3),
        started_at=START,
        finished_at=START + timedelta(seconds=12),
    )
