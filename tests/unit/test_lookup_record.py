from __future__ import annotations

from datetime import timedelta

import pytest
from attrs import evolve
from fakes import CEDULA, FOUND, LEASE, PLACE, START, top_of_range

from cedula_domain import (
    AnswerSource,
    AttemptRunning,
    Blocked,
    BlockKind,
    Cancellation,
    Cancelled,
    FailureKind,
    IllegalTransition,
    LookupNotClaimable,
    LookupRecord,
    LookupStateError,
    LookupStatus,
    NotEnabled,
    NotFound,
    PageChanged,
    Priority,
    RegistraduriaAlreadyAnswered,
    Restriction,
    RetryPolicy,
    Unavailable,
)

POLICY = RetryPolicy(random=top_of_range)
MINUTE = timedelta(minutes=1)
CANCELLATION = Cancellation(novedad="Cancelada por Muerte", resolucion="123", fecha="2020-01-01")
NOT_ENABLED = NotEnabled(
    reason="Vigente con pérdida o suspensión de los derechos políticos",
    resolucion="0456",
    fecha="2024-02-10",
    engine="stealth",
    evidence='{"novedad": "Vigente con pérdida"}',
)


def new() -> LookupRecord:
    return LookupRecord.requested(CEDULA, START)


def running(attempts: int = 1, at=START) -> LookupRecord:
    """A record in its attempt number ``attempts``, claimed at ``at``."""
    return evolve(new(), attempts=attempts - 1, next_attempt_at=at).claim(at, LEASE)


def test_a_requested_lookup_is_pending_and_due_at_once() -> None:
    record = new()

    assert record.status is LookupStatus.PENDING
    assert (record.attempts, record.requested_at, record.next_attempt_at) == (0, START, START)
    assert record.is_due(START)
    assert not record.is_due(START - MINUTE)


def test_only_the_answers_and_error_are_final() -> None:
    assert {status for status in LookupStatus if status.is_final} == {
        LookupStatus.FOUND,
        LookupStatus.NOT_FOUND,
        LookupStatus.CANCELLED,
        LookupStatus.NOT_ENABLED,
        LookupStatus.ERROR,
    }


def test_claiming_a_due_lookup_starts_an_attempt_under_a_lease() -> None:
    record = new().claim(START, LEASE)

    assert record.status is LookupStatus.PROCESSING
    assert record.attempts == 1
    assert record.lease_expires_at == START + LEASE
    assert record.next_attempt_at is None
    assert record.version == new().version


def test_a_running_lookup_is_due_again_only_once_its_lease_expires() -> None:
    record = running()

    assert not record.is_due(START + LEASE - MINUTE)
    assert record.is_due(START + LEASE)
    assert record.lease_expired(START + LEASE)
    assert not new().lease_expired(START + LEASE)


def test_a_second_claim_of_a_leased_lookup_is_refused() -> None:
    with pytest.raises(LookupNotClaimable):
        running().claim(START + MINUTE, LEASE)


def test_a_lookup_whose_worker_vanished_must_be_abandoned_before_it_is_claimed_again() -> None:
    with pytest.raises(LookupNotClaimable):
        running().claim(START + LEASE, LEASE)


def test_a_lookup_waiting_for_its_next_attempt_cannot_be_claimed_early() -> None:
    record = evolve(new(), next_attempt_at=START + MINUTE)

    with pytest.raises(LookupNotClaimable):
        record.claim(START, LEASE)


@pytest.mark.parametrize("status", [s for s in LookupStatus if s.is_final])
def test_a_finished_lookup_is_never_due_nor_claimable(status: LookupStatus) -> None:
    record = evolve(new(), status=status)

    assert not record.is_due(START + timedelta(days=365))
    with pytest.raises(LookupStateError):
        record.claim(START, LEASE)


