"""A person's acceptances of the data-processing policy (Ley 1581 de 2012, art. 9: prior,
express and informed authorisation, of which proof is kept).

Each acceptance is an entry of a ledger, appended with its version and time, never
edited. When the policy changes in substance it gets a new version, and whoever accepted
only older ones must accept it before anything new is done with their data::

    accepted v1 --policy becomes v2--> must accept --accepts v2--> accepted v2 ...

Accounts made by staff (``createsuperuser``, the admin) have no entry at all: the policy is
accepted on the portal's registration form, and such accounts are not asked (nor looked up in
the census until they accept one: ``CustomUser.objects.ready_for_lookup``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from attrs import frozen


@frozen(kw_only=True)
class PolicyAcceptance:
    version: str
    at: datetime


@frozen
class PolicyConsent:
    # In the order they were written.
    entries: tuple[PolicyAcceptance, ...] = ()

    @classmethod
    def from_ledger(cls, entries: Iterable[PolicyAcceptance]) -> PolicyConsent:
        return cls(tuple(entries))

    def has_accepted(self, version: str) -> bool:
        return any(entry.version == version for entry in self.entries)

    def must_accept(self, current: str) -> bool:
        """Whether the person must accept ``current`` before their data is used for
        anything new: they accepted some version, and not this one."""
        return bool(self.entries) and not self.has_accepted(current)

    def accept(self, version: str, now: datetime) -> PolicyConsent:
        """Accepting a version already accepted adds nothing."""
        if self.has_accepted(version):
            return self
        return PolicyConsent((*self.entries, PolicyAcceptance(version=version, at=now)))

    @property
    def latest(self) -> PolicyAcceptance | None:
        return self.entries[-1] if self.entries else None
