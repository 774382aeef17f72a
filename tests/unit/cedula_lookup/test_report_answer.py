"""A person, or an operator, tells the answer the automatic lookup could not get."""

from __future__ import annotations

import logging

import pytest
from attrs import evolve
from fakes import (
    CEDULA,
    FOUND,
    LEASE,
    PLACE_MATCHED,
    START,
    top_of_range,
)

from cedula_domain import (
    AddResult,
    AnswerSource,
    Breaker,
    LookupRecord,
    LookupStatus,
    NotFound,
    Outcome,
    ReportDecision,
    ReportReason,
    RetryPolicy,
    Unavailable,
    WayForward,
)
from cedula_domain.service import RACE_TRIES
from unit.cedula_lookup.builders import (
    ALARMED,
    CAPTCHA,
    FIREWALL,
    HOUR,
    OPENED,
    OTHER,
    deliver,
)


@pytest.fixture
def captcha_waiting(service, scraper, stored, queue):
    """The first attempt met a CAPTCHA; the next one waits, its wake-up already sent."""
    scraper.steps.append(CAPTCHA)
    service.request_first(CEDULA)
    deliver(queue, service)
    queue.woken.clear()
    return stored()


def test_a_person_tells_the_answer_of_a_lookup_that_gave_up(service, scraper, clock, stored, queue):
    scraper.steps += [Unavailable(reason="down")] * 3
    service.request_first(CEDULA)
    for _ in range(3):
        clock.current = stored().next_attempt_at
        deliver(queue, service)
    assert service.way_forward(stored()) is WayForward.GAVE_UP
    queue.woken.clear()

    decision = service.report_answer(CEDULA, FOUND)

    record = stored()
    assert decision == ReportDecision.accept()
    assert decision.accepted
    assert (record.status, record.voting_place) == (LookupStatus.FOUND, PLACE_MATCHED)
    assert (record.source, record.fetched_at) == (AnswerSource.PERSON, clock.now())
    assert service.way_forward(record) is None
    assert queue.woken == []


def test_a_report_while_a_retry_waits_is_shown_and_the_registradurias_answer_replaces_it(
    service, captcha_waiting, scraper, clock, stored, queue
):
    assert service.way_forward(captcha_waiting) is WayForward.CAPTCHA

    assert service.report_answer(CEDULA, NotFound()).accepted

    told = stored()
    assert (told.status, told.source) == (LookupStatus.PENDING, AnswerSource.PERSON)
    assert told.next_attempt_at == captcha_waiting.next_attempt_at
    assert service.way_forward(told) is None
    assert queue.woken == []  # its wake-up was sent when the retry was set
    scraper.steps.append(FOUND)
    clock.current = captcha_waiting.next_attempt_at
    service.run_next()
    record = stored()
    assert (record.status, record.source) == (LookupStatus.FOUND, AnswerSource.REGISTRADURIA)
    assert scraper.calls == [CEDULA, CEDULA]


def test_a_person_who_is_not_offered_the_way_forward_cannot_report(service, pending, stored):
    waiting = pending(CEDULA)

    decision = service.report_answer(CEDULA, FOUND)

    assert decision == ReportDecision.not_offered()
    assert decision.reason is ReportReason.NOT_OFFERED
    assert stored() == waiting


def tried(outcome: Outcome, attempt: int = 1) -> LookupRecord:
    """The lookup's ``attempt``-th attempt came to ``outcome`` at START."""
    waiting = evolve(LookupRecord.requested(CEDULA, START), attempts=attempt - 1)
    claimed = waiting.claim(START, LEASE)
    return claimed.record_outcome(outcome, START, RetryPolicy(random=top_of_range))


# A person's report is heard exactly when the card offers it: one rule, ``way_forward``.
LOOKUPS = {
    "waiting for its first attempt": LookupRecord.requested(CEDULA, START),
    "waiting after the site was down": tried(Unavailable(reason="down")),
    "waiting after a firewall": tried(FIREWALL),
    "waiting after a captcha": tried(CAPTCHA),
    "running": LookupRecord.requested(CEDULA, START).claim(START, LEASE),
    "gave up": tried(Unavailable(reason="down"), attempt=3),
    "answered by the registraduria": tried(FOUND),
    "told by the person while waiting": tried(CAPTCHA).report(FOUND, START, AnswerSource.PERSON),
    "answered by an operator": LookupRecord.requested(CEDULA, START).report(
        NotFound(), START, AnswerSource.OPERATOR
    ),
}
SITES = {"answering": Breaker(), "refusing everyone": OPENED, "changed": ALARMED}


@pytest.mark.parametrize("site", SITES.values(), ids=list(SITES))
@pytest.mark.parametrize("lookup", LOOKUPS.values(), ids=list(LOOKUPS))
def test_a_persons_report_is_accepted_exactly_when_the_way_forward_is_offered(
    service, repository, source, stored, lookup, site
):
    repository.records[CEDULA] = lookup
    source.stored = site
    offered = service.way_forward(lookup)

    decision = service.report_answer(CEDULA, NotFound())

    assert decision.accepted is (offered is not None)
    assert (stored() != lookup) is decision.accepted


