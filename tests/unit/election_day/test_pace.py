"""The reminders' pace, from a count per period."""

from __future__ import annotations

import pytest

from elections.rules.pace import NotARate, SendingPace


@pytest.mark.parametrize(
    ("rate", "interval_s"),
    [("60/m", 1.0), ("1/s", 1.0), ("4/s", 0.25), ("100/15m", 9.0), ("3600/h", 1.0), ("2/d", 43200)],
)
def test_a_rate_gives_the_wait_between_two_texts(rate: str, interval_s: float) -> None:
    assert SendingPace.from_rate(rate).interval_s == interval_s


@pytest.mark.parametrize("rate", ["", "60", "0/m", "1/y", "a/m", "60/0m"])
def test_anything_but_a_count_per_period_is_refused(rate: str) -> None:
    with pytest.raises(NotARate):
        SendingPace.from_rate(rate)


def test_a_run_sends_what_fits_in_its_time_and_always_at_least_one() -> None:
    pace = SendingPace.from_rate("60/m")

    assert pace.texts_within(30) == 30
    assert pace.texts_within(0.5) == 1
    assert SendingPace.from_rate("1/h").texts_within(30) == 1


def test_the_wait_must_be_positive() -> None:
    with pytest.raises(ValueError, match="interval_s"):
        SendingPace(0)