def test_a_found_place_ends_the_lookup_with_the_place() -> None:
    failed_once = evolve(running(), last_failure_kind=FailureKind.BLOCKED, last_failure_message="x")

    record = failed_once.record_outcome(FOUND, START + MINUTE, POLICY)

    assert record.status is LookupStatus.FOUND
    assert record.voting_place == PLACE
    assert record.cancellation is None
    assert record.fetched_at == START + MINUTE
    assert (record.engine, record.evidence) == (FOUND.engine, FOUND.evidence)
    assert (record.last_failure_kind, record.last_failure_message) == (None, "")
    assert (record.lease_expires_at, record.next_attempt_at) == (None, None)


def test_not_in_the_census_ends_the_lookup_without_a_place() -> None:
    previous = evolve(running(), voting_place=PLACE, fetched_at=START - timedelta(days=9))

    record = previous.record_outcome(NotFound(engine="patchright"), START, POLICY)

    assert record.status is LookupStatus.NOT_FOUND
    assert (record.voting_place, record.cancellation, record.fetched_at) == (None, None, START)
    assert record.engine == "patchright"


def test_a_cancelled_cedula_ends_the_lookup_with_the_cancellation() -> None:
    previous = evolve(running(), voting_place=PLACE)

    record = previous.record_outcome(Cancelled(cancellation=CANCELLATION), START, POLICY)

    assert record.status is LookupStatus.CANCELLED
    assert record.cancellation == CANCELLATION
    assert record.voting_place is None


def test_a_valid_cedula_whose_holder_may_not_vote_ends_the_lookup_with_what_the_census_said():
    previous = evolve(running(), voting_place=PLACE, fetched_at=START - timedelta(days=9))

    record = previous.record_outcome(NOT_ENABLED, START, POLICY)

    assert record.status is LookupStatus.NOT_ENABLED
    assert record.restriction == Restriction(
        reason="Vigente con pérdida o suspensión de los derechos políticos",
        resolucion="0456",
        fecha="2024-02-10",
    )
    assert (record.voting_place, record.cancellation) == (None, None)
    assert (record.source, record.fetched_at) == (AnswerSource.REGISTRADURIA, START)
    assert (record.engine, record.evidence) == (NOT_ENABLED.engine, NOT_ENABLED.evidence)


def test_a_cedula_not_enabled_is_never_recorded_as_cancelled() -> None:
    record = running().record_outcome(NOT_ENABLED, START, POLICY)

    assert record.status is not LookupStatus.CANCELLED
    assert record.cancellation is None


def test_a_later_answer_forgets_that_the_holder_could_not_vote() -> None:
    not_enabled = running().record_outcome(NOT_ENABLED, START, POLICY)
    later = START + timedelta(days=30)

    record = not_enabled.restart(later).claim(later, LEASE).record_outcome(FOUND, later, POLICY)

    assert (record.status, record.voting_place, record.restriction) == (
        LookupStatus.FOUND,
        PLACE,
        None,
    )


def test_a_refresh_keeps_showing_that_the_holder_could_not_vote() -> None:
    not_enabled = running().record_outcome(NOT_ENABLED, START, POLICY)

    record = not_enabled.restart(START + timedelta(hours=2))

    assert record.status is LookupStatus.PENDING
    assert record.restriction == NOT_ENABLED.restriction


@pytest.mark.parametrize("attempt", [1, 2, 3])
def test_an_answer_is_never_retried_whatever_the_attempt(attempt: int) -> None:
    record = running(attempt).record_outcome(NotFound(), START, POLICY)

    assert record.status.is_final
    assert record.next_attempt_at is None
    assert not record.is_due(START + timedelta(days=1))


def test_a_failed_attempt_waits_for_the_next_one_and_says_why() -> None:
    failure = Unavailable(reason="timeout", engine="stealth", evidence="<html>")
    previous = evolve(running(), voting_place=PLACE, fetched_at=START - timedelta(days=9))

    record = previous.record_outcome(failure, START, POLICY)

    assert record.status is LookupStatus.PENDING
    assert record.next_attempt_at == START + timedelta(seconds=60)
    assert record.lease_expires_at is None
    assert (record.last_failure_kind, record.last_failure_message) == (
        FailureKind.UNAVAILABLE,
        "timeout",
    )
    assert (record.engine, record.evidence) == ("stealth", "<html>")
    # The last answer stays on the page while retrying.
    assert (record.voting_place, record.fetched_at) == (PLACE, START - timedelta(days=9))


