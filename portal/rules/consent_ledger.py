"""A person's optional, revocable consent to one use of their data (Ley 1581), kept as a
ledger: each grant and each withdrawal a new entry with its time, never edited; the latest
entry is the state, and without any entry the consent was never given::

    never given  -grant->  granted  -withdraw->  withdrawn  -grant->  granted ...

Granting what is granted, or withdrawing what is not, changes nothing and adds no entry.
Each use has its own ledger (sharing one's place with a referrer, the reminder text of
the day before), built on this one rule.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime
from typing import Self

from attrs import evolve, frozen


class ConsentChange(enum.Enum):
    GRANTED = "granted"
    WITHDRAWN = "withdrawn"


@frozen(kw_only=True)
class ConsentEntry:
    change: ConsentChange
    at: datetime

    @classmethod
    def granted(cls, at: datetime) -> ConsentEntry:
        return cls(change=ConsentChange.GRANTED, at=at)

    @classmethod
    def withdrawn(cls, at: datetime) -> ConsentEntry:
        return cls(change=ConsentChange.WITHDRAWN, at=at)


@frozen
class ConsentLedger:
    # In the order they were written: the state follows the order, not the clock, so a
    # clock set back between two changes cannot revive an older one.
    entries: tuple[ConsentEntry, ...] = ()

    @classmethod
    def never_given(cls) -> Self:
        return cls()

    @classmethod
    def from_ledger(cls, entries: Iterable[ConsentEntry]) -> Self:
        return cls(tuple(entries))

    @property
    def latest(self) -> ConsentEntry | None:
        return self.entries[-1] if self.entries else None

    @property
    def granted(self) -> bool:
        latest = self.latest
        return latest is not None and latest.change is ConsentChange.GRANTED

    def grant(self, now: datetime) -> Self:
        return self if self.granted else self._append(ConsentEntry.granted(now))

    def withdraw(self, now: datetime) -> Self:
        return self._append(ConsentEntry.withdrawn(now)) if self.granted else self

    def _append(self, entry: ConsentEntry) -> Self:
        return evolve(self, entries=(*self.entries, entry))
