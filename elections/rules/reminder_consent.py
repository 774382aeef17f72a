"""A person's consent to get a text the day before each election, with their polling place
and mesa.

Optional and revocable (Ley 1581): a ledger, each grant and each withdrawal a new entry
with its time, never edited; the latest entry is the state, and without any entry no text
is sent::

    never given  -grant->  granted  -withdraw->  withdrawn  -grant->  granted ...

Granting what is granted, or withdrawing what is not, changes nothing and adds no entry.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime

from attrs import frozen


class ReminderChange(enum.Enum):
    GRANTED = "granted"
    WITHDRAWN = "withdrawn"


@frozen(kw_only=True)
class ReminderConsentEntry:
    change: ReminderChange
    at: datetime


@frozen
class ReminderConsent:
    # In the order they were written: the state follows the order, not the clock.
    entries: tuple[ReminderConsentEntry, ...] = ()

    @classmethod
    def from_ledger(cls, entries: Iterable[ReminderConsentEntry]) -> ReminderConsent:
        return cls(tuple(entries))

    @property
    def latest(self) -> ReminderConsentEntry | None:
        return self.entries[-1] if self.entries else None

    @property
    def granted(self) -> bool:
        latest = self.latest
        return latest is not None and latest.change is ReminderChange.GRANTED

    def grant(self, now: datetime) -> ReminderConsent:
        return self if self.granted else self._append(ReminderChange.GRANTED, now)

    def withdraw(self, now: datetime) -> ReminderConsent:
        return self._append(ReminderChange.WITHDRAWN, now) if self.granted else self

    def _append(self, change: ReminderChange, at: datetime) -> ReminderConsent:
        return ReminderConsent((*self.entries, ReminderConsentEntry(change=change, at=at)))
