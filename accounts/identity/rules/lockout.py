"""What a person is told of the lockout after failed logins: how many tries remain, and
when the wait ends.

django-axes counts the failures and refuses the logins (``AXES_FAILURE_LIMIT`` per cédula
and address, ``AXES_COOLOFF_HOURS``); this module only words its rule for people, so the
count always comes from axes. Two early slips are ordinary: the login says how many tries
remain from the third failure on (or from the first, when the limit leaves fewer).

When the wait ends is not in axes' API: axes keeps failures in rows (one per browser of
the pair), counts those whose latest failure is within the cool-off, and refuses while
their sum reaches the limit. Older rows drop out first, so the lockout ends one cool-off
after the latest failure of the row that brings the newest rows' sum to the limit; a
failure during the lockout is not recorded (``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT``
off), so that time does not move.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from attrs import field, frozen, validators

# From this failure on the login says how many tries remain.
WARN_FROM_FAILURE = 3


@frozen(kw_only=True)
class FailedLogins:
    """One of axes' rows: ``count`` failures, the latest at ``latest_at``."""

    count: int
    latest_at: datetime


@frozen(kw_only=True)
class LockoutPolicy:
    failure_limit: int = field(validator=validators.ge(1))
    cooloff: timedelta = field(validator=validators.gt(timedelta(0)))

    @property
    def warn_from(self) -> int:
        """The failure from which the login says how many tries remain."""
        return max(1, min(WARN_FROM_FAILURE, self.failure_limit - 1))

    def tries_left(self, *, failures: int) -> int:
        return max(self.failure_limit - failures, 0)

    def tries_left_to_tell(self, *, failures: int) -> int | None:
        """The tries left that the login says after ``failures``, or None: too early to
        say, or none left (the lockout page says the rest)."""
        left = self.tries_left(failures=failures)
        if failures < self.warn_from or left == 0:
            return None
        return left

    def ends_at(self, rows: Iterable[FailedLogins]) -> datetime | None:
        """When the lockout that ``rows`` make ends; None when they make none."""
        counted = 0
        for row in sorted(rows, key=lambda row: row.latest_at, reverse=True):
            counted += row.count
            if counted >= self.failure_limit:
                return row.latest_at + self.cooloff
        return None
