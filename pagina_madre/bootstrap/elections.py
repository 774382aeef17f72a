"""The composition root's part for election day: the election the settings announce, the
clock that says what day it is, and the pace of the reminder texts (sent through ``sms``).

``CLOCK`` is the one clock of election day for the card, the views and the reminders;
tests set it to the day they need (tests/integration/elections/conftest.py) rather than
waiting for it."""

from __future__ import annotations

import time

from django.conf import settings

from adapters.clock import SystemClock
from cedula_domain import Clock
from elections.rules.election import Election
from elections.rules.pace import SendingPace

CLOCK: Clock = SystemClock()


def election_clock() -> Clock:
    return CLOCK


def next_election() -> Election | None:
    """The election ``ELECTION_DATE`` and ``ELECTION_NAME`` announce; None without a date."""
    return Election.announced(settings.ELECTION_DATE, settings.ELECTION_NAME)


def reminder_pace() -> SendingPace:
    # Validated when the settings load (REMINDER_RATE).
    return SendingPace.from_rate(settings.REMINDER_RATE)


def pause(seconds: float) -> None:
    """How a sender waits its turn between two texts."""
    time.sleep(seconds)
