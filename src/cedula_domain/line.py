"""Where a lookup stands in line, and when it should start, for telling the person."""

from __future__ import annotations

from datetime import datetime

from attrs import frozen

from cedula_domain.throughput import Throughput


@frozen(kw_only=True)
class PlaceInLine:
    # Lookups due that go before this one.
    ahead: int
    # When it should start; None while an operator has paused the source: nobody can tell.
    estimated_at: datetime | None
    # When its answer should be in: the start, and one attempt's measured duration.
    answer_at: datetime | None = None
    # The breaker holds every lookup back: the site has been blocking us.
    source_held: bool = False

    @classmethod
    def estimate(
        cls,
        *,
        ahead: int,
        now: datetime,
        throughput: Throughput,
        source_opens_at: datetime | None = None,
    ) -> PlaceInLine:
        """At the fleet's measured ``throughput``, one lookup starts every spacing: this
        one starts once those ahead of it have, and not before the source may be asked
        again; its answer comes one attempt's duration later."""
        start = max(now, source_opens_at) if source_opens_at else now
        starts_at = start + throughput.spacing * ahead
        return cls(
            ahead=ahead,
            estimated_at=starts_at,
            answer_at=starts_at + throughput.duration,
            source_held=source_opens_at is not None and source_opens_at > now,
        )

    @classmethod
    def paused(cls, *, ahead: int) -> PlaceInLine:
        return cls(ahead=ahead, estimated_at=None, source_held=True)
