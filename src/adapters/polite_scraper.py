"""Politeness towards the census site: lookups from this process are spaced out."""

from __future__ import annotations

import time
from collections.abc import Callable

from cedula_domain import Cedula, CensusScraper, Outcome


class PoliteScraper:
    """Waits until ``min_interval_s`` have passed since the previous lookup started.

    The site is asked a few times a minute at most, never in bursts, however many people
    register at once. One worker on SQLite makes this the whole portal's pace.
    """

    def __init__(
        self,
        inner: CensusScraper,
        min_interval_s: float,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._inner = inner
        self._min_interval_s = min_interval_s
        self._monotonic = monotonic
        self._sleep = sleep
        self._last_start: float | None = None

    def lookup(self, cedula: Cedula) -> Outcome:
        if self._last_start is not None:
            wait = self._last_start + self._min_interval_s - self._monotonic()
            if wait > 0:
                self._sleep(wait)
        self._last_start = self._monotonic()
        return self._inner.lookup(cedula)

    def close(self) -> None:
        self._inner.close()