def test_everyone_waiting_behind_a_breaker_the_site_opened_may_report_at_once(
    service, open_breaker, pending, stored
):
    for cedula in (CEDULA, OTHER):
        pending(cedula)

    assert [service.way_forward(stored(cedula)) for cedula in (CEDULA, OTHER)] == [
        WayForward.SITE_REFUSES
    ] * 2
    assert service.report_answer(OTHER, FOUND).accepted
    told = stored(OTHER)
    assert (told.status, told.source) == (LookupStatus.PENDING, AnswerSource.PERSON)
    assert told.place_in_line == stored(OTHER).place_in_line


def test_people_are_offered_the_way_forward_while_the_page_changed_and_not_once_resumed(
    service, source, pending, stored
):
    source.stored = ALARMED
    pending(CEDULA)

    assert service.way_forward(stored()) is WayForward.PAGE_CHANGED
    service.resume_source()
    assert service.way_forward(stored()) is None


def test_a_report_while_an_attempt_runs_is_refused_and_the_attempt_answers(
    service, scraper, stored
):
    decisions = []

    def the_person_reports_meanwhile():
        decisions.append(service.report_answer(CEDULA, NotFound()))
        return FOUND

    scraper.steps.append(the_person_reports_meanwhile)
    service.request_first(CEDULA)

    service.run_next()

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
    assert queue.woken == []


def test_a_report_for_a_cedula_never_requested_requests_its_lookup_first(service, stored, queue):
    assert service.report_answer(CEDULA, FOUND, source=AnswerSource.OPERATOR).accepted

    record = stored()
    assert (record.status, record.source, record.requested_at) == (
        LookupStatus.FOUND,
        AnswerSource.OPERATOR,
        START,
    )
    assert queue.woken == [None]  # the lookup requested found nothing due when delivered


def test_a_persons_report_for_a_cedula_never_requested_leaves_it_requested(service, stored, queue):
    assert service.report_answer(CEDULA, FOUND) == ReportDecision.not_offered()

    assert stored() == LookupRecord.requested(CEDULA, START)
    assert queue.woken == [None]


def test_a_report_whose_record_was_created_meanwhile_reads_it_again(
    service, repository, stored, mocker
):
    def another_request_creates_it(record):
        repository.records[record.cedula] = record
        return AddResult.EXISTS

    mocker.patch.object(repository, "add", side_effect=another_request_creates_it)

    assert service.report_answer(CEDULA, FOUND, source=AnswerSource.OPERATOR).accepted
    assert repository.add.call_count == 1
    assert stored().source is AnswerSource.OPERATOR


def test_a_report_for_a_cedula_no_account_holds_is_refused_and_records_nothing(
    service, repository, queue, caplog
):
    with caplog.at_level(logging.WARNING, logger="cedula_domain.service"):
        decision = service.report_answer(OTHER, FOUND)

    assert decision == ReportDecision.no_account()
    assert decision.reason is ReportReason.NO_ACCOUNT
    assert not decision.accepted
    assert repository.records == {}
    assert queue.woken == []
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


def test_a_double_submitted_report_reads_again_and_is_stored_once(
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

    assert service.report_answer(CEDULA, FOUND) == ReportDecision.not_offered()
    assert len(reads) == 2
    assert (stored().source, stored().version) == (AnswerSource.PERSON, captcha_waiting.version + 1)


def test_a_report_that_keeps_losing_races_steps_back_after_a_few_reads(
    service, captcha_waiting, repository, stored, mocker
):
    mocker.patch.object(repository, "save", return_value=False)
    read = mocker.spy(repository, "get")

    assert service.report_answer(CEDULA, FOUND) == ReportDecision.lookup_running()
    assert read.call_count == RACE_TRIES
    assert stored() == captcha_waiting


def test_the_automatic_answer_after_a_refresh_replaces_the_persons(
    service, scraper, clock, stored, queue
):
    scraper.steps += [CAPTCHA] * 3
    service.request_first(CEDULA)
    for _ in range(3):
        clock.current = stored().next_attempt_at
        deliver(queue, service)
    assert service.report_answer(CEDULA, NotFound()).accepted
    assert stored().status is LookupStatus.NOT_FOUND
    queue.woken.clear()
    clock.current = START + HOUR
    scraper.steps.append(FOUND)

    assert service.request_refresh(CEDULA).allowed
    deliver(queue, service)

    record = stored()
    assert (record.status, record.voting_place) == (LookupStatus.FOUND, PLACE_MATCHED)
    assert (record.source, record.fetched_at) == (AnswerSource.REGISTRADURIA, START + HOUR)
    assert queue.woken == [None]


def test_an_operator_refresh_after_a_persons_report_starts_a_new_lookup(
    service, captcha_waiting, stored, queue
):
    service.report_answer(CEDULA, NotFound())

    record = service.force_refresh(CEDULA)

    assert record.status is LookupStatus.PENDING
    # The person's answer stays shown, with its source, until the census answers.
    assert (record.source, stored().status) == (AnswerSource.PERSON, LookupStatus.PENDING)
    assert queue.woken == [None]
