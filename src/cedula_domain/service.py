"""The use cases of looking up cédulas, one method each, over the ports."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from attrs import define, evolve

from cedula_domain.answer_source import AnswerSource
from cedula_domain.breaker import Admission, Breaker, BreakerPolicy
from cedula_domain.cedula import Cedula
from cedula_domain.line import PlaceInLine
from cedula_domain.outcomes import Found, Outcome, Terminal, Unavailable
from cedula_domain.place_matching import AskedOnce, MatchCounts, match_place
from cedula_domain.ports import (
    AddResult,
    CedulaRepository,
    CensusScraper,
    Clock,
    Pace,
    PollingPlaces,
    SourceRepository,
    TaskQueue,
)
from cedula_domain.priority import Priority
from cedula_domain.record import (
    AttemptRunning,
    LookupRecord,
    LookupStatus,
    RegistraduriaAlreadyAnswered,
)
from cedula_domain.refresh import RefreshDecision, RefreshPolicy
from cedula_domain.report import ReportDecision
from cedula_domain.retry import RetryPolicy
from cedula_domain.throughput import SAMPLE, AttemptTimes, Throughput
from cedula_domain.throughput import WINDOW as THROUGHPUT_WINDOW
from cedula_domain.voting_place import VotingPlace
from cedula_domain.way_forward import WayForward, way_forward

logger = logging.getLogger(__name__)

Told = TypeVar("Told", bound=Outcome)

# A caller that keeps losing the compare-and-set, or finding the record gone, is racing
# others acting on the same record; after this many reads it steps back.
RACE_TRIES = 3


@define(kw_only=True)
class CedulaLookup:
    """Every change goes through a compare-and-set save, so of two callers acting on the
    same record (a duplicated delivery, a sweep, a person refreshing) exactly one wins
    and the other steps back without side effects.

    The queue only wakes workers; what runs next is decided from the records (who goes
    first), the breaker (whether the site may be asked at all) and the fleet's pace (when).

    Every place an answer gives, whoever gives it, is matched to the official list before
    it is recorded (``match_place``).
    """

    repository: CedulaRepository
    queue: TaskQueue
    scraper: CensusScraper
    source: SourceRepository
    places: PollingPlaces
    pace: Pace
    clock: Clock
    retry_policy: RetryPolicy
    refresh_policy: RefreshPolicy
    breaker_policy: BreakerPolicy
    # The fleet's spacing between two requests to the site: what estimates count in.
    interval: timedelta
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
                self.queue.wake()
                return record
            existing = self.repository.get(cedula)
            if existing is not None:
                if existing.is_due(self.clock.now()):
                    self.queue.wake()
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
        self.queue.wake()
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
                self.queue.wake()
                return record
            restarted = self._save(record.restart(self.clock.now()))
            if restarted is not None:
                self.queue.wake()
                return restarted
            # Changed meanwhile: decide again on what is stored now.
        # Others keep changing it; what they stored stands.
        return self.repository.get(cedula)

    def report_answer(
        self, cedula: Cedula, answer: Terminal, source: AnswerSource = AnswerSource.PERSON
    ) -> ReportDecision:
        """Someone tells the answer the automatic lookup could not get: the person, who
        looked themselves up on the Registraduría's page, or an operator. The person only
        while offered the way forward (``way_forward``); a lookup still waiting keeps its
        place (``LookupRecord.report``) and its wake-up. Refused when no account holds
        the cédula: only registered people have a record."""
        answer = self._matched(answer)
        for _ in range(RACE_TRIES):
            # Never requested (its hand-off was lost): it is now, like any registered
            # person's, and what is told is decided on it.
            record = self.repository.get(cedula) or self.request_first(cedula)
            if record is None:
                logger.warning("answer not recorded: no account holds the cédula")
                return ReportDecision.no_account()
            try:
                reported = record.report(answer, self.clock.now(), source)
            except AttemptRunning:
                return ReportDecision.lookup_running()
            except RegistraduriaAlreadyAnswered:
                return ReportDecision.registraduria_answered()
            if source is AnswerSource.PERSON and self.way_forward(record) is None:
                return ReportDecision.not_offered()
            if self._save(reported) is not None:
                return ReportDecision.accept()
        # Still losing: an attempt most likely runs, whose claim keeps winning.
        return ReportDecision.lookup_running()

    def way_forward(self, record: LookupRecord) -> WayForward | None:
        """Whether the person whose lookup ``record`` is gets the way forward now."""
        return way_forward(record, self.source.breaker())

    def request_bulk_refresh(self, cedula: Cedula) -> LookupRecord | None:
        """Look a final lookup up again as bulk work, behind everyone's own lookups (a
        leader refreshing their people). None when it is not final (already on its way)
        or another caller changed it first."""
        record = self.repository.get(cedula)
        if record is None or not record.status.is_final:
            return None
        restarted = self._save(record.restart(self.clock.now(), Priority.BULK))
        if restarted is not None:
            self.queue.wake()
        return restarted

    def hand_over(self, cedula: Cedula) -> LookupRecord | None:
        """The cédula's account passed to another person: what its previous holder told
        goes, and the lookup starts again for the new holder
        (``LookupRecord.for_new_holder``). None when it was never requested."""
        for _ in range(RACE_TRIES):
            record = self.repository.get(cedula)
            if record is None:
                return None
            changed = record.for_new_holder(self.clock.now())
            if changed == record:
                return record
            saved = self._save(changed)
            if saved is not None:
                if saved.is_due(self.clock.now()):
                    self.queue.wake()
                return saved
            # Changed meanwhile (an attempt started or ended): decide again on it.
        return self.repository.get(cedula)

    def place_in_line(self, cedula: Cedula) -> PlaceInLine | None:
        """How many lookups go before this one and when it should start; None when it
        is not waiting (running, final, or never requested)."""
        record = self.repository.get(cedula)
        if record is None or record.status is not LookupStatus.PENDING:
            return None
        # Counted from when it is due: a retry waits for its backoff first.
        now = max(self.clock.now(), record.next_attempt_at or self.clock.now())
        ahead = self.repository.count_due(now, before=record)
        breaker = self.source.breaker()
        if breaker.paused or breaker.page_changed:
            # Until an operator resumes: nobody can tell when.
            return PlaceInLine.paused(ahead=ahead)
        opens = breaker.retry_at if breaker.admission(now) is Admission.WAIT else None
        return PlaceInLine.estimate(
            ahead=ahead, now=now, throughput=self.throughput(), source_opens_at=opens
        )

    def throughput(self) -> Throughput:
        """How fast the fleet has lately worked through the line (``Throughput``)."""
        recent = self.source.recent_attempts(self.clock.now() - THROUGHPUT_WINDOW, SAMPLE)
        return Throughput.measured(recent, interval=self.interval)

    def run_next(self) -> LookupRecord | None:
        """The task: one attempt for the due lookup that goes first, when the breaker
        lets the site be asked and the fleet's pace gives this worker a turn.

        Returns the stored result, or None when there was nothing to do (nothing due, the
        source closed, no turn, or another caller changed the record first: its result
        wins). The scraper is called only after this caller won the claim.
        """
        now = self.clock.now()
        if self.repository.next_due(now) is None:
            return None
        if self.source.breaker().admission(now) is Admission.WAIT:
            return None  # no turn spent while the site may not be asked
        if not self.pace.wait_turn():
            # The fleet's turns are all taken for a while: this wake-up comes back a turn
            # later rather than being lost (at once, it would only spin).
            self.queue.wake(not_before=self.clock.now() + self.interval)
            return None
        # Checked after the turn, right before asking: the breaker may have opened while
        # this worker waited.
        probing = self._admit()
        if probing is None:
            return None
        claim = self._claim_next()
        if claim is None:
            if probing:
                self._change_breaker(lambda breaker: breaker.release_probe(self.clock.now()))
            return None
        claimed, due_at = claim
        started_at = self.clock.now()
        outcome = self._matched(self._ask_census(claimed.cedula))
        now = self.clock.now()
        self.source.log_attempt(
            outcome, AttemptTimes(due_at=due_at, started_at=started_at, finished_at=now)
        )
        result = self._save(claimed.record_outcome(outcome, now, self.retry_policy))
        before, after = self._change_breaker(
            lambda breaker: breaker.after(outcome, now, self.breaker_policy)
        )
        if result is not None and result.status is LookupStatus.PENDING:
            self.queue.wake(not_before=result.next_attempt_at)
        if before.admission(now) is not Admission.ASK and after.admission(now) is Admission.ASK:
            # The source answers again: wake a worker for every lookup that waited.
            self._top_up(now)
        return result

    def resume_due(self) -> int:
        """The periodic sweep: give up lookups whose worker vanished on their last
        attempt, start what a lost hand-off never started, make sure every due lookup has
        a wake-up waiting (never more: lost ones are replaced, none is doubled), then
        forget old evidence and old attempts. Returns how many wake-ups were sent."""
        now = self.clock.now()
        for cedula in self.repository.due(now):
            record = self.repository.get(cedula)
            if record is None or not record.lease_expired(now):
                continue
            if self.retry_policy.gives_up_after(record.attempts):
                # No attempt is left to run, so waking a worker would be pointless.
                self._save(record.abandon(now, self.retry_policy))
        # The hand-off after registration failed (it runs after the commit and is only
        # logged when it fails): nobody would ask for these otherwise.
        started = [cedula for cedula in self.repository.unrequested() if self.request_first(cedula)]
        woken = len(started) + self._top_up(now)
        self.repository.purge_evidence(now - self.evidence_retention)
        self.source.forget_attempts(now - self.evidence_retention)
        return woken

    def match_stored_places(self) -> MatchCounts:
        """Match to the current list the stored answers that have no official place yet
        (a list was just loaded): how many now have one, and how many still have none. A
        lookup whose attempt is running is left to it: its answer is matched when told."""
        matched = unmatched = 0
        places = AskedOnce(self.places)
        for cedula in self.repository.without_official_place():
            record = self._match_stored(cedula, places)
            place = record.voting_place if record else None
            if place and place.match and place.match.official:
                matched += 1
            else:
                unmatched += 1
        return MatchCounts(matched=matched, unmatched=unmatched)

    def pause_source(self, reason: str) -> Breaker:
        """An operator stops every lookup from asking the site, until resumed."""
        return self._change_breaker(lambda breaker: breaker.pause(reason))[1]

    def resume_source(self) -> Breaker:
        """An operator lets the fleet ask again (after a pause, or once the portal knows
        a changed page) and wakes a worker for every lookup due."""
        breaker = self._change_breaker(lambda breaker: breaker.resume())[1]
        self._top_up(self.clock.now())
        return breaker

    def source_state(self) -> Breaker:
        return self.source.breaker()

    def refresh_decision(self, cedula: Cedula) -> RefreshDecision:
        """What ``request_refresh`` would answer now, changing nothing: a page offers a
        new lookup only when it would be accepted, and otherwise says from when. Judged
        on the lookup as ``current`` shows it, so before its record is stored it is one
        under way."""
        return self.refresh_policy.decide(self.current(cedula), self.clock.now())

    # --- helpers ------------------------------------------------------------------

    def _top_up(self, now: datetime) -> int:
        """Wake-ups so that each due lookup has one waiting, while the source may be
        asked (a closed source is woken up again by the sweep once it may)."""
        if self.source.breaker().admission(now) is Admission.WAIT:
            return 0
        missing = self.repository.count_due(now) - self.queue.waiting()
        for _ in range(missing):
            self.queue.wake()
        return max(missing, 0)

    def _admit(self) -> bool | None:
        """None when the breaker keeps the site from being asked now; else whether this
        worker won the one probe the breaker allows."""
        for _ in range(RACE_TRIES):
            now = self.clock.now()
            breaker = self.source.breaker()
            admission = breaker.admission(now)
            if admission is Admission.ASK:
                return False
            if admission is Admission.WAIT:
                return None
            if self.source.save_breaker(breaker.start_probe(now, self.lease)):
                return True
        return None

    def _change_breaker(self, change: Callable[[Breaker], Breaker]) -> tuple[Breaker, Breaker]:
        """The breaker before and after ``change``, applied to the stored one."""
        for _ in range(RACE_TRIES * 3):
            breaker = self.source.breaker()
            changed = change(breaker)
            if changed == breaker:
                return breaker, breaker
            if self.source.save_breaker(changed):
                return breaker, evolve(changed, version=breaker.version + 1)
        logger.warning("the breaker kept changing under this worker; its change is dropped")
        breaker = self.source.breaker()
        return breaker, breaker

    def _claim_next(self) -> tuple[LookupRecord, datetime] | None:
        """The due lookup that goes first, claimed by this caller, and since when it was
        due (it waited in line from then)."""
        for _ in range(RACE_TRIES):
            now = self.clock.now()
            record = self.repository.next_due(now)
            if record is None:
                return None
            if record.lease_expired(now):
                record = record.abandon(now, self.retry_policy)
                if record.status is LookupStatus.ERROR:
                    self._save(record)
                    continue
            due_at = record.next_attempt_at or record.requested_at
            claimed = self._save(record.claim(now, self.lease))
            if claimed is not None:
                return claimed, due_at
            # Another worker claimed it first: the next in line, then.
        return None

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
                reason=f"error inesperado {type(error).__name__}: {error}",
                evidence="".join(traceback.format_exception(error)),
            )

    def _matched(self, outcome: Told) -> Told:
        if not isinstance(outcome, Found):
            return outcome
        return evolve(outcome, place=self._match(outcome.place))

    def _match(self, place: VotingPlace, places: PollingPlaces | None = None) -> VotingPlace:
        """The place with its match. The answer is worth more than its match: when the
        list cannot be read, the place stays unmatched (None), for a later match."""
        try:
            candidates = (places or self.places).candidates(place)
        except Exception:
            logger.exception("the official list of polling places could not be read")
            return place
        return evolve(place, match=match_place(place, candidates))

    def _match_stored(self, cedula: Cedula, places: PollingPlaces) -> LookupRecord | None:
        """The record of ``cedula`` as it stands once its place was matched (if it could
        be stored); None when it is gone."""
        for _ in range(RACE_TRIES):
            record = self.repository.get(cedula)
            place = record.voting_place if record else None
            if record is None or place is None or record.status is LookupStatus.PROCESSING:
                return record
            if place.match is not None and place.match.official is not None:
                return record  # matched meanwhile
            matched = self._match(place, places)
            if matched == place:
                return record
            saved = self._save(evolve(record, voting_place=matched))
            if saved is not None:
                return saved
            # Changed meanwhile: match what is stored now.
        return self.repository.get(cedula)

    def _save(self, record: LookupRecord) -> LookupRecord | None:
        """The stored copy (at the version the save bumped it to), or None when another
        caller changed the record first."""
        if not self.repository.save(record):
            return None
        return evolve(record, version=record.version + 1)
