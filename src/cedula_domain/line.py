"""Where a lookup stands in line, and when it should start, for telling the person."""

from __future__ import annotations

from datetime import datetime, timedelta

from attrs import frozen


@frozen(kw_only=True)
class PlaceInLine:
    # Lookups due that go before this one.
    ahead: int
    # None while an operator has paused the source: nobody can tell.
    estimated_at: datetime | None
    # The breaker holds every lookup back: the site has been blocking us.
    source_held: bool = False

    @classmethod
    def estimate(
        cls,
        *,
        ahead: int,
        now: datetime,
        interval: timedelta,
        source_opens_at: datetime | None = None,
    ) -> PlaceInLine:
        """At the fleet's pace, one lookup starts every ``interval``: this one starts
        once those ahead of it have, and not before the source may be asked again."""
        start = max(now, source_opens_at) if source_opens_at else now
        return cls(
            ahead=ahead,
            estimated_at=start + interval * ahead,
            source_held=source_opens_at is not None and source_opens_at > now,
        )

    @classmethod
    def paused(cls, *, ahead: int) -> PlaceInLine:
        return cls(ahead=ahead, estimated_at=None, source_held=True)