def test_a_blocked_attempt_waits_the_longer_blocked_delay() -> None:
    record = running(2).record_outcome(Blocked(block=BlockKind.CAPTCHA), START, POLICY)

    assert record.next_attempt_at == START + timedelta(seconds=1200)
    assert record.last_failure_kind is FailureKind.BLOCKED
    assert record.last_failure_message == "bloqueada por un CAPTCHA"


def test_the_last_failed_attempt_ends_in_error_with_its_failure() -> None:
    record = running(3).record_outcome(PageChanged(missing="#documento"), START, POLICY)

    assert record.status is LookupStatus.ERROR
    assert record.next_attempt_at is None
    assert record.last_failure_kind is FailureKind.PAGE_CHANGED
    assert record.last_failure_message == "la página cambió: falta #documento"
    assert not record.is_due(START + timedelta(days=1))


@pytest.mark.parametrize("status", [s for s in LookupStatus if s is not LookupStatus.PROCESSING])
def test_an_outcome_is_refused_when_no_attempt_is_running(status: LookupStatus) -> None:
    with pytest.raises(IllegalTransition):
        evolve(new(), status=status).record_outcome(FOUND, START, POLICY)


def test_a_vanished_worker_counts_as_an_interrupted_attempt_claimable_at_once() -> None:
    expired = START + LEASE

    record = running().abandon(expired, POLICY)

    assert record.status is LookupStatus.PENDING
    assert record.attempts == 1
    assert record.next_attempt_at == expired
    assert record.lease_expires_at is None
    assert record.last_failure_kind is FailureKind.INTERRUPTED
    assert record.last_failure_message == ("el intento 1 se detuvo antes de registrar un resultado")
    assert record.claim(expired, LEASE).attempts == 2


def test_a_vanished_worker_on_the_last_attempt_ends_in_error() -> None:
    record = running(3).abandon(START + LEASE, POLICY)

    assert record.status is LookupStatus.ERROR
    assert record.next_attempt_at is None
    assert record.last_failure_kind is FailureKind.INTERRUPTED


@pytest.mark.parametrize("record", [running(), new()], ids=["lease still running", "not running"])
def test_only_a_lookup_with_an_expired_lease_can_be_abandoned(record: LookupRecord) -> None:
    with pytest.raises(IllegalTransition):
        record.abandon(START + LEASE - MINUTE, POLICY)


def test_a_restart_begins_a_new_lookup_and_keeps_the_last_answer() -> None:
    finished = evolve(
        running(3).record_outcome(Unavailable(reason="down"), START, POLICY),
        voting_place=PLACE,
        fetched_at=START - timedelta(days=9),
        version=4,
    )
    later = START + timedelta(hours=2)

    record = finished.restart(later)

    assert record.status is LookupStatus.PENDING
    assert (record.requested_at, record.next_attempt_at, record.attempts) == (later, later, 0)
    assert (record.last_failure_kind, record.last_failure_message) == (None, "")
    assert (record.voting_place, record.fetched_at) == (PLACE, START - timedelta(days=9))
    assert record.version == 4


@pytest.mark.parametrize("record", [new(), running()], ids=["pending", "processing"])
def test_a_lookup_under_way_cannot_be_restarted(record: LookupRecord) -> None:
    with pytest.raises(IllegalTransition):
        record.restart(START)


# Where an answer came from, and a person finishing the lookup


CAPTCHA = Blocked(block=BlockKind.CAPTCHA, engine="stealth", evidence="<div class=g-recaptcha>")
REGISTRADURIA_ANSWERED = evolve(
    new(),
    status=LookupStatus.FOUND,
    next_attempt_at=None,
    voting_place=PLACE,
    fetched_at=START,
    source=AnswerSource.REGISTRADURIA,
    engine="stealth",
)


