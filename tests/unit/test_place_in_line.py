from __future__ import annotations

from datetime import timedelta

from fakes import INTERVAL, START

from cedula_domain import PlaceInLine, Throughput

MINUTE = timedelta(minutes=1)
# The fleet as measured: a start every 20 s while lookups wait, 8 s an attempt.
MEASURED = Throughput(spacing=timedelta(seconds=20), duration=timedelta(seconds=8))


def test_the_first_in_line_starts_now_and_is_answered_one_attempt_later() -> None:
    line = PlaceInLine.estimate(ahead=0, now=START, throughput=MEASURED)

    assert line == PlaceInLine(
        ahead=0, estimated_at=START, answer_at=START + MEASURED.duration, source_held=False
    )


def test_each_lookup_ahead_takes_one_measured_spacing() -> None:
    line = PlaceInLine.estimate(ahead=37, now=START, throughput=MEASURED)

    assert line.ahead == 37
    assert line.estimated_at == START + 37 * MEASURED.spacing
    assert line.answer_at == line.estimated_at + MEASURED.duration
    assert not line.source_held


def test_before_anything_was_measured_the_pace_spaces_the_line() -> None:
    line = PlaceInLine.estimate(ahead=3, now=START, throughput=Throughput.at_pace(INTERVAL))

    assert line.estimated_at == START + 3 * INTERVAL


def test_while_the_source_is_held_the_line_starts_moving_when_it_opens() -> None:
    opens = START + 30 * MINUTE

    line = PlaceInLine.estimate(ahead=4, now=START, throughput=MEASURED, source_opens_at=opens)

    assert line.estimated_at == opens + 4 * MEASURED.spacing
    assert line.source_held


def test_a_source_that_opened_already_holds_nobody() -> None:
    line = PlaceInLine.estimate(
        ahead=2, now=START, throughput=MEASURED, source_opens_at=START - MINUTE
    )

    assert line.estimated_at == START + 2 * MEASURED.spacing
    assert not line.source_held


def test_a_source_opening_right_now_holds_nobody() -> None:
    line = PlaceInLine.estimate(ahead=1, now=START, throughput=MEASURED, source_opens_at=START)

    assert line.estimated_at == START + MEASURED.spacing
    assert not line.source_held


def test_while_an_operator_has_paused_the_source_there_is_no_estimate() -> None:
    line = PlaceInLine.paused(ahead=5)

    assert (line.ahead, line.estimated_at, line.answer_at, line.source_held) == (
        5,
        None,
        None,
        True,
    )
