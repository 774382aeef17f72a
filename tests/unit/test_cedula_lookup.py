from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from attrs import evolve
from fakes import CEDULA, FOUND, LEASE, PLACE, START, ScriptedScraper

from cedula_domain import (
    AddResult,
    AnswerSource,
    Blocked,
    BlockKind,
    Cedula,
    FailureKind,
    LookupRecord,
    LookupStatus,
    NotFound,
    RefreshDecision,
    RefreshReason,
    ReportDecision,
    ReportReason,
    Unavailable,
)
from cedula_domain.service import RACE_TRIES

HOUR = timedelta(hours=1)
OTHER = Cedula.parse("79123456")


@pytest.fixture
def stored(repository):
    return lambda cedula=CEDULA: repository.get(cedula)


@pytest.fixture
def finished(repository, service, scraper, queue):
    """The cédula was looked up and found at START; the queue is emptied."""
    scraper.steps.append(FOUND)
    service.request_first(CEDULA)
    service.run_attempt(CEDULA)
    queue.enqueued.clear()
    return repository.get(CEDULA)


# request_first


def test_a_first_request_stores_a_pending_lookup_and_wakes_a_worker(service, stored, queue):
    record = service.request_first(CEDULA)

    assert record == stored() == LookupRecord.requested(CEDULA, START)
    assert queue.enqueued == [(CEDULA, None)]


def test_a_repeated_first_request_leaves_the_waiting_lookup_alone(
    service, repository, stored, queue
):
    waiting = evolve(LookupRecord.requested(CEDULA, START), next_attempt_at=START + HOUR)
    repository.add(waiting)

    assert service.request_first(CEDULA) == waiting == stored()
    assert queue.enqueued == []


def test_a_repeated_first_request_wakes_a_due_lookup_whose_call_was_lost(service, queue):
    service.request_first(CEDULA)

    assert service.request_first(CEDULA) == LookupRecord.requested(CEDULA, START)
    assert queue.enqueued == [(CEDULA, None), (CEDULA, None)]


def test_a_first_request_starts_over_if_the_record_vanished_meanwhile(
    service, repository, stored, queue, mocker
):
    mocker.patch.object(repository, "add", side_effect=[AddResult.EXISTS, AddResult.ADDED])

    assert service.request_first(CEDULA) == LookupRecord.requested(CEDULA, START)
    assert repository.add.call_count == 2
    assert queue.enqueued == [(CEDULA, None)]


def test_a_first_request_for_a_cedula_no_account_holds_records_and_enqueues_nothing(
    service, repository, queue, caplog
):
    with caplog.at_level(logging.WARNING, logger="cedula_domain.service"):
        assert service.request_first(OTHER) is None

    assert repository.records == {}
    assert queue.enqueued == []
    assert "no account holds the cédula" in caplog.text
    assert str(OTHER) not in caplog.text


def test_a_first_request_whose_record_keeps_vanishing_gives_up_after_a_few_tries(
    service, repository, queue, caplog, mocker
):
    mocker.patch.object(repository, "add", return_value=AddResult.EXISTS)

    with caplog.at_level(logging.WARNING, logger="cedula_domain.service"):
        assert service.request_first(CEDULA) is None

    assert repository.add.call_count == RACE_TRIES
    assert queue.enqueued == []
    assert "kept vanishing" in caplog.text
    assert str(CEDULA) not in caplog.text


# run_attempt


def test_an_attempt_that_finds_the_place_stores_it(service, scraper, stored, queue):
    scraper.steps.append(FOUND)
    service.request_first(CEDULA)

    result = service.run_attempt(CEDULA)

    assert result == stored()
    assert result.status is LookupStatus.FOUND
    assert result.voting_place == PLACE
    assert (result.attempts, result.version) == (1, 2)
    assert scraper.calls == [CEDULA]
    assert queue.enqueued == [(CEDULA, None)]


def test_a_failed_attempt_is_scheduled_again_with_backoff(service, scraper, clock, stored, queue):
    service.request_first(CEDULA)
    scraper.steps.append(lambda: clock.advance(timedelta(seconds=30)) or Unavailable(reason="x"))

    result = service.run_attempt(CEDULA)

    retry_at = START + timedelta(seconds=30 + 60)
    assert result == stored()
    assert (result.status, result.next_attempt_at) == (LookupStatus.PENDING, retry_at)
    assert queue.enqueued[-1] == (CEDULA, retry_at)


