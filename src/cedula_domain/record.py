"""The lookup record: the state of finding one cédula in the census, and its only truth.

The queue is just a wake-up call that may be delivered twice or never; every decision is
taken here from the record, and every change is a new record the repository stores with a
compare-and-set on ``version``.

Life of a record, "ERROR" meaning the failure came on the last attempt allowed::

    requested            -> PENDING, due at once
    PENDING, due         -claim->          PROCESSING, under a lease
    PROCESSING           -record_outcome-> FOUND | NOT_FOUND | CANCELLED  (an answer)
                                           PENDING after a backoff | ERROR  (a failure)
    PROCESSING, expired  -abandon->        PENDING at once | ERROR  (the worker vanished)
    any final state      -restart->        PENDING  (a refresh; the last answer stays shown)
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from attrs import evolve, frozen

from cedula_domain.cancellation import Cancellation
from cedula_domain.cedula import Cedula
from cedula_domain.outcomes import Cancelled, FailureKind, Found, NotFound, Outcome
from cedula_domain.retry import RetryPolicy
from cedula_domain.voting_place import VotingPlace


class LookupStatus(enum.Enum):
    PENDING = "pending"
    PROCESSING = "processing"
    FOUND = "found"
    NOT_FOUND = "not_found"
    CANCELLED = "cancelled"
    ERROR = "error"

    @property
    def is_final(self) -> bool:
        """No attempt is waiting or running; only a refresh starts a new lookup."""
        return self not in {LookupStatus.PENDING, LookupStatus.PROCESSING}


class LookupStateError(Exception):
    """A transition the record's current state does not allow."""


class LookupNotClaimable(LookupStateError):
    """The lookup is not due: already running under a live lease, waiting, or final."""


class IllegalTransition(LookupStateError):
    """The move makes no sense from the record's status."""


def _reached(moment: datetime | None, now: datetime) -> bool:
    return moment is not None and moment <= now


@frozen(kw_only=True)
class LookupRecord:
    cedula: Cedula
    status: LookupStatus
    # When the current lookup was asked for; refreshes are rate-limited from it.
    requested_at: datetime
    # Attempts claimed in the current lookup, including one that is running.
    attempts: int = 0
    # PENDING only: the attempt must not start before this time.
    next_attempt_at: datetime | None = None
    # PROCESSING only: past this time the worker is presumed gone and the attempt lost.
    lease_expires_at: datetime | None = None
    last_failure_kind: FailureKind | None = None
    # For operators, in English like the failure details it comes from.
    last_failure_message: str = ""
    # The last answer stays while a refresh runs, so the page keeps showing it.
    fetched_at: datetime | None = None
    voting_place: VotingPlace | None = None
    cancellation: Cancellation | None = None
    engine: str = ""
    evidence: str = ""
    # The stored version this copy was read at; only the repository's save bumps it.
    version: int = 0

    @classmethod
    def requested(cls, cedula: Cedula, now: datetime) -> LookupRecord:
        return cls(
            cedula=cedula, status=LookupStatus.PENDING, requested_at=now, next_attempt_at=now
        )

    def is_due(self, now: datetime) -> bool:
        """Whether an attempt should run now: waiting and on time, or its worker vanished."""
        if self.status is LookupStatus.PENDING:
            return _reached(self.next_attempt_at, now)
        return self.lease_expired(now)

    def lease_expired(self, now: datetime) -> bool:
        return self.status is LookupStatus.PROCESSING and _reached(self.lease_expires_at, now)

    def claim(self, now: datetime, lease: timedelta) -> LookupRecord:
        """Start an attempt, holding it for ``lease``.

        Only a due PENDING record can be claimed. A PROCESSING record whose lease expired
        must be abandoned first, so the lost attempt is written down, not overwritten.
        """
        if self.status is not LookupStatus.PENDING or not self.is_due(now):
            raise LookupNotClaimable(f"{self.cedula} is {self.status.value} and not due at {now}")
        return evolve(
            self,
            status=LookupStatus.PROCESSING,
            attempts=self.attempts + 1,
            next_attempt_at=None,
            lease_expires_at=now + lease,
        )

    def record_outcome(self, outcome: Outcome, now: datetime, policy: RetryPolicy) -> LookupRecord:
        """Write down what the running attempt found.

        Deliberately no lease check: a late result nobody else has replaced is still the
        truth, and the compare-and-set save refuses it if someone else took over.
        """
        if self.status is not LookupStatus.PROCESSING:
            raise IllegalTransition(f"no attempt is running for {self.cedula}")
        match outcome:
            case Found():
                return self._answered(LookupStatus.FOUND, outcome, now, place=outcome.place)
            case NotFound():
                return self._answered(LookupStatus.NOT_FOUND, outcome, now)
            case Cancelled():
                return self._answered(
                    LookupStatus.CANCELLED, outcome, now, cancellation=outcome.cancellation
                )
            case _:
                gives_up = policy.gives_up_after(self.attempts)
                return evolve(
                    self._failed(outcome.kind, outcome.detail, gives_up),
                    next_attempt_at=None
                    if gives_up
                    else now + policy.delay_after(self.attempts, outcome),
                    engine=outcome.engine,
                    evidence=outcome.evidence,
                )

    def abandon(self, now: datetime, policy: RetryPolicy) -> LookupRecord:
        """Count the attempt whose lease expired as failed: its worker vanished.

        It may be claimed again at once (the expired lease already made it wait), or it
        ends in ERROR when it was the last attempt allowed.
        """
        if not self.lease_expired(now):
            raise IllegalTransition(f"{self.cedula} has no expired lease at {now}")
        gives_up = policy.gives_up_after(self.attempts)
        return evolve(
            self._failed(
                FailureKind.INTERRUPTED,
                f"attempt {self.attempts} stopped before recording a result",
                gives_up,
            ),
            next_attempt_at=None if gives_up else now,
        )

    def restart(self, now: datetime) -> LookupRecord:
        """Start a new lookup (a refresh), keeping the last answer until a new one comes."""
        if not self.status.is_final:
            raise IllegalTransition(f"a lookup of {self.cedula} is already {self.status.value}")
        return evolve(
            self,
            status=LookupStatus.PENDING,
            requested_at=now,
            attempts=0,
            next_attempt_at=now,
            lease_expires_at=None,
            last_failure_kind=None,
            last_failure_message="",
        )

    def _answered(
        self,
        status: LookupStatus,
        outcome: Found | NotFound | Cancelled,
        now: datetime,
        *,
        place: VotingPlace | None = None,
        cancellation: Cancellation | None = None,
    ) -> LookupRecord:
        return evolve(
            self,
            status=status,
            next_attempt_at=None,
            lease_expires_at=None,
            last_failure_kind=None,
            last_failure_message="",
            fetched_at=now,
            voting_place=place,
            cancellation=cancellation,
            engine=outcome.engine,
            evidence=outcome.evidence,
        )

    def _failed(self, kind: FailureKind, message: str, gives_up: bool) -> LookupRecord:
        return evolve(
            self,
            status=LookupStatus.ERROR if gives_up else LookupStatus.PENDING,
            lease_expires_at=None,
            last_failure_kind=kind,
            last_failure_message=message,
        )
