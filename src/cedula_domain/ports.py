"""What the domain needs from the outside world, as protocols the adapters implement."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from cedula_domain.cedula import Cedula
from cedula_domain.outcomes import Outcome

if TYPE_CHECKING:
    from cedula_domain.breaker import Breaker
    from cedula_domain.place_matching import Candidates
    from cedula_domain.record import LookupRecord
    from cedula_domain.throughput import AttemptTimes
    from cedula_domain.voting_place import VotingPlace


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
    """What is due (``due``, ``next_due``, ``count_due``) counts only the records of people
    whose data may be processed now: one who must first accept a new version of the data
    policy keeps their record as it is, and out of line, until they do."""

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
        """Cédulas whose record is due at ``now`` (``LookupRecord.is_due``): PENDING with
        its next attempt at or before ``now``, or PROCESSING with a lease that expired at or
        before ``now``. A person who must accept a new version of the data policy
        (``PolicyConsent.must_accept``) has nothing due, here and in ``next_due`` and
        ``count_due``: their lookup waits, untouched, until they accept it."""
        ...

    def next_due(self, now: datetime) -> LookupRecord | None:
        """Of the records due at ``now``, the one that goes first: the lowest
        ``LookupRecord.place_in_line``. None when none is due."""
        ...

    def count_due(self, now: datetime, before: LookupRecord | None = None) -> int:
        """How many records are due at ``now``; with ``before``, only those that go
        before it in line (a lower ``place_in_line``)."""
        ...

    def unrequested(self) -> list[Cedula]:
        """Registered cédulas that have no record yet: their first request was lost."""
        ...

    def purge_evidence(self, cutoff: datetime) -> int:
        """Blank the raw evidence of exactly the records whose evidence expired before
        ``cutoff`` (``LookupRecord.evidence_expired``); how many they were."""
        ...

    def without_official_place(self) -> list[Cedula]:
        """Cédulas whose record holds a voting place that has no official place: never
        matched, or matched to none (whatever the reason)."""
        ...


class PollingPlaces(Protocol):
    """The official list of polling places, as loaded; the current list is the one
    published last (a new election's list is loaded beside the old one)."""

    def candidates(self, place: VotingPlace) -> Candidates | None:
        """What the current list holds for an answer's place: the places of every
        municipio whose ``name_key`` is that of ``place.municipio``, whatever their
        departamento, and the place its ``coddivipol`` names when that is a whole code
        (``code_named``). Only the current list's places, each with its list's election.
        None when no list is loaded."""
        ...


class TaskQueue(Protocol):
    def wake(self, not_before: datetime | None = None) -> None:
        """Wake a worker now, or not before a time, to run the lookup that goes first.
        A wake-up names no lookup: it may be delivered twice or never, and which lookup
        runs is decided from the records when it is delivered."""
        ...

    def waiting(self) -> int:
        """How many wake-ups for now wait to be delivered (not those for later)."""
        ...


class SourceRepository(Protocol):
    """What the whole fleet shares about the census site."""

    def breaker(self) -> Breaker:
        """The stored breaker; a closed one (version 0) before any was saved."""
        ...

    def save_breaker(self, breaker: Breaker) -> bool:
        """Compare-and-set on ``breaker.version``, bumping it by one: of two callers
        saving changes of the same version exactly one wins. Every field is kept as
        given, but what the last changed page lacked may be cut after 300 characters."""
        ...

    def log_attempt(self, outcome: Outcome, times: AttemptTimes) -> None:
        """Keep what an attempt came to and its ``times``, without the cédula, for
        operators and the line's estimate."""
        ...

    def recent_attempts(self, since: datetime, limit: int) -> list[AttemptTimes]:
        """The times of the latest ``limit`` attempts that ended at or after ``since``."""
        ...

    def forget_attempts(self, cutoff: datetime) -> int:
        """Drop the attempts logged before ``cutoff``; how many they were."""
        ...


class Pace(Protocol):
    def wait_turn(self) -> bool:
        """Wait until this caller may send the next request to the site, as one of the
        whole fleet: two turns are never closer than the configured interval. False when
        no turn came within the wait allowed (the caller gives up for now)."""
        ...


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        ...