def test_failures_are_retried_until_the_last_attempt_then_end_in_error(
    service, scraper, clock, stored, queue
):
    service.request_first(CEDULA)
    scraper.steps += [Unavailable(reason="down"), Unavailable(reason="down")]
    scraper.steps.append(Blocked(block=BlockKind.FIREWALL, support_id="99"))

    for _ in range(3):
        clock.current = stored().next_attempt_at
        service.run_attempt(CEDULA)

    record = stored()
    assert record.status is LookupStatus.ERROR
    assert (record.attempts, record.last_failure_kind) == (3, FailureKind.BLOCKED)
    assert record.last_failure_message == "blocked by firewall (support id 99)"
    assert [not_before for _, not_before in queue.enqueued] == [
        None,
        START + timedelta(seconds=60),
        START + timedelta(seconds=60 + 120),
    ]


def test_an_attempt_not_yet_due_does_nothing(service, scraper, repository, stored):
    waiting = evolve(LookupRecord.requested(CEDULA, START), next_attempt_at=START + HOUR)
    repository.add(waiting)

    assert service.run_attempt(CEDULA) is None
    assert stored() == waiting
    assert scraper.calls == []


def test_an_attempt_for_an_unknown_cedula_does_nothing(service, scraper):
    assert service.run_attempt(OTHER) is None
    assert scraper.calls == []


def test_a_stale_delivery_after_the_lookup_finished_does_nothing(
    service, scraper, finished, stored, queue
):
    assert service.run_attempt(CEDULA) is None
    assert stored() == finished
    assert scraper.calls == [CEDULA]
    assert queue.enqueued == []


def test_a_duplicate_delivery_while_the_attempt_runs_does_nothing(
    service, make_service, scraper, stored
):
    duplicate = make_service(ScriptedScraper())
    duplicate_results = []
    scraper.steps.append(lambda: duplicate_results.append(duplicate.run_attempt(CEDULA)) or FOUND)
    service.request_first(CEDULA)

    service.run_attempt(CEDULA)

    assert duplicate_results == [None]
    assert duplicate.scraper.calls == []
    assert stored().status is LookupStatus.FOUND


def test_the_caller_that_loses_the_claim_never_asks_the_census(
    service, scraper, repository, clock, mocker
):
    service.request_first(CEDULA)
    read = repository.get

    def read_then_another_worker_claims(cedula):
        record = read(cedula)
        repository.save(record.claim(clock.now(), LEASE))
        return record

    mocker.patch.object(repository, "get", side_effect=read_then_another_worker_claims)

    assert service.run_attempt(CEDULA) is None
    assert scraper.calls == []


def test_a_result_that_comes_after_its_lease_was_taken_over_is_discarded(
    service, make_service, scraper, clock, stored, queue
):
    takeover = make_service(ScriptedScraper([NotFound(engine="patchright")]))

    def slow_answer():
        clock.advance(LEASE)
        takeover.run_attempt(CEDULA)
        return FOUND

    scraper.steps.append(slow_answer)
    service.request_first(CEDULA)

    assert service.run_attempt(CEDULA) is None

    record = stored()
    assert (record.status, record.engine, record.attempts) == (
        LookupStatus.NOT_FOUND,
        "patchright",
        2,
    )
    assert queue.enqueued == [(CEDULA, None)]


def test_a_scraper_bug_becomes_a_retried_failure_not_a_stuck_lookup(
    service, scraper, stored, queue, caplog
):
    scraper.steps.append(RuntimeError("boom"))
    service.request_first(CEDULA)

    with caplog.at_level(logging.ERROR, logger="cedula_domain.service"):
        result = service.run_attempt(CEDULA)

    assert result == stored()
    assert result.status is LookupStatus.PENDING
    assert result.last_failure_kind is FailureKind.UNAVAILABLE
    assert result.last_failure_message == "unexpected RuntimeError: boom"
    assert "RuntimeError: boom" in result.evidence
    assert queue.enqueued[-1] == (CEDULA, result.next_attempt_at)
    assert "census scraper failed unexpectedly" in caplog.text
    assert CEDULA.value not in caplog.text


