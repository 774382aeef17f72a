"""When a failed attempt to read the census is tried again, and when it is given up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from random import uniform

from attrs import field, frozen, validators

from cedula_domain.outcomes import Failure, FailureKind

# Past this many doublings the cap has long taken over; stopping here keeps 2.0**n finite.
_MAX_DOUBLINGS = 1000

_NOT_NEGATIVE = validators.ge(timedelta(0))


@frozen(kw_only=True)
class RetryPolicy:
    """Exponential backoff with full jitter (each wait drawn between zero and the
    exponential ceiling), so that lookups failing together do not come back together
    and the site sees a few polite requests instead of bursts."""

    max_attempts: int = field(default=3, validator=validators.ge(1))
    base_delay: timedelta = field(default=timedelta(seconds=60), validator=_NOT_NEGATIVE)
    # A block means the site is watching us: stay away much longer than after an outage.
    blocked_base_delay: timedelta = field(default=timedelta(seconds=600), validator=_NOT_NEGATIVE)
    max_delay: timedelta = field(default=timedelta(hours=1), validator=_NOT_NEGATIVE)
    # A jitter draw near zero would retry at once and hammer the site: never wait less.
    min_delay: timedelta = field(default=timedelta(seconds=5), validator=_NOT_NEGATIVE)
    # Injectable so tests can pin the draw; called as random(low, high) in seconds.
    random: Callable[[float, float], float] = field(default=uniform, eq=False, repr=False)

    def delay_after(self, attempt: int, failure: Failure | FailureKind) -> timedelta:
        """How long to wait after failed attempt number ``attempt`` (1 for the first)."""
        if attempt < 1:
            raise ValueError(f"attempts are numbered from 1, got {attempt}")
        kind = failure if isinstance(failure, FailureKind) else failure.kind
        base = self.blocked_base_delay if kind is FailureKind.BLOCKED else self.base_delay
        # Float seconds: a timedelta would overflow on a large attempt number before the cap.
        exponential = base.total_seconds() * 2.0 ** min(attempt - 1, _MAX_DOUBLINGS)
        ceiling = min(self.max_delay.total_seconds(), exponential)
        return max(self.min_delay, timedelta(seconds=self.random(0.0, ceiling)))

    def gives_up_after(self, attempt: int) -> bool:
        """Whether failed attempt number ``attempt`` was the last one allowed."""
        return attempt >= self.max_attempts