def captcha_blocked(attempt: int = 1) -> LookupRecord:
    return running(attempt).record_outcome(CAPTCHA, START, POLICY)


def gave_up() -> LookupRecord:
    return running(3).record_outcome(Unavailable(reason="down"), START, POLICY)


@pytest.mark.parametrize(
    "outcome", [FOUND, NotFound(), Cancelled(cancellation=CANCELLATION), NOT_ENABLED], ids=type
)
def test_an_answer_read_from_the_census_comes_from_the_registraduria(outcome) -> None:
    record = running().record_outcome(outcome, START + MINUTE, POLICY)

    assert (record.source, record.fetched_at) == (AnswerSource.REGISTRADURIA, START + MINUTE)


def test_a_record_without_an_answer_has_no_source() -> None:
    assert new().source is None
    assert gave_up().source is None


def test_a_failure_keeps_the_answer_shown_and_its_source() -> None:
    record = REGISTRADURIA_ANSWERED.restart(START)

    failed = record.claim(START, LEASE).record_outcome(Unavailable(reason="x"), START, POLICY)

    assert (failed.voting_place, failed.fetched_at) == (PLACE, START)
    assert failed.source is AnswerSource.REGISTRADURIA


def test_a_captcha_block_is_remembered_with_the_failure() -> None:
    record = captcha_blocked()

    assert record.last_block_kind is BlockKind.CAPTCHA
    assert record.blocked_by_captcha


def test_a_firewall_block_is_remembered_but_is_no_captcha() -> None:
    record = running().record_outcome(Blocked(block=BlockKind.FIREWALL), START, POLICY)

    assert record.last_block_kind is BlockKind.FIREWALL
    assert not record.blocked_by_captcha


def test_a_later_failure_that_is_no_block_forgets_the_block() -> None:
    record = evolve(captcha_blocked(), next_attempt_at=START).claim(START, LEASE)

    failed = record.record_outcome(Unavailable(reason="timeout"), START, POLICY)

    assert failed.last_block_kind is None


def test_a_vanished_worker_after_a_captcha_forgets_the_block() -> None:
    record = evolve(captcha_blocked(), next_attempt_at=START).claim(START, LEASE)

    assert record.abandon(START + LEASE, POLICY).last_block_kind is None


def test_an_answer_forgets_the_block() -> None:
    record = evolve(captcha_blocked(), next_attempt_at=START).claim(START, LEASE)

    assert record.record_outcome(FOUND, START, POLICY).last_block_kind is None


def test_a_restart_keeps_the_answer_and_its_source_and_forgets_the_block() -> None:
    blocked = evolve(
        captcha_blocked(3), voting_place=PLACE, source=AnswerSource.PERSON, fetched_at=START
    )

    record = blocked.restart(START + MINUTE)

    assert record.last_block_kind is None
    assert (record.voting_place, record.source, record.fetched_at) == (
        PLACE,
        AnswerSource.PERSON,
        START,
    )


def test_an_answer_told_by_the_person_in_this_lookup_is_told_by_person() -> None:
    assert gave_up().report(NotFound(), START, AnswerSource.PERSON).told_by_person
    assert captcha_blocked().report(FOUND, START, AnswerSource.PERSON).told_by_person


@pytest.mark.parametrize(
    "record",
    [
        new(),
        REGISTRADURIA_ANSWERED,
        gave_up().report(NotFound(), START, AnswerSource.OPERATOR),
        gave_up().report(NotFound(), START, AnswerSource.PERSON).restart(START + MINUTE),
    ],
    ids=["no answer", "the registraduria's", "an operator's", "the person's before a refresh"],
)
def test_no_other_answer_is_told_by_person(record) -> None:
    assert not record.told_by_person


