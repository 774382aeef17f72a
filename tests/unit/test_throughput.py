from __future__ import annotations

from datetime import timedelta

from fakes import INTERVAL, START

from cedula_domain import AttemptTimes, Throughput
from cedula_domain.throughput import UNMEASURED_DURATION

SECOND = timedelta(seconds=1)


def attempt(started_s: float, *, lasting_s: float = 8, due_s: float = -600) -> AttemptTimes:
    return AttemptTimes(
        due_at=START + due_s * SECOND,
        started_at=START + started_s * SECOND,
        finished_at=START + (started_s + lasting_s) * SECOND,
    )


def test_before_any_attempt_the_pace_and_a_typical_lookup_are_assumed() -> None:
    assert Throughput.measured([], interval=INTERVAL) == Throughput(
        spacing=INTERVAL, duration=UNMEASURED_DURATION
    )


def test_a_busy_line_is_spaced_by_the_median_gap_between_starts() -> None:
    # A fleet of one worker behind a slow page: about 40 s a lookup, not the pace's 15 s.
    starts = [0, 40, 80, 119, 161, 240]

    throughput = Throughput.measured(
        [attempt(at, lasting_s=30) for at in reversed(starts)], interval=INTERVAL
    )

    assert throughput == Throughput(spacing=40 * SECOND, duration=30 * SECOND)


def test_gaps_while_the_line_was_empty_say_nothing_about_it() -> None:
    # Each lookup came due long after the one before had started: the fleet sat idle.
    idle = [attempt(at, due_s=at - 1) for at in (0, 300, 600, 900)]

    assert Throughput.measured(idle, interval=INTERVAL).spacing == INTERVAL


def test_a_few_busy_gaps_are_not_enough_to_leave_the_pace() -> None:
    busy_twice = [attempt(0), attempt(60), attempt(120), attempt(700, due_s=650)]

    assert Throughput.measured(busy_twice, interval=INTERVAL).spacing == INTERVAL


def test_the_line_never_moves_faster_than_the_pace() -> None:
    # Two hosts' workers raced while the pace was lower: the pace still decides now.
    crowded = [attempt(at) for at in (0, 2, 4, 6, 8)]

    assert Throughput.measured(crowded, interval=INTERVAL).spacing == INTERVAL
