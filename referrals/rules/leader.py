"""What a leader gets beyond anyone's list of people: a goal to measure it against, and
asking the census again about their people.

Each lookup asked again is one more visit to the Registraduría's site, which the fleet keeps
to a polite pace, and the site answers the same for weeks. So a leader asks at most once a
day, and only lookups that ended (one on its way brings its answer anyway) and are older
than a week are asked again; the lookup service puts them behind new people's first ones.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from attrs import field, frozen, validators

from cedula_domain.record import LookupStatus

_POSITIVE = validators.gt(timedelta(0))


@frozen
class Goal:
    """How many people a leader means to bring (their "meta")."""

    target: int = field(validator=validators.ge(1))

    def progress(self, reached: int) -> GoalProgress:
        return GoalProgress(target=self.target, reached=reached)


@frozen(kw_only=True)
class GoalProgress:
    target: int
    reached: int

    @property
    def percent(self) -> int:
        """Whole percent, rounded down (so 100 means met) and capped at 100."""
        return min(100, self.reached * 100 // self.target)

    @property
    def missing(self) -> int:
        return max(0, self.target - self.reached)


class NetworkRefreshReason(enum.Enum):
    ALLOWED = "allowed"
    TOO_SOON = "too_soon"
    # Nobody's lookup is old enough; asking would spend the day's turn on nothing.
    NOTHING_STALE = "nothing_stale"


@frozen(kw_only=True)
class NetworkRefreshDecision:
    reason: NetworkRefreshReason
    # When the leader may ask again; only when it was too soon.
    available_at: datetime | None = None

    @property
    def allowed(self) -> bool:
        return self.reason is NetworkRefreshReason.ALLOWED

    @classmethod
    def allow(cls) -> NetworkRefreshDecision:
        return cls(reason=NetworkRefreshReason.ALLOWED)

    @classmethod
    def too_soon(cls, available_at: datetime) -> NetworkRefreshDecision:
        return cls(reason=NetworkRefreshReason.TOO_SOON, available_at=available_at)

    @classmethod
    def nothing_stale(cls) -> NetworkRefreshDecision:
        return cls(reason=NetworkRefreshReason.NOTHING_STALE)


@frozen(kw_only=True)
class NetworkRefreshPolicy:
    # A rolling day from the last ask, the same in any time zone.
    interval: timedelta = field(default=timedelta(days=1), validator=_POSITIVE)
    stale_after: timedelta = field(default=timedelta(days=7), validator=_POSITIVE)

    def is_stale(self, status: LookupStatus, requested_at: datetime, now: datetime) -> bool:
        """Whether a lookup is asked again: ended, and requested more than a week ago
        (from its request, as a person's own refresh is measured, so that a lookup
        someone refreshed lately is not asked again)."""
        return status.is_final and now - requested_at > self.stale_after

    def decide(
        self, *, last_asked_at: datetime | None, stale: int, now: datetime
    ) -> NetworkRefreshDecision:
        if last_asked_at is not None and now < last_asked_at + self.interval:
            return NetworkRefreshDecision.too_soon(last_asked_at + self.interval)
        if stale == 0:
            return NetworkRefreshDecision.nothing_stale()
        return NetworkRefreshDecision.allow()
