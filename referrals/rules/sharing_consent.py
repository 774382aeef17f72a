"""A referred person's consent to let whoever brought them see where they vote.

Under Ley 1581 de 2012 a link between a person and a political organiser, plus where that
person votes, is sensitive data: sharing it needs explicit, optional, revocable consent.
So the consent is a ledger, each grant and each withdrawal a new entry with its time,
never edited; the latest entry is the state, and without any entry nothing is shared::

    never given  -grant->     granted   -withdraw->  withdrawn  -grant->  granted ...

Granting what is granted, or withdrawing what is not, changes nothing and adds no entry.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime

from attrs import frozen

from cedula_domain.voting_place import VotingPlace


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
class SharingConsent:
    # In the order they were written: the state follows the order, not the clock, so a
    # clock set back between two changes cannot revive an older one.
    entries: tuple[ConsentEntry, ...] = ()

    @classmethod
    def never_given(cls) -> SharingConsent:
        return cls()

    @classmethod
    def from_ledger(cls, entries: Iterable[ConsentEntry]) -> SharingConsent:
        return cls(tuple(entries))

    @property
    def latest(self) -> ConsentEntry | None:
        return self.entries[-1] if self.entries else None

    @property
    def granted(self) -> bool:
        latest = self.latest
        return latest is not None and latest.change is ConsentChange.GRANTED

    def grant(self, now: datetime) -> SharingConsent:
        return self if self.granted else self._append(ConsentEntry.granted(now))

    def withdraw(self, now: datetime) -> SharingConsent:
        return self._append(ConsentEntry.withdrawn(now)) if self.granted else self

    def reveal(self, place: VotingPlace | None) -> VotingPlace | None:
        """What of ``place`` the referrer may see: all of it with consent, else nothing."""
        return place if self.granted else None

    def _append(self, entry: ConsentEntry) -> SharingConsent:
        return SharingConsent((*self.entries, entry))