def test_a_vanished_worker_leaves_an_interrupted_attempt_that_is_tried_again(
    service, scraper, clock, stored, queue
):
    scraper.steps += [SystemExit("task timeout"), FOUND]
    service.request_first(CEDULA)
    with pytest.raises(SystemExit):
        service.run_attempt(CEDULA)
    assert stored().status is LookupStatus.PROCESSING

    clock.advance(LEASE)
    assert service.resume_due() == 1
    result = service.run_attempt(CEDULA)

    assert (result.status, result.attempts) == (LookupStatus.FOUND, 2)
    assert queue.enqueued == [(CEDULA, None), (CEDULA, None)]


def test_a_delivery_for_a_vanished_last_attempt_ends_the_lookup_in_error(
    service, scraper, repository, clock, stored
):
    repository.add(evolve(LookupRecord.requested(CEDULA, START), attempts=2).claim(START, LEASE))
    clock.advance(LEASE)

    result = service.run_attempt(CEDULA)

    assert result == stored()
    assert (result.status, result.last_failure_kind) == (
        LookupStatus.ERROR,
        FailureKind.INTERRUPTED,
    )
    assert scraper.calls == []


# request_refresh


def test_a_refresh_without_any_lookup_starts_the_first_one(service, stored, queue):
    assert service.request_refresh(CEDULA) == RefreshDecision.allow()
    assert stored() == LookupRecord.requested(CEDULA, START)
    assert queue.enqueued == [(CEDULA, None)]


def test_a_refresh_for_a_cedula_no_account_holds_says_so_and_changes_nothing(
    service, repository, queue
):
    assert service.request_refresh(OTHER) == RefreshDecision.no_account()
    assert repository.records == {}
    assert queue.enqueued == []


def test_a_refresh_too_soon_changes_nothing_and_says_when(service, finished, clock, stored, queue):
    clock.advance(timedelta(minutes=20))

    decision = service.request_refresh(CEDULA)

    assert decision.reason is RefreshReason.TOO_SOON
    assert decision.available_at == START + HOUR
    assert stored() == finished
    assert queue.enqueued == []


def test_a_refresh_while_a_lookup_runs_is_refused(service, stored, queue, clock):
    service.request_first(CEDULA)
    clock.advance(2 * HOUR)

    assert service.request_refresh(CEDULA).reason is RefreshReason.IN_PROGRESS
    assert queue.enqueued == [(CEDULA, None)]


def test_a_refresh_after_the_interval_starts_a_new_lookup_showing_the_last_answer(
    service, finished, clock, stored, queue
):
    clock.advance(HOUR)

    assert service.request_refresh(CEDULA) == RefreshDecision.allow()

    record = stored()
    assert (record.status, record.requested_at, record.attempts) == (
        LookupStatus.PENDING,
        START + HOUR,
        0,
    )
    assert record.voting_place == PLACE
    assert queue.enqueued == [(CEDULA, None)]


def test_a_refresh_that_loses_a_race_answers_in_progress(
    service, finished, repository, clock, queue, mocker
):
    clock.advance(HOUR)
    mocker.patch.object(repository, "save", return_value=False)

    assert service.request_refresh(CEDULA) == RefreshDecision.in_progress()
    assert queue.enqueued == []


# force_refresh


def test_an_operator_refresh_ignores_the_hourly_limit(service, finished, clock, stored, queue):
    clock.advance(timedelta(minutes=1))

    record = service.force_refresh(CEDULA)

    assert record == stored()
    assert (record.status, record.requested_at) == (
        LookupStatus.PENDING,
        START + timedelta(minutes=1),
    )
    assert queue.enqueued == [(CEDULA, None)]


def test_an_operator_refresh_of_a_running_lookup_only_wakes_it(service, stored, queue):
    service.request_first(CEDULA)

    assert service.force_refresh(CEDULA) == stored() == LookupRecord.requested(CEDULA, START)
    assert queue.enqueued == [(CEDULA, None), (CEDULA, None)]


