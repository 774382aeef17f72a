"""The next election, as the day it falls on in Colombia: how many days are left, whether
it is today or tomorrow, and when its reminders may leave.

Every question takes an instant (``now``, aware) and reads it as Colombia's calendar
(America/Bogota, no daylight saving): at 23:30 in Bogotá it is already the next day in
UTC, and that day is not the election's yet::

    ahead (2 days or more)  ->  day before  ->  today  ->  past
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from attrs import frozen

COLOMBIA = ZoneInfo("America/Bogota")
# Reminders leave the day before, in waking hours only: nobody is texted at night.
REMINDERS_FROM = time(9)
REMINDERS_UNTIL = time(20)


class ElectionMoment(enum.Enum):
    AHEAD = "ahead"
    DAY_BEFORE = "day_before"
    TODAY = "today"
    PAST = "past"


def colombian_date(now: datetime) -> date:
    return now.astimezone(COLOMBIA).date()


@frozen(kw_only=True)
class Election:
    day: date
    # As people read it: "las elecciones de {name}"; may be blank.
    name: str = ""

    @classmethod
    def announced(cls, day: date | None, name: str = "") -> Election | None:
        """The election the settings announce; None without a date."""
        return None if day is None else cls(day=day, name=name.strip())

    def days_left(self, now: datetime) -> int:
        """Whole calendar days until the election in Colombia: 1 the day before, 0 on the
        day, negative once it has passed."""
        return (self.day - colombian_date(now)).days

    def moment(self, now: datetime) -> ElectionMoment:
        left = self.days_left(now)
        if left < 0:
            return ElectionMoment.PAST
        if left == 0:
            return ElectionMoment.TODAY
        if left == 1:
            return ElectionMoment.DAY_BEFORE
        return ElectionMoment.AHEAD

    def is_today(self, now: datetime) -> bool:
        return self.moment(now) is ElectionMoment.TODAY

    def is_day_before(self, now: datetime) -> bool:
        return self.moment(now) is ElectionMoment.DAY_BEFORE

    def reminders_due(self, now: datetime) -> bool:
        """Whether reminder texts may leave now: the day before, in waking hours."""
        local = now.astimezone(COLOMBIA).time()
        return self.is_day_before(now) and REMINDERS_FROM <= local < REMINDERS_UNTIL

    def reminders_start(self) -> datetime:
        """When the first reminder may leave, in Colombia's time."""
        return datetime.combine(self.day - timedelta(days=1), REMINDERS_FROM, tzinfo=COLOMBIA)

    def reminders_ahead(self, now: datetime) -> bool:
        """Whether a reminder asked for now may still leave."""
        end = datetime.combine(self.day - timedelta(days=1), REMINDERS_UNTIL, tzinfo=COLOMBIA)
        return now < end
