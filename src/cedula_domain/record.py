"""The lookup record: the state of finding one cédula in the census, and its only truth.

The queue is just a wake-up call that may be delivered twice or never; every decision is
taken here from the record, and every change is a new record the repository stores with a
compare-and-set on ``version``.

Life of a record, "ERROR" meaning the failure came on the last attempt allowed::

    requested            -> PENDING, due at once
    PENDING, due         -claim->          PROCESSING, under a lease
    PROCESSING           -record_outcome-> an answer  (final)
                                           PENDING after a backoff | ERROR  (a failure)
    PROCESSING, expired  -abandon->        PENDING at once | ERROR  (the worker vanished)
    any final state      -restart->        PENDING  (a refresh; the last answer stays shown)
    not PROCESSING       -report->         an answer told by a person or an operator
                                           (final until the next restart)
    PENDING              -report (a person)->  PENDING, the answer shown while the lookup
                                           keeps its place in line
    a person's answer    -for_new_holder-> no answer; a final lookup PENDING again, first

An answer is FOUND (with its place), NOT_FOUND, CANCELLED (with its cancellation) or
NOT_ENABLED: the cédula is valid but its holder may not vote now (with its restriction;
never shown as a cancellation).

Each answer keeps its source. A person's word never replaces the Registraduría's answer,
an operator's replaces any; the Registraduría's next answer (after a restart, or the attempt
of a lookup still waiting when the person told it) replaces both.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from attrs import evolve, frozen

from cedula_domain.answer_source import AnswerSource
from cedula_domain.cancellation import Cancellation
from cedula_domain.cedula import Cedula
from cedula_domain.outcomes import (
    Blocked,
    BlockKind,
    Cancelled,
    FailureKind,
    Found,
    NotEnabled,
    NotFound,
    Outcome,
    Terminal,
    is_terminal,
)
from cedula_domain.priority import Priority
from cedula_domain.restriction import Restriction
from cedula_domain.retry import RetryPolicy
from cedula_domain.voting_place import VotingPlace


class LookupStatus(enum.Enum):
    PENDING = "pending"
    PROCESSING = "processing"
    FOUND = "found"
    NOT_FOUND = "not_found"
    CANCELLED = "cancelled"
    # The cédula is valid, but its holder may not vote now: never a cancellation.
    NOT_ENABLED = "not_enabled"
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


class AttemptRunning(IllegalTransition):
    """An attempt is reading the census right now; an answer told meanwhile would be
    overwritten by its result, or overwrite it."""


class RegistraduriaAlreadyAnswered(LookupStateError):
    """The record shows the Registraduría's own answer; a person's word does not replace it."""


_STATUS_OF_ANSWER = {
    Found: LookupStatus.FOUND,
    NotFound: LookupStatus.NOT_FOUND,
    Cancelled: LookupStatus.CANCELLED,
    NotEnabled: LookupStatus.NOT_ENABLED,
}


def status_of(answer: Terminal) -> LookupStatus:
    """The status an answer leaves a record in."""
    return _STATUS_OF_ANSWER[type(answer)]


def outcome_name(outcome: Outcome) -> str:
    """One attempt's outcome by the name it is stored and counted under: the status an
    answer leads to, or the failure's kind."""
    if is_terminal(outcome):
        return status_of(outcome).value
    return outcome.kind.value


# Every name ``outcome_name`` may store an attempt under: an answer's status, or a failure's
# kind. What the table of attempts stores is named here; the census presenter only words it.
OUTCOME_NAMES: tuple[str, ...] = (
    *(status.value for status in _STATUS_OF_ANSWER.values()),
    *(kind.value for kind in FailureKind),
)


def _reached(moment: datetime | None, now: datetime) -> bool:
    return moment is not None and moment <= now