def test_an_operator_refresh_without_any_lookup_starts_the_first_one(service, stored, queue):
    assert service.force_refresh(CEDULA) == stored()
    assert queue.enqueued == [(CEDULA, None)]


def test_an_operator_refresh_for_a_cedula_no_account_holds_does_nothing(service, repository, queue):
    assert service.force_refresh(OTHER) is None
    assert repository.records == {}
    assert queue.enqueued == []


def test_an_operator_refresh_racing_a_person_refresh_starts_one_lookup(
    service, finished, repository, clock, stored, queue, mocker
):
    clock.advance(2 * HOUR)
    read = repository.get

    def read_then_the_person_refreshes(cedula):
        record = read(cedula)
        if record.status.is_final:
            repository.save(record.restart(clock.now()))
        return record

    mocker.patch.object(repository, "get", side_effect=read_then_the_person_refreshes)

    record = service.force_refresh(CEDULA)

    assert record == stored()
    assert (record.status, record.version) == (LookupStatus.PENDING, finished.version + 1)
    assert queue.enqueued == [(CEDULA, None)]


def test_an_operator_refresh_that_keeps_losing_races_steps_back_to_what_is_stored(
    service, finished, repository, clock, stored, queue, mocker
):
    clock.advance(2 * HOUR)
    mocker.patch.object(repository, "save", return_value=False)
    read = mocker.spy(repository, "get")

    assert service.force_refresh(CEDULA) == finished
    assert read.call_count == RACE_TRIES + 1
    assert stored() == finished
    assert queue.enqueued == []


# resume_due


def test_the_sweep_wakes_due_lookups_and_lets_the_others_be(service, repository, clock, queue):
    late = Cedula.parse("111222")
    waiting = Cedula.parse("333444")
    vanished = Cedula.parse("555666")
    working = Cedula.parse("777888")
    repository.registered[:] = [late, waiting, vanished, working]
    repository.add(LookupRecord.requested(late, START))
    repository.add(evolve(LookupRecord.requested(waiting, START), next_attempt_at=START + HOUR))
    repository.add(LookupRecord.requested(vanished, START - LEASE).claim(START - LEASE, LEASE))
    repository.add(LookupRecord.requested(working, START).claim(START, LEASE))

    assert service.resume_due() == 2
    assert sorted(str(cedula) for cedula, _ in queue.enqueued) == ["111222", "555666"]
    assert all(not_before is None for _, not_before in queue.enqueued)


def test_the_sweep_requests_the_first_lookup_of_people_whose_request_was_lost(
    service, repository, queue, stored
):
    assert repository.unrequested() == [CEDULA]

    assert service.resume_due() == 1

    assert stored().status is LookupStatus.PENDING
    assert queue.enqueued == [(CEDULA, None)]
    assert repository.unrequested() == []


def test_the_sweep_counts_no_lookup_for_an_account_deleted_since_it_was_listed(
    service, repository, queue, mocker
):
    mocker.patch.object(repository, "unrequested", return_value=[OTHER])

    assert service.resume_due() == 0
    assert repository.records == {}
    assert queue.enqueued == []


def test_the_sweep_ends_a_vanished_last_attempt_in_error_instead_of_waking_it(
    service, repository, clock, stored, queue
):
    repository.add(evolve(LookupRecord.requested(CEDULA, START), attempts=2).claim(START, LEASE))
    clock.advance(LEASE)

    assert service.resume_due() == 0

    record = stored()
    assert (record.status, record.last_failure_kind) == (
        LookupStatus.ERROR,
        FailureKind.INTERRUPTED,
    )
    assert queue.enqueued == []


def test_the_sweep_skips_lookups_that_changed_since_they_were_listed(
    service, finished, repository, queue, mocker
):
    mocker.patch.object(repository, "due", return_value=[CEDULA, OTHER])

    assert service.resume_due() == 0
    assert queue.enqueued == []