def test_a_person_telling_where_they_vote_ends_the_lookup_with_their_answer() -> None:
    record = gave_up().report(FOUND, START + MINUTE, AnswerSource.PERSON)

    assert record.status is LookupStatus.FOUND
    assert (record.voting_place, record.cancellation) == (PLACE, None)
    assert (record.source, record.fetched_at) == (AnswerSource.PERSON, START + MINUTE)
    assert (record.engine, record.evidence) == ("", "")
    assert (record.last_failure_kind, record.last_failure_message) == (None, "")
    assert (record.next_attempt_at, record.lease_expires_at) == (None, None)
    assert record.attempts == 3


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        (FOUND, LookupStatus.FOUND),
        (NotFound(), LookupStatus.NOT_FOUND),
        (Cancelled(cancellation=CANCELLATION), LookupStatus.CANCELLED),
        (NotEnabled(reason="No se encuentra habilitado para votar"), LookupStatus.NOT_ENABLED),
    ],
    ids=["found", "not found", "cancelled", "not enabled"],
)
def test_a_reported_answer_makes_the_record_final_with_its_status(answer, status) -> None:
    previous = evolve(gave_up(), voting_place=PLACE, source=AnswerSource.PERSON)

    record = previous.report(answer, START, AnswerSource.OPERATOR)

    assert record.status is status
    assert record.voting_place == getattr(answer, "place", None)
    assert record.cancellation == getattr(answer, "cancellation", None)
    assert record.restriction == getattr(answer, "restriction", None)
    assert record.source is AnswerSource.OPERATOR


def test_a_persons_report_while_a_retry_waits_is_shown_and_the_lookup_keeps_its_place() -> None:
    waiting = captcha_blocked()

    record = waiting.report(FOUND, START + MINUTE, AnswerSource.PERSON)

    assert record.status is LookupStatus.PENDING
    assert (record.voting_place, record.source) == (PLACE, AnswerSource.PERSON)
    assert record.fetched_at == START + MINUTE
    assert record.place_in_line == waiting.place_in_line
    assert (record.attempts, record.next_attempt_at) == (waiting.attempts, waiting.next_attempt_at)
    assert (record.last_block_kind, record.evidence) == (BlockKind.CAPTCHA, waiting.evidence)
    assert record.is_due(waiting.next_attempt_at)


def test_the_registradurias_answer_replaces_what_the_person_told_while_waiting() -> None:
    told = captcha_blocked().report(FOUND, START, AnswerSource.PERSON)
    claimed = told.claim(told.next_attempt_at, LEASE)

    record = claimed.record_outcome(NotFound(), told.next_attempt_at, POLICY)

    assert (record.status, record.source) == (LookupStatus.NOT_FOUND, AnswerSource.REGISTRADURIA)
    assert record.voting_place is None


def test_what_the_person_told_while_waiting_stays_when_the_lookup_gives_up() -> None:
    told = captcha_blocked(2).report(FOUND, START, AnswerSource.PERSON)
    claimed = told.claim(told.next_attempt_at, LEASE)

    record = claimed.record_outcome(Blocked(block=BlockKind.CAPTCHA), START, POLICY)

    assert record.status is LookupStatus.ERROR
    assert (record.voting_place, record.source) == (PLACE, AnswerSource.PERSON)
    assert record.told_by_person


def test_an_operators_report_while_a_retry_waits_stops_further_attempts() -> None:
    waiting = captcha_blocked()

    record = waiting.report(FOUND, START, AnswerSource.OPERATOR)

    assert record.last_block_kind is None
    assert not record.is_due(waiting.next_attempt_at + timedelta(days=1))
    with pytest.raises(LookupNotClaimable):
        record.claim(waiting.next_attempt_at, LEASE)


@pytest.mark.parametrize("source", [AnswerSource.PERSON, AnswerSource.OPERATOR])
def test_no_answer_is_reported_while_an_attempt_runs(source: AnswerSource) -> None:
    with pytest.raises(AttemptRunning):
        running().report(FOUND, START, source)


def test_an_attempt_running_is_an_illegal_transition_for_a_report() -> None:
    assert issubclass(AttemptRunning, IllegalTransition)


@pytest.mark.parametrize(
    "record",
    [REGISTRADURIA_ANSWERED, evolve(captcha_blocked(), source=AnswerSource.REGISTRADURIA)],
    ids=["final", "blocked during a refresh"],
)
def test_a_person_never_replaces_the_registradurias_answer(record) -> None:
    with pytest.raises(RegistraduriaAlreadyAnswered):
        record.report(NotFound(), START, AnswerSource.PERSON)


