"""The election day in Colombia's calendar: days left, the day before, the day itself."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from elections.rules.election import COLOMBIA, Election, ElectionMoment, colombian_date

SUNDAY = date(2026, 3, 8)
ELECTION = Election(day=SUNDAY, name="Congreso")


def bogota(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=COLOMBIA)


def test_no_date_announces_no_election() -> None:
    assert Election.announced(None, "Congreso") is None


def test_an_announced_election_keeps_its_name_trimmed() -> None:
    assert Election.announced(SUNDAY, "  Congreso ") == ELECTION


@pytest.mark.parametrize(
    ("now", "left", "moment"),
    [
        (bogota(date(2026, 2, 24), 12), 12, ElectionMoment.AHEAD),
        (bogota(date(2026, 3, 6), 23, 59), 2, ElectionMoment.AHEAD),
        (bogota(date(2026, 3, 7), 0), 1, ElectionMoment.DAY_BEFORE),
        (bogota(SUNDAY, 7), 0, ElectionMoment.TODAY),
        (bogota(SUNDAY, 23, 59), 0, ElectionMoment.TODAY),
        (bogota(date(2026, 3, 9), 0), -1, ElectionMoment.PAST),
    ],
)
def test_the_days_left_are_counted_in_colombias_calendar(
    now: datetime, left: int, moment: ElectionMoment
) -> None:
    assert ELECTION.days_left(now) == left
    assert ELECTION.moment(now) is moment


def test_late_on_saturday_in_bogota_is_sunday_in_utc_but_still_the_day_before() -> None:
    saturday_night = datetime(2026, 3, 8, 4, 30, tzinfo=UTC)  # 23:30 in Bogotá

    assert colombian_date(saturday_night) == date(2026, 3, 7)
    assert ELECTION.is_day_before(saturday_night)
    assert not ELECTION.is_today(saturday_night)


def test_on_the_day_it_is_today_and_not_the_day_before() -> None:
    assert ELECTION.is_today(bogota(SUNDAY, 8))
    assert not ELECTION.is_day_before(bogota(SUNDAY, 8))


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (bogota(date(2026, 3, 7), 8, 59), False),
        (bogota(date(2026, 3, 7), 9), True),
        (bogota(date(2026, 3, 7), 19, 59), True),
        (bogota(date(2026, 3, 7), 20), False),
        (bogota(date(2026, 3, 6), 12), False),
        (bogota(SUNDAY, 12), False),
    ],
)
def test_reminders_leave_the_day_before_in_waking_hours_only(now: datetime, due: bool) -> None:
    assert ELECTION.reminders_due(now) is due


def test_reminders_start_at_nine_the_day_before() -> None:
    assert ELECTION.reminders_start() == bogota(date(2026, 3, 7), 9)


def test_a_reminder_asked_for_before_eight_pm_the_day_before_may_still_come() -> None:
    assert ELECTION.reminders_ahead(bogota(date(2026, 2, 1), 12))
    assert ELECTION.reminders_ahead(bogota(date(2026, 3, 7), 19, 59))
    assert not ELECTION.reminders_ahead(bogota(date(2026, 3, 7), 20))