def test_the_sweep_forgets_evidence_older_than_the_retention(
    service, repository, clock, stored, mocker
):
    old = Cedula.parse("111222")
    repository.registered.append(old)
    for cedula, fetched_at in [(old, START - timedelta(days=31)), (CEDULA, START)]:
        repository.add(
            evolve(
                LookupRecord.requested(cedula, fetched_at),
                status=LookupStatus.FOUND,
                fetched_at=fetched_at,
                evidence="{}",
            )
        )
    purge = mocker.spy(repository, "purge_evidence")

    service.resume_due()

    purge.assert_called_once_with(START - timedelta(days=30))
    assert (stored(old).evidence, stored().evidence) == ("", "{}")


# report_answer

CAPTCHA = Blocked(block=BlockKind.CAPTCHA)


@pytest.fixture
def captcha_waiting(service, scraper, stored, queue):
    """The first attempt met a CAPTCHA; the next one waits, its wake-up already queued."""
    scraper.steps.append(CAPTCHA)
    service.request_first(CEDULA)
    service.run_attempt(CEDULA)
    queue.enqueued.clear()
    return stored()


def test_a_person_tells_the_answer_of_a_lookup_that_gave_up(service, scraper, clock, stored, queue):
    scraper.steps += [Unavailable(reason="down")] * 3
    service.request_first(CEDULA)
    for _ in range(3):
        clock.current = stored().next_attempt_at
        service.run_attempt(CEDULA)
    assert stored().awaits_person
    queue.enqueued.clear()

    decision = service.report_answer(CEDULA, FOUND)

    record = stored()
    assert decision == ReportDecision.accept()
    assert decision.accepted
    assert (record.status, record.voting_place) == (LookupStatus.FOUND, PLACE)
    assert (record.source, record.fetched_at) == (AnswerSource.PERSON, clock.now())
    assert not record.awaits_person
    assert queue.enqueued == []


def test_a_report_while_a_retry_waits_leaves_its_wake_up_nothing_to_do(
    service, captcha_waiting, scraper, clock, stored
):
    assert captcha_waiting.awaits_person

    assert service.report_answer(CEDULA, NotFound()).accepted

    clock.current = captcha_waiting.next_attempt_at
    assert service.run_attempt(CEDULA) is None
    assert service.resume_due() == 0
    assert scraper.calls == [CEDULA]
    assert (stored().status, stored().source) == (LookupStatus.NOT_FOUND, AnswerSource.PERSON)


def test_a_report_while_an_attempt_runs_is_refused_and_the_attempt_answers(
    service, scraper, stored
):
    decisions = []

    def the_person_reports_meanwhile():
        decisions.append(service.report_answer(CEDULA, NotFound()))
        return FOUND

    scraper.steps.append(the_person_reports_meanwhile)
    service.request_first(CEDULA)

    service.run_attempt(CEDULA)

    assert decisions == [ReportDecision.lookup_running()]
    assert not decisions[0].accepted
    assert (stored().status, stored().source) == (LookupStatus.FOUND, AnswerSource.REGISTRADURIA)


def test_a_person_cannot_replace_the_registradurias_answer(service, finished, stored, clock):
    clock.advance(HOUR)

    decision = service.report_answer(CEDULA, NotFound())

    assert decision == ReportDecision.registraduria_answered()
    assert decision.reason is ReportReason.REGISTRADURIA_ANSWERED
    assert stored() == finished


def test_an_operator_may_replace_the_registradurias_answer(service, finished, stored, queue):
    decision = service.report_answer(CEDULA, NotFound(), source=AnswerSource.OPERATOR)

    assert decision.accepted
    record = stored()
    assert (record.status, record.source, record.voting_place) == (
        LookupStatus.NOT_FOUND,
        AnswerSource.OPERATOR,
        None,
    )
    assert record.version == finished.version + 1
    assert queue.enqueued == []


def test_a_report_for_a_cedula_never_requested_creates_its_record(service, stored, queue):
    assert service.report_answer(CEDULA, FOUND).accepted

    record = stored()
    assert (record.status, record.source, record.requested_at) == (
        LookupStatus.FOUND,
        AnswerSource.PERSON,
        START,
    )
    assert queue.enqueued == []