def test_an_operator_may_replace_the_registradurias_answer() -> None:
    record = REGISTRADURIA_ANSWERED.report(NotFound(), START + MINUTE, AnswerSource.OPERATOR)

    assert (record.status, record.voting_place) == (LookupStatus.NOT_FOUND, None)
    assert (record.source, record.engine) == (AnswerSource.OPERATOR, "")


def test_a_person_may_correct_their_own_answer() -> None:
    first = gave_up().report(NotFound(), START, AnswerSource.PERSON)

    record = first.report(FOUND, START + MINUTE, AnswerSource.PERSON)

    assert (record.status, record.fetched_at) == (LookupStatus.FOUND, START + MINUTE)


def test_the_registraduria_answers_only_through_an_attempt() -> None:
    with pytest.raises(ValueError, match="record_outcome"):
        gave_up().report(FOUND, START, AnswerSource.REGISTRADURIA)


def test_the_automatic_answer_after_a_restart_replaces_the_persons() -> None:
    reported = gave_up().report(NotFound(), START, AnswerSource.PERSON)
    later = START + timedelta(hours=2)

    record = reported.restart(later).claim(later, LEASE).record_outcome(FOUND, later, POLICY)

    assert (record.status, record.voting_place) == (LookupStatus.FOUND, PLACE)
    assert (record.source, record.fetched_at) == (AnswerSource.REGISTRADURIA, later)
    assert record.engine == "stealth"


# evidence_expired

MONTH = timedelta(days=30)
FAILURE = Unavailable(reason="down", evidence="<html>Service Unavailable</html>")


def answered_then_refreshed_until_it_gave_up(refreshed_at) -> LookupRecord:
    record = running().record_outcome(FOUND, START, POLICY).restart(refreshed_at)
    for _ in range(POLICY.max_attempts):
        record = record.claim(record.next_attempt_at, LEASE).record_outcome(
            FAILURE, record.next_attempt_at, POLICY
        )
    return record


def test_an_answers_evidence_expires_once_it_was_fetched_before_the_cutoff() -> None:
    answered = running().record_outcome(FOUND, START, POLICY)

    assert answered.evidence_expired(START + MINUTE)
    assert not answered.evidence_expired(START)


def test_a_lookup_that_gave_up_keeps_its_failures_evidence_from_when_it_was_requested() -> None:
    refreshed_at = START + 2 * MONTH
    record = answered_then_refreshed_until_it_gave_up(refreshed_at)
    assert (record.status, record.evidence) == (LookupStatus.ERROR, FAILURE.evidence)
    # The answer shown was fetched long before; the evidence is the failures' own.
    assert record.fetched_at == START

    assert not record.evidence_expired(refreshed_at)
    assert record.evidence_expired(refreshed_at + MINUTE)


def test_a_refresh_under_way_lets_the_last_answers_evidence_expire() -> None:
    record = running().record_outcome(FOUND, START, POLICY).restart(START + 2 * MONTH)

    assert record.evidence == FOUND.evidence
    assert record.evidence_expired(START + MONTH)


def test_a_lookup_never_answered_keeps_its_evidence_while_under_way() -> None:
    record = running().record_outcome(FAILURE, START, POLICY)

    assert record.status is LookupStatus.PENDING
    assert not record.evidence_expired(START + 12 * MONTH)


def test_a_record_without_evidence_has_none_to_expire() -> None:
    told = gave_up().report(FOUND, START, AnswerSource.PERSON)

    assert told.evidence == ""
    assert not told.evidence_expired(START + 12 * MONTH)


# Who goes first


def in_class(priority: Priority, requested_at=START) -> LookupRecord:
    return evolve(LookupRecord.requested(CEDULA, requested_at), priority=priority)


