"""What the domain needs from the outside world, as protocols the adapters implement."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from cedula_domain.cedula import Cedula
from cedula_domain.outcomes import Outcome

if TYPE_CHECKING:
    from cedula_domain.record import LookupRecord


class CensusScraper(Protocol):
    def lookup(self, cedula: Cedula) -> Outcome:
        """Ask the census once. Never raises for site trouble: that is an outcome."""
        ...

    def close(self) -> None:
        """Release the browser and anything else the scraper holds."""
        ...


class AddResult(enum.Enum):
    """What came of storing a new record; only ADDED wrote anything."""

    ADDED = "added"
    # A record is stored for the cédula already; it was left as it is.
    EXISTS = "exists"
    # Only registered people are looked up, and no account holds the cédula.
    NO_ACCOUNT = "no_account"


class CedulaRepository(Protocol):
    def get(self, cedula: Cedula) -> LookupRecord | None: ...

    def add(self, record: LookupRecord) -> AddResult:
        """Store a new record, as given (its version included), for the registered person
        who holds its cédula. Otherwise nothing is written, and the result says why: a
        record exists for the cédula (EXISTS), or no account holds it (NO_ACCOUNT)."""
        ...

    def save(self, record: LookupRecord) -> bool:
        """Compare-and-set: store ``record`` only if the stored version is still
        ``record.version``, bumping it by one (the service counts on that to know the
        version it stored). One conditional write, so of two callers saving changes of
        the same version exactly one wins; that is how a claim is atomic."""
        ...

    def due(self, now: datetime) -> list[Cedula]:
        """Cédulas whose record is PENDING with its next attempt at or before ``now``,
        or PROCESSING with a lease that expired at or before ``now``."""
        ...

    def unrequested(self) -> list[Cedula]:
        """Registered cédulas that have no record yet: their first request was lost."""
        ...

    def purge_evidence(self, cutoff: datetime) -> int:
        """Blank the raw evidence of exactly the records whose evidence expired before
        ``cutoff`` (``LookupRecord.evidence_expired``); how many they were."""
        ...


class TaskQueue(Protocol):
    def enqueue(self, cedula: Cedula, not_before: datetime | None = None) -> None:
        """Ask for an attempt now or not before a time. A wake-up call: it may be
        delivered twice or never, the record stays the truth."""
        ...


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        ...