def test_a_report_whose_record_was_created_meanwhile_reads_it_again(
    service, repository, stored, mocker
):
    def another_request_creates_it(record):
        repository.records[record.cedula] = record
        return AddResult.EXISTS

    mocker.patch.object(repository, "add", side_effect=another_request_creates_it)

    assert service.report_answer(CEDULA, FOUND).accepted
    assert repository.add.call_count == 1
    assert stored().source is AnswerSource.PERSON


def test_a_report_for_a_cedula_no_account_holds_is_refused_and_records_nothing(
    service, repository, queue, caplog
):
    with caplog.at_level(logging.WARNING, logger="cedula_domain.service"):
        decision = service.report_answer(OTHER, FOUND)

    assert decision == ReportDecision.no_account()
    assert decision.reason is ReportReason.NO_ACCOUNT
    assert not decision.accepted
    assert repository.records == {}
    assert queue.enqueued == []
    assert str(OTHER) not in caplog.text


def test_a_report_that_loses_the_race_to_a_workers_claim_says_a_lookup_is_running(
    service, captcha_waiting, repository, clock, stored, mocker
):
    clock.current = captcha_waiting.next_attempt_at
    read = repository.get

    def read_then_a_worker_claims(cedula):
        record = read(cedula)
        if record.status is LookupStatus.PENDING:
            repository.save(record.claim(clock.now(), LEASE))
        return record

    mocker.patch.object(repository, "get", side_effect=read_then_a_worker_claims)

    assert service.report_answer(CEDULA, FOUND) == ReportDecision.lookup_running()
    record = stored()
    assert (record.status, record.source, record.attempts) == (LookupStatus.PROCESSING, None, 2)


def test_a_double_submitted_report_reads_again_and_is_stored_once_more(
    service, captcha_waiting, repository, clock, stored, mocker
):
    read = repository.get
    reads = []

    def read_then_the_first_submit_lands(cedula):
        record = read(cedula)
        if not reads:
            repository.save(record.report(FOUND, clock.now(), AnswerSource.PERSON))
        reads.append(record)
        return record

    mocker.patch.object(repository, "get", side_effect=read_then_the_first_submit_lands)

    assert service.report_answer(CEDULA, FOUND).accepted
    assert len(reads) == 2
    assert (stored().status, stored().version) == (LookupStatus.FOUND, captcha_waiting.version + 2)


def test_a_report_that_keeps_losing_races_steps_back_after_a_few_reads(
    service, captcha_waiting, repository, stored, mocker
):
    mocker.patch.object(repository, "save", return_value=False)
    read = mocker.spy(repository, "get")

    assert service.report_answer(CEDULA, FOUND) == ReportDecision.lookup_running()
    assert read.call_count == RACE_TRIES
    assert stored() == captcha_waiting


def test_the_automatic_answer_after_a_refresh_replaces_the_persons(
    service, captcha_waiting, scraper, clock, stored, queue
):
    service.report_answer(CEDULA, NotFound())
    clock.advance(HOUR)
    scraper.steps.append(FOUND)

    assert service.request_refresh(CEDULA).allowed
    service.run_attempt(CEDULA)

    record = stored()
    assert (record.status, record.voting_place) == (LookupStatus.FOUND, PLACE)
    assert (record.source, record.fetched_at) == (AnswerSource.REGISTRADURIA, START + HOUR)
    assert queue.enqueued == [(CEDULA, None)]


def test_an_operator_refresh_after_a_persons_report_starts_a_new_lookup(
    service, captcha_waiting, stored, queue
):
    service.report_answer(CEDULA, NotFound())

    record = service.force_refresh(CEDULA)

    assert record.status is LookupStatus.PENDING
    # The person's answer stays shown, with its source, until the census answers.
    assert (record.source, stored().status) == (AnswerSource.PERSON, LookupStatus.PENDING)
    assert queue.enqueued == [(CEDULA, None)]


def test_a_lookup_not_stored_yet_shows_as_just_requested(service, clock):
    record = service.current(CEDULA)

    assert record.status is LookupStatus.PENDING
    assert record.requested_at == clock.now()
    assert record.attempts == 0


def test_a_stored_lookup_shows_as_stored(service, repository):
    service.request_first(CEDULA)

    assert service.current(CEDULA) == repository.get(CEDULA)
