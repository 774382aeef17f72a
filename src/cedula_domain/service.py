"""The use cases of looking up cédulas, one method each, over the ports."""

from __future__ import annotations

import logging
import traceback
from datetime import timedelta

from attrs import define, evolve

from cedula_domain.answer_source import AnswerSource
from cedula_domain.cedula import Cedula
from cedula_domain.outcomes import Outcome, Terminal, Unavailable
from cedula_domain.ports import AddResult, CedulaRepository, CensusScraper, Clock, TaskQueue
from cedula_domain.record import (
    AttemptRunning,
    LookupRecord,
    LookupStatus,
    RegistraduriaAlreadyAnswered,
)
from cedula_domain.refresh import RefreshDecision, RefreshPolicy
from cedula_domain.report import ReportDecision
from cedula_domain.retry import RetryPolicy

logger = logging.getLogger(__name__)

# A caller that keeps losing the compare-and-set, or finding the record gone, is racing
# others acting on the same record; after this many reads it steps back.
RACE_TRIES = 3


@define(kw_only=True)
class CedulaLookup:
    """Every change goes through a compare-and-set save, so of two callers acting on the
    same record (a duplicated delivery, a sweep, a person refreshing) exactly one wins
    and the other steps back without side effects."""

    repository: CedulaRepository
    queue: TaskQueue
    scraper: CensusScraper
    clock: Clock
    retry_policy: RetryPolicy
    refresh_policy: RefreshPolicy
    # Longer than the task timeout: a live worker must never lose its lease.
    lease: timedelta
    evidence_retention: timedelta

    def request_first(self, cedula: Cedula) -> LookupRecord | None:
        """Start the lookup of a newly registered cédula; idempotent. Only registered
        people are looked up: None, with nothing recorded or enqueued, when no account
        holds the cédula (it was deleted before its lookup was asked for)."""
        for _ in range(RACE_TRIES):
            record = LookupRecord.requested(cedula, self.clock.now())
            added = self.repository.add(record)
            if added is AddResult.NO_ACCOUNT:
                logger.warning("lookup not requested: no account holds the cédula")
                return None
            if added is AddResult.ADDED:
                self.queue.enqueue(cedula)
                return record
            existing = self.repository.get(cedula)
            if existing is not None:
                if existing.is_due(self.clock.now()):
                    self.queue.enqueue(cedula)
                return existing
            # Deleted between add and get: ask again, the account may be gone too.
        logger.warning("lookup not requested: its record kept vanishing")
        return None

    def current(self, cedula: Cedula) -> LookupRecord:
        """The lookup as it stands, for showing it. Before its record is stored (the
        request follows the registration's commit) it is a lookup just requested."""
        return self.repository.get(cedula) or LookupRecord.requested(cedula, self.clock.now())

    def request_refresh(self, cedula: Cedula) -> RefreshDecision:
        """A person asks to look their cédula up again; rate-limited."""
        record = self.repository.get(cedula)
        if record is None:
            if self.request_first(cedula) is None:
                return RefreshDecision.no_account()
            return RefreshDecision.allow()
        now = self.clock.now()
        decision = self.refresh_policy.decide(record, now)
        if not decision.allowed:
            return decision
        if self._save(record.restart(now)) is None:
            # Someone else changed it first, most likely by starting a lookup.
            return RefreshDecision.in_progress()
        self.queue.enqueue(cedula)
        return decision

    def force_refresh(self, cedula: Cedula) -> LookupRecord | None:
        """An operator asks for a new lookup: no rate limit, nothing doubled. None when
        no account holds the cédula."""
        for _ in range(RACE_TRIES):
            record = self.repository.get(cedula)
            if record is None:
                return self.request_first(cedula)
            if not record.status.is_final:
                # Already on its way; make sure it is not waiting on a lost wake-up.
                self.queue.enqueue(cedula)
                return record
            restarted = self._save(record.restart(self.clock.now()))
            if restarted is not None:
                self.queue.enqueue(cedula)
                return restarted
            # Changed meanwhile: decide again on what is stored now.
        # Others keep changing it; what they stored stands.
        return self.repository.get(cedula)

    def report_answer(
        self, cedula: Cedula, answer: Terminal, source: AnswerSource = AnswerSource.PERSON
    ) -> ReportDecision:
        """Someone tells the answer the automatic lookup could not get: the person, who
        looked themselves up on the Registraduría's page, or an operator. It ends the
        lookup until someone asks for a new one. Creates the record if it was never
        requested; nothing is enqueued, there is nothing left to ask the census. Refused
        when no account holds the cédula: only registered people have a record."""
        for _ in range(RACE_TRIES):
            record = self.repository.get(cedula)
            if record is None:
                record = LookupRecord.requested(cedula, self.clock.now())
                added = self.repository.add(record)
                if added is AddResult.NO_ACCOUNT:
                    logger.warning("answer not recorded: no account holds the cédula")
                    return ReportDecision.no_account()
                if added is AddResult.EXISTS:  # created by someone else meanwhile
                    continue
            try:
                reported = record.report(answer, self.clock.now(), source)
            except AttemptRunning:
                return ReportDecision.lookup_running()
            except RegistraduriaAlreadyAnswered:
                return ReportDecision.registraduria_answered()
            if self._save(reported) is not None:
                return ReportDecision.accept()
        # Still losing: an attempt most likely runs, whose claim keeps winning.
        return ReportDecision.lookup_running()

    def run_attempt(self, cedula: Cedula) -> LookupRecord | None:
        """The task: one attempt to read the census, if the record says one is due.

        Returns the stored result, or None when there was nothing to do (stale or
        duplicate delivery) or another caller changed the record first (its result wins;
        ours is discarded). The scraper is called only after this caller won the claim.
        """
        now = self.clock.now()
        record = self.repository.get(cedula)
        if record is None or not record.is_due(now):
            return None
        if record.lease_expired(now):
            record = record.abandon(now, self.retry_policy)
            if record.status is LookupStatus.ERROR:
                return self._save(record)
        claimed = self._save(record.claim(now, self.lease))
        if claimed is None:
            return None
        outcome = self._ask_census(cedula)
        result = self._save(claimed.record_outcome(outcome, self.clock.now(), self.retry_policy))
        if result is not None and result.status is LookupStatus.PENDING:
            self.queue.enqueue(cedula, not_before=result.next_attempt_at)
        return result

    def resume_due(self) -> int:
        """The periodic sweep: wake up what a lost delivery or a vanished worker left
        behind, start what a lost hand-off never started, then forget old evidence.
        Returns how many lookups were enqueued."""
        now = self.clock.now()
        enqueued = 0
        for cedula in self.repository.due(now):
            record = self.repository.get(cedula)
            if record is None or not record.is_due(now):  # changed since it was listed
                continue
            if record.lease_expired(now) and self.retry_policy.gives_up_after(record.attempts):
                # No attempt is left to run, so waking a worker would be pointless.
                self._save(record.abandon(now, self.retry_policy))
                continue
            self.queue.enqueue(cedula)
            enqueued += 1
        # The hand-off after registration failed (it runs after the commit and is only
        # logged when it fails): nobody would ask for these otherwise. Done after the
        # due ones, which would list them again.
        for cedula in self.repository.unrequested():
            if self.request_first(cedula) is not None:
                enqueued += 1
        self.repository.purge_evidence(now - self.evidence_retention)
        return enqueued

    def _ask_census(self, cedula: Cedula) -> Outcome:
        # A scraper bug must not leave the record stuck in PROCESSING until its lease
        # expires: it becomes an ordinary failure, retried and finally shown as ERROR.
        # It is logged, not re-raised: the record now tells the truth, and the queue has
        # nothing to add. BaseException (the task timeout, a shutdown) is left alone: the
        # worker is going away and the expired lease will tell.
        try:
            return self.scraper.lookup(cedula)
        except Exception as error:
            # Without the cédula: logs are read by more people than the record is.
            logger.exception("census scraper failed unexpectedly")
            return Unavailable(
                reason=f"unexpected {type(error).__name__}: {error}",
                evidence="".join(traceback.format_exception(error)),
            )

    def _save(self, record: LookupRecord) -> LookupRecord | None:
        """The stored copy (at the version the save bumped it to), or None when another
        caller changed the record first."""
        if not self.repository.save(record):
            return None
        return evolve(record, version=record.version + 1)