@frozen(kw_only=True)
class LookupRecord:
    cedula: Cedula
    status: LookupStatus
    # When the current lookup was asked for; refreshes are rate-limited from it, and
    # within a priority class the lookup requested first goes first.
    requested_at: datetime
    priority: Priority = Priority.FIRST
    # Attempts claimed in the current lookup, including one that is running.
    attempts: int = 0
    # PENDING only: the attempt must not start before this time.
    next_attempt_at: datetime | None = None
    # PROCESSING only: past this time the worker is presumed gone and the attempt lost.
    lease_expires_at: datetime | None = None
    last_failure_kind: FailureKind | None = None
    # Set when the last failure was a block: a CAPTCHA is one only a person can get past.
    last_block_kind: BlockKind | None = None
    # For operators, in Spanish like the failure details it comes from (a foreign
    # error's own words excepted).
    last_failure_message: str = ""
    # The last answer stays while a refresh runs, so the page keeps showing it.
    fetched_at: datetime | None = None
    voting_place: VotingPlace | None = None
    cancellation: Cancellation | None = None
    restriction: Restriction | None = None
    # Who gave the answer shown (None until there is one); it stays with the answer.
    source: AnswerSource | None = None
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

    @property
    def place_in_line(self) -> tuple[int, datetime]:
        """Sorts due lookups into the order they are run in (lowest first)."""
        return (self.priority.value, self.requested_at)

    def lease_expired(self, now: datetime) -> bool:
        return self.status is LookupStatus.PROCESSING and _reached(self.lease_expires_at, now)

    def evidence_expired(self, cutoff: datetime) -> bool:
        """Whether the raw evidence kept for operators dates from before ``cutoff`` and is
        to be blanked. A lookup that gave up (ERROR) keeps the evidence of its failures,
        dated from when it was requested; any other record's evidence is dated from the
        fetch of its last answer, and a record never answered keeps its own (the lookup
        under way replaces it). A record without evidence has none to expire."""
        if not self.evidence:
            return False
        dated = self.requested_at if self.status is LookupStatus.ERROR else self.fetched_at
        return dated is not None and dated < cutoff

    @property
    def blocked_by_captcha(self) -> bool:
        """The last failed attempt met a CAPTCHA, which we never solve."""
        return self.last_block_kind is BlockKind.CAPTCHA

    @property
    def told_by_person(self) -> bool:
        """The answer shown is the person's word, told during the current lookup (not one
        kept from before a refresh): they have already done what only they could."""
        return (
            self.source is AnswerSource.PERSON
            and self.fetched_at is not None
            and self.fetched_at >= self.requested_at
        )

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
        if isinstance(outcome, Found | NotFound | Cancelled | NotEnabled):
            return self._answered(
                outcome,
                now,
                AnswerSource.REGISTRADURIA,
                engine=outcome.engine,
                evidence=outcome.evidence,
            )
        gives_up = policy.gives_up_after(self.attempts)
        block = outcome.block if isinstance(outcome, Blocked) else None
        return evolve(
            self._failed(outcome.kind, outcome.detail, gives_up, block=block),
            next_attempt_at=None if gives_up else now + policy.delay_after(self.attempts, outcome),
            engine=outcome.engine,
            evidence=outcome.evidence,
        )

    def report(self, answer: Terminal, now: datetime, source: AnswerSource) -> LookupRecord:
        """Write down the answer a person or an operator read on the Registraduría's page.

        An operator's answer, or one told after the lookup ended, ends the lookup: a
        wake-up already queued finds nothing due, and only a new lookup (``restart``) asks
        the census again, whose answer then replaces this one. A person's answer told while
        the lookup waits (PENDING) is shown while it keeps its place in line, its attempts
        and its next try: the Registraduría's answer, when an attempt gets it, replaces it;
        if none does, the person's answer stays. Refused while an attempt runs, and to a
        person when the Registraduría answered.
        """
        if source is AnswerSource.REGISTRADURIA:
            raise ValueError("the Registraduría answers through an attempt (record_outcome)")
        if self.status is LookupStatus.PROCESSING:
            raise AttemptRunning(f"an attempt to read the census for {self.cedula} is running")
        if source is AnswerSource.PERSON and self.source is AnswerSource.REGISTRADURIA:
            raise RegistraduriaAlreadyAnswered(f"the Registraduría answered for {self.cedula}")
        answered = self._answered(answer, now, source)
        if source is AnswerSource.PERSON and self.status is LookupStatus.PENDING:
            return evolve(
                answered,
                status=LookupStatus.PENDING,
                next_attempt_at=self.next_attempt_at,
                last_failure_kind=self.last_failure_kind,
                last_block_kind=self.last_block_kind,
                last_failure_message=self.last_failure_message,
                engine=self.engine,
                evidence=self.evidence,
            )
        return answered

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
                f"el intento {self.attempts} se detuvo antes de registrar un resultado",
                gives_up,
            ),
            next_attempt_at=None if gives_up else now,
        )

    def restart(self, now: datetime, priority: Priority = Priority.REFRESH) -> LookupRecord:
        """Start a new lookup (a refresh), keeping the last answer until a new one comes."""
        if not self.status.is_final:
            raise IllegalTransition(f"a lookup of {self.cedula} is already {self.status.value}")
        return evolve(
            self,
            status=LookupStatus.PENDING,
            requested_at=now,
            priority=priority,
            attempts=0,
            next_attempt_at=now,
            lease_expires_at=None,
            last_failure_kind=None,
            last_block_kind=None,
            last_failure_message="",
        )

    def for_new_holder(self, now: datetime) -> LookupRecord:
        """The cédula's account passed to another person (staff granted their claim). An
        answer of the Registraduría or an operator is the cédula's and stays. One a person
        told was the previous holder's word: it goes, and a final lookup starts again as
        the new holder's first, so that the census answers for them."""
        if self.source is not AnswerSource.PERSON:
            return self
        unanswered = evolve(
            self,
            fetched_at=None,
            voting_place=None,
            cancellation=None,
            restriction=None,
            source=None,
        )
        if not self.status.is_final:
            # A lookup waiting keeps its place. One running loses its attempt's save (the
            # version moved) and runs again once its lease expires: an attempt spent
            # rather than the previous holder's word kept past a failure.
            return unanswered
        return unanswered.restart(now, Priority.FIRST)

    def _answered(
        self,
        answer: Terminal,
        now: datetime,
        source: AnswerSource,
        *,
        engine: str = "",
        evidence: str = "",
    ) -> LookupRecord:
        return evolve(
            self,
            status=status_of(answer),
            next_attempt_at=None,
            lease_expires_at=None,
            last_failure_kind=None,
            last_block_kind=None,
            last_failure_message="",
            fetched_at=now,
            voting_place=answer.place if isinstance(answer, Found) else None,
            cancellation=answer.cancellation if isinstance(answer, Cancelled) else None,
            restriction=answer.restriction if isinstance(answer, NotEnabled) else None,
            source=source,
            engine=engine,
            evidence=evidence,
        )

    def _failed(
        self, kind: FailureKind, message: str, gives_up: bool, *, block: BlockKind | None = None
    ) -> LookupRecord:
        return evolve(
            self,
            status=LookupStatus.ERROR if gives_up else LookupStatus.PENDING,
            lease_expires_at=None,
            last_failure_kind=kind,
            last_block_kind=block,
            last_failure_message=message,
        )
