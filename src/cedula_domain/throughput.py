"""How fast the fleet works through the line, measured on its own recent attempts.

The pace's interval is only a floor: a lookup ahead in line also waits for a worker to be
free, for the scheduler's wake-up and for the Registraduría's page, and a fleet of one
worker behind a slow page runs far below the pace. So the line's estimate counts what the
fleet really did lately:

- ``spacing``: the median time between the starts of two attempts while lookups waited
  (the next one was due before the previous one started), never below the pace's interval.
  Gaps when the line was empty say nothing about the line and are left out;
- ``duration``: the median time one attempt took, from its start to its outcome.

Until enough attempts are known, the spacing is the pace's interval and an attempt is
taken to last ``UNMEASURED_DURATION``.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from datetime import datetime, timedelta
from itertools import pairwise

from attrs import frozen

# What the measure looks at: the attempts of the last hour, at most this many of them.
WINDOW = timedelta(hours=1)
SAMPLE = 50
# Fewer busy gaps than this are noise (one slow page, one restart): the pace decides.
MIN_GAPS = 3
# A Chromium lookup of the census page that answers: about what the simulator and the
# real pages take on this project's machines (`make bench`: bench_lookups.py).
UNMEASURED_DURATION = timedelta(seconds=10)


@frozen(kw_only=True)
class AttemptTimes:
    """When one attempt's lookup was due (it waited in line from then), started and ended."""

    due_at: datetime
    started_at: datetime
    finished_at: datetime


@frozen(kw_only=True)
class Throughput:
    spacing: timedelta
    duration: timedelta

    @classmethod
    def at_pace(cls, interval: timedelta) -> Throughput:
        """Before anything was measured."""
        return cls(spacing=interval, duration=UNMEASURED_DURATION)

    @classmethod
    def measured(cls, attempts: Iterable[AttemptTimes], *, interval: timedelta) -> Throughput:
        ordered = sorted(attempts, key=lambda attempt: attempt.started_at)
        if not ordered:
            return cls.at_pace(interval)
        durations = [attempt.finished_at - attempt.started_at for attempt in ordered]
        gaps = [
            later.started_at - earlier.started_at
            for earlier, later in pairwise(ordered)
            if later.due_at <= earlier.started_at
        ]
        spacing = statistics.median(gaps) if len(gaps) >= MIN_GAPS else interval
        return cls(spacing=max(spacing, interval), duration=statistics.median(durations))
