"""An announced election and the day it is, for the test client and the browser alike:
``election`` (Congress on Sunday 8 March 2026) and ``today`` (the one clock of election day,
set rather than waited for).

A pytest plugin (tests/conftest.py lists it), so every suite asks for these by name. It is
loaded in runs without Django too: the wiring is imported only when a fixture runs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from elections.rules.election import COLOMBIA

ELECTION_DAY = date(2026, 3, 8)  # a Sunday


class SetClock:
    def __init__(self, current: datetime) -> None:
        self.current = current

    def now(self) -> datetime:
        return self.current


@pytest.fixture
def election(settings: Any) -> date:
    """Congress on Sunday 8 March 2026, texts as fast as the test can send them."""
    settings.ELECTION_DATE = ELECTION_DAY
    settings.ELECTION_NAME = "Congreso"
    settings.REMINDER_RATE = "1000/s"
    return ELECTION_DAY


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Callable[..., SetClock]:
    """``today(day, hour=12)``: from then on, it is that day and hour in Colombia."""
    from pagina_madre.bootstrap import elections as election_wiring

    clock = SetClock(datetime(2026, 1, 1, 12, tzinfo=COLOMBIA))
    monkeypatch.setattr(election_wiring, "CLOCK", clock)

    def _set(day: date, hour: int = 12, minute: int = 0) -> SetClock:
        clock.current = datetime(day.year, day.month, day.day, hour, minute, tzinfo=COLOMBIA)
        return clock

    return _set
