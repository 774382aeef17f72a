from __future__ import annotations

from datetime import timedelta

from fakes import INTERVAL, START

from cedula_domain import PlaceInLine

MINUTE = timedelta(minutes=1)


def test_the_first_in_line_starts_now() -> None:
    line = PlaceInLine.estimate(ahead=0, now=START, interval=INTERVAL)

    assert line == PlaceInLine(ahead=0, estimated_at=START, source_held=False)


def test_each_lookup_ahead_takes_one_interval_of_the_fleets_pace() -> None:
    line = PlaceInLine.estimate(ahead=37, now=START, interval=INTERVAL)

    assert line.ahead == 37
    assert line.estimated_at == START + 37 * INTERVAL
    assert not line.source_held


def test_while_the_source_is_held_the_line_starts_moving_when_it_opens() -> None:
    opens = START + 30 * MINUTE

    line = PlaceInLine.estimate(ahead=4, now=START, interval=INTERVAL, source_opens_at=opens)

    assert line.estimated_at == opens + 4 * INTERVAL
    assert line.source_held


def test_a_source_that_opened_already_holds_nobody() -> None:
    line = PlaceInLine.estimate(
        ahead=2, now=START, interval=INTERVAL, source_opens_at=START - MINUTE
    )

    assert line == PlaceInLine(ahead=2, estimated_at=START + 2 * INTERVAL, source_held=False)


def test_a_source_opening_right_now_holds_nobody() -> None:
    line = PlaceInLine.estimate(ahead=1, now=START, interval=INTERVAL, source_opens_at=START)

    assert line == PlaceInLine(ahead=1, estimated_at=START + INTERVAL, source_held=False)


def test_while_an_operator_has_paused_the_source_there_is_no_estimate() -> None:
    line = PlaceInLine.paused(ahead=5)

    assert (line.ahead, line.estimated_at, line.source_held) == (5, None, True)
