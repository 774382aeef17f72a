from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cedula_domain import PlaceInLine
from census.rules.card_polling import poll_seconds

NOW = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)


def waiting(seconds: float, *, ahead: int = 3) -> PlaceInLine:
    return PlaceInLine(ahead=ahead, estimated_at=NOW + timedelta(seconds=seconds))


def test_a_card_whose_attempt_runs_now_asks_every_three_seconds() -> None:
    assert poll_seconds(None, NOW) == 3


def test_a_card_due_within_a_minute_asks_every_three_seconds() -> None:
    assert poll_seconds(waiting(0, ahead=0), NOW) == 3
    assert poll_seconds(waiting(60), NOW) == 3


def test_a_card_whose_estimate_has_passed_asks_every_three_seconds() -> None:
    assert poll_seconds(waiting(-20), NOW) == 3


def test_just_over_a_minute_away_a_card_asks_every_fifteen_seconds() -> None:
    assert poll_seconds(waiting(61), NOW) == 15


def test_a_longer_wait_is_asked_about_four_times_over() -> None:
    assert poll_seconds(waiting(120), NOW) == 30
    assert poll_seconds(waiting(200), NOW) == 50


def test_however_long_the_wait_a_card_asks_at_least_once_a_minute() -> None:
    assert poll_seconds(waiting(30 * 60, ahead=900), NOW) == 60


def test_as_the_answer_nears_the_card_asks_more_often() -> None:
    intervals = [poll_seconds(waiting(left), NOW) for left in (600, 180, 90, 45)]

    assert intervals == sorted(intervals, reverse=True)
    assert intervals[-1] == 3


def test_a_line_paused_by_an_operator_is_asked_once_a_minute() -> None:
    paused = PlaceInLine.paused(ahead=12)

    assert poll_seconds(paused, NOW) == 60