def test_new_people_come_before_refreshes_and_refreshes_before_bulk_work() -> None:
    assert Priority.FIRST < Priority.REFRESH < Priority.BULK
    assert new().priority is Priority.FIRST


def test_the_class_decides_the_place_in_line_before_the_time_of_the_request() -> None:
    bulk = in_class(Priority.BULK, START - timedelta(days=1))
    refresh = in_class(Priority.REFRESH, START - timedelta(hours=1))
    first = in_class(Priority.FIRST, START)

    assert sorted([bulk, first, refresh], key=lambda r: r.place_in_line) == [first, refresh, bulk]


def test_within_a_class_the_lookup_requested_first_goes_first() -> None:
    older = in_class(Priority.REFRESH, START - MINUTE)
    newer = in_class(Priority.REFRESH, START)

    assert older.place_in_line < newer.place_in_line
    assert in_class(Priority.REFRESH).place_in_line == newer.place_in_line


def test_a_restart_is_a_refresh_unless_asked_for_as_bulk_work() -> None:
    answered = running().record_outcome(FOUND, START, POLICY)
    later = START + timedelta(hours=2)

    assert answered.restart(later).priority is Priority.REFRESH
    bulk = answered.restart(later, Priority.BULK)
    assert (bulk.priority, bulk.place_in_line) == (Priority.BULK, (Priority.BULK.value, later))


def test_a_lookup_keeps_its_class_and_its_place_through_failures_and_a_vanished_worker() -> None:
    refresh = running().record_outcome(FOUND, START, POLICY).restart(START + MINUTE)
    place = refresh.place_in_line

    failed = refresh.claim(START + MINUTE, LEASE).record_outcome(
        Unavailable(reason="down"), START + MINUTE, POLICY
    )
    due_at = failed.next_attempt_at
    abandoned = failed.claim(due_at, LEASE).abandon(due_at + LEASE, POLICY)

    assert (failed.status, abandoned.status) == (LookupStatus.PENDING, LookupStatus.PENDING)
    assert failed.place_in_line == abandoned.place_in_line == place
    assert abandoned.priority is Priority.REFRESH


# The cédula's account passed to another person


def told_by(source: AnswerSource, record: LookupRecord | None = None) -> LookupRecord:
    """``record`` (a lookup that gave up, unless told) with an answer from ``source``."""
    gave_up = evolve(running(3), priority=Priority.REFRESH).record_outcome(
        Unavailable(reason="down"), START, POLICY
    )
    return (record or gave_up).report(FOUND, START, source)


@pytest.mark.parametrize("source", [AnswerSource.REGISTRADURIA, AnswerSource.OPERATOR])
def test_an_answer_about_the_cedula_stays_with_a_new_holder(source: AnswerSource) -> None:
    if source is AnswerSource.REGISTRADURIA:
        answered = running().record_outcome(FOUND, START, POLICY)
    else:
        answered = told_by(source)

    assert answered.for_new_holder(START + MINUTE) == answered


def test_the_previous_holders_word_goes_and_the_lookup_starts_again_as_a_first_one() -> None:
    later = START + MINUTE

    record = told_by(AnswerSource.PERSON).for_new_holder(later)

    assert record.status is LookupStatus.PENDING
    assert (record.requested_at, record.next_attempt_at, record.attempts) == (later, later, 0)
    assert record.priority is Priority.FIRST
    assert (record.voting_place, record.fetched_at, record.source) == (None, None, None)
    assert record.is_due(later)


def test_the_previous_holders_word_goes_from_a_lookup_still_waiting_which_keeps_its_place() -> None:
    waiting = running().record_outcome(Unavailable(reason="down"), START, POLICY)
    told = told_by(AnswerSource.PERSON, waiting)

    record = told.for_new_holder(START + MINUTE)

    assert record.status is LookupStatus.PENDING
    assert (record.next_attempt_at, record.attempts) == (told.next_attempt_at, told.attempts)
    assert (record.voting_place, record.source) == (None, None)


def test_a_lookup_never_answered_is_unchanged_by_a_new_holder() -> None:
    assert new().for_new_holder(START + MINUTE) == new()
