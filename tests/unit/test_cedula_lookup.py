from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from attrs import evolve
from fakes import (
    CEDULA,
    FOUND,
    INTERVAL,
    LEASE,
    PLACE,
    START,
    NoTurnPace,
    ScriptedScraper,
)

from cedula_domain import (
    AddResult,
    Admission,
    AnswerSource,
    Blocked,
    BlockKind,
    Breaker,
    BreakerState,
    Cedula,
    CedulaLookup,
    FailureKind,
    Found,
    LookupRecord,
    LookupStatus,
    NotFound,
    PageChanged,
    PlaceInLine,
    Priority,
    RefreshDecision,
    RefreshReason,
    ReportDecision,
    ReportReason,
    Unavailable,
    WayForward,
)
from cedula_domain.service import RACE_TRIES

HOUR = timedelta(hours=1)
COOLDOWN = timedelta(minutes=30)
OTHER = Cedula.parse("79123456")
FIREWALL = Blocked(block=BlockKind.FIREWALL, support_id="99")
CAPTCHA = Blocked(block=BlockKind.CAPTCHA)
# The site blocked three lookups in a row at START: nobody asks it for a cooldown.
OPENED = Breaker(
    state=BreakerState.OPEN,
    blocks_in_a_row=3,
    openings=1,
    opened_at=START,
    retry_at=START + COOLDOWN,
    last_block=BlockKind.FIREWALL,
    version=3,
)
# The page changed three times in a row at START: nobody asks until an operator resumes.
ALARMED = Breaker(
    state=BreakerState.CHANGED,
    changes_in_a_row=3,
    changed_at=START,
    last_change="#documento",
    version=3,
)


def deliver(queue, worker: CedulaLookup) -> LookupRecord | None:
    """A worker takes a wake-up off the queue (one sent now, or one scheduled earlier whose
    time came) and runs it."""
    queue.backlog = max(queue.backlog - 1, 0)
    return worker.run_next()


class TurnAfter:
    """A pace that gives the turn once ``meanwhile`` has run: what the rest of the fleet
    did while this worker waited for it."""

    def __init__(self, meanwhile: Callable[[], object]) -> None:
        self.meanwhile = meanwhile

    def wait_turn(self) -> bool:
        self.meanwhile()
        return True


@pytest.fixture
def stored(repository):
    return lambda cedula=CEDULA: repository.get(cedula)


@pytest.fixture
def pending(repository):
    """Stores the pending lookup of a registered person, as if requested at ``at``, in
    ``priority``'s class; no wake-up is sent."""

    def store(
        cedula: Cedula, at: datetime = START, priority: Priority = Priority.FIRST
    ) -> LookupRecord:
        repository.registered.append(cedula)
        record = evolve(LookupRecord.requested(cedula, at), priority=priority)
        assert repository.add(record) is AddResult.ADDED
        return record

    return store


@pytest.fixture
def finished(repository, service, scraper, queue):
    """The cédula was looked up and found at START; the queue is emptied."""
    scraper.steps.append(FOUND)
    service.request_first(CEDULA)
    deliver(queue, service)
    queue.woken.clear()
    return repository.get(CEDULA)


@pytest.fixture
def open_breaker(source) -> Breaker:
    source.stored = OPENED
    return OPENED


# request_first


def test_a_first_request_stores_a_pending_lookup_and_wakes_a_worker(service, stored, queue):
    record = service.request_first(CEDULA)

    assert record == stored() == LookupRecord.requested(CEDULA, START)
    assert record.priority is Priority.FIRST
    assert queue.woken == [None]
    assert queue.waiting() == 1


def test_a_repeated_first_request_leaves_the_waiting_lookup_alone(
    service, repository, stored, queue
):
    waiting = evolve(LookupRecord.requested(CEDULA, START), next_attempt_at=START + HOUR)
    repository.add(waiting)

    assert service.request_first(CEDULA) == waiting == stored()
    assert queue.woken == []


def test_a_repeated_first_request_wakes_a_due_lookup_whose_call_was_lost(service, queue):
    service.request_first(CEDULA)

    assert service.request_first(CEDULA) == LookupRecord.requested(CEDULA, START)
    assert queue.woken == [None, None]


def test_a_first_request_starts_over_if_the_record_vanished_meanwhile(
    service, repository, queue, mocker
):
    mocker.patch.object(repository, "add", side_effect=[AddResult.EXISTS, AddResult.ADDED])

    assert service.request_first(CEDULA) == LookupRecord.requested(CEDULA, START)
    assert repository.add.call_count == 2
    assert queue.woken == [None]


def test_a_first_request_for_a_cedula_no_account_holds_records_and_wakes_nothing(
    service, repository, queue, caplog
):
    with caplog.at_level(logging.WARNING, logger="cedula_domain.service"):
        assert service.request_first(OTHER) is None

    assert repository.records == {}
    assert queue.woken == []
    assert "no account holds the cédula" in caplog.text
    assert str(OTHER) not in caplog.text


def test_a_first_request_whose_record_keeps_vanishing_gives_up_after_a_few_tries(
    service, repository, queue, caplog, mocker
):
    mocker.patch.object(repository, "add", return_value=AddResult.EXISTS)

    with caplog.at_level(logging.WARNING, logger="cedula_domain.service"):
        assert service.request_first(CEDULA) is None

    assert repository.add.call_count == RACE_TRIES
    assert queue.woken == []
    assert "kept vanishing" in caplog.text
    assert str(CEDULA) not in caplog.text


# run_next


def test_a_worker_runs_the_due_lookup_and_stores_the_place_it_found(
    service, scraper, source, stored, queue
):
    scraper.steps.append(FOUND)
    service.request_first(CEDULA)

    result = deliver(queue, service)

    assert result == stored()
    assert result.status is LookupStatus.FOUND
    assert result.voting_place == PLACE
    assert (result.attempts, result.version) == (1, 2)
    assert scraper.calls == [CEDULA]
    assert queue.woken == [None]
    # Kept for operators, without the cédula; the closed breaker had nothing to change.
    assert source.attempts == [(Found, START)]
    assert source.stored == Breaker()


def test_a_wake_up_with_nothing_due_asks_nobody_and_spends_no_turn(make_service, scraper, mocker):
    pace = TurnAfter(lambda: None)
    turns = mocker.spy(pace, "wait_turn")

    assert make_service(scraper, pace=pace).run_next() is None
    assert scraper.calls == []
    assert turns.call_count == 0


def test_a_failed_attempt_is_scheduled_again_with_backoff(service, scraper, clock, stored, queue):
    service.request_first(CEDULA)
    scraper.steps.append(lambda: clock.advance(timedelta(seconds=30)) or Unavailable(reason="x"))

    result = deliver(queue, service)

    retry_at = START + timedelta(seconds=30 + 60)
    assert result == stored()
    assert (result.status, result.next_attempt_at) == (LookupStatus.PENDING, retry_at)
    assert queue.woken[-1] == retry_at
    assert queue.waiting() == 0


def test_failures_are_retried_until_the_last_attempt_then_end_in_error(
    service, scraper, clock, stored, queue
):
    service.request_first(CEDULA)
    scraper.steps += [Unavailable(reason="down"), Unavailable(reason="down"), FIREWALL]

    for _ in range(3):
        clock.current = stored().next_attempt_at
        deliver(queue, service)

    record = stored()
    assert record.status is LookupStatus.ERROR
    assert (record.attempts, record.last_failure_kind) == (3, FailureKind.BLOCKED)
    assert record.last_failure_message == "blocked by firewall (support id 99)"
    assert queue.woken == [
        None,
        START + timedelta(seconds=60),
        START + timedelta(seconds=60 + 120),
    ]


def test_a_lookup_waiting_for_its_next_attempt_is_not_run_early(
    service, scraper, repository, stored
):
    waiting = evolve(LookupRecord.requested(CEDULA, START), next_attempt_at=START + HOUR)
    repository.add(waiting)

    assert service.run_next() is None
    assert stored() == waiting
    assert scraper.calls == []


def test_a_stale_wake_up_after_the_lookup_finished_does_nothing(
    service, scraper, finished, stored, queue
):
    assert service.run_next() is None
    assert stored() == finished
    assert scraper.calls == [CEDULA]
    assert queue.woken == []


def test_a_duplicate_wake_up_while_the_attempt_runs_does_nothing(
    service, make_service, scraper, stored
):
    duplicate = make_service(ScriptedScraper())
    duplicate_results = []
    scraper.steps.append(lambda: duplicate_results.append(duplicate.run_next()) or FOUND)
    service.request_first(CEDULA)

    service.run_next()

    assert duplicate_results == [None]
    assert duplicate.scraper.calls == []
    assert stored().status is LookupStatus.FOUND


def test_a_worker_whose_lookup_was_claimed_while_it_waited_for_its_turn_asks_nobody(
    make_service, scraper, repository, clock, stored
):
    def another_worker_claims():
        repository.save(repository.get(CEDULA).claim(clock.now(), LEASE))

    worker = make_service(scraper, pace=TurnAfter(another_worker_claims))
    worker.request_first(CEDULA)

    assert worker.run_next() is None
    assert scraper.calls == []
    assert stored().attempts == 1


def test_a_worker_that_loses_the_claim_runs_the_next_lookup_in_line_instead(
    make_service, scraper, repository, clock, pending, stored, mocker
):
    pending(CEDULA, START - timedelta(seconds=1))
    pending(OTHER, START)
    scraper.steps.append(FOUND)
    turn_given = []
    read = repository.next_due

    def read_then_a_rival_claims_it_first(now):
        record = read(now)
        if turn_given and record is not None and record.cedula == CEDULA:
            repository.save(record.claim(now, LEASE))
        return record

    mocker.patch.object(repository, "next_due", side_effect=read_then_a_rival_claims_it_first)
    worker = make_service(scraper, pace=TurnAfter(lambda: turn_given.append(True)))

    result = worker.run_next()

    assert (result.cedula, result.status) == (OTHER, LookupStatus.FOUND)
    assert scraper.calls == [OTHER]
    assert stored(CEDULA).status is LookupStatus.PROCESSING


def test_a_worker_that_keeps_losing_claims_steps_back_without_asking_the_census(
    service, scraper, repository, mocker
):
    service.request_first(CEDULA)
    mocker.patch.object(repository, "save", return_value=False)

    assert service.run_next() is None
    assert repository.save.call_count == RACE_TRIES
    assert scraper.calls == []


def test_a_result_that_comes_after_its_lease_was_taken_over_is_discarded(
    service, make_service, scraper, clock, stored, queue
):
    takeover = make_service(ScriptedScraper([NotFound(engine="patchright")]))

    def slow_answer():
        clock.advance(LEASE)
        takeover.run_next()
        return FOUND

    scraper.steps.append(slow_answer)
    service.request_first(CEDULA)

    assert service.run_next() is None

    record = stored()
    assert (record.status, record.engine, record.attempts) == (
        LookupStatus.NOT_FOUND,
        "patchright",
        2,
    )
    assert queue.woken == [None]


def test_a_scraper_bug_becomes_a_retried_failure_not_a_stuck_lookup(
    service, scraper, stored, queue, caplog
):
    scraper.steps.append(RuntimeError("boom"))
    service.request_first(CEDULA)

    with caplog.at_level(logging.ERROR, logger="cedula_domain.service"):
        result = service.run_next()

    assert result == stored()
    assert result.status is LookupStatus.PENDING
    assert result.last_failure_kind is FailureKind.UNAVAILABLE
    assert result.last_failure_message == "unexpected RuntimeError: boom"
    assert "RuntimeError: boom" in result.evidence
    assert queue.woken[-1] == result.next_attempt_at
    assert "census scraper failed unexpectedly" in caplog.text
    assert CEDULA.value not in caplog.text


def test_a_vanished_worker_leaves_an_interrupted_attempt_that_is_tried_again(
    service, scraper, clock, stored, queue
):
    scraper.steps += [SystemExit("task timeout"), FOUND]
    service.request_first(CEDULA)
    with pytest.raises(SystemExit):
        deliver(queue, service)
    assert stored().status is LookupStatus.PROCESSING

    clock.advance(LEASE)
    assert service.resume_due() == 1
    result = deliver(queue, service)

    assert (result.status, result.attempts) == (LookupStatus.FOUND, 2)
    assert queue.woken == [None, None]


def test_a_vanished_last_attempt_ends_in_error_and_the_worker_runs_the_next_in_line(
    service, scraper, repository, clock, pending, stored
):
    repository.add(evolve(LookupRecord.requested(CEDULA, START), attempts=2).claim(START, LEASE))
    clock.advance(LEASE)
    pending(OTHER, START + LEASE)
    scraper.steps.append(FOUND)

    result = service.run_next()

    assert (stored().status, stored().last_failure_kind) == (
        LookupStatus.ERROR,
        FailureKind.INTERRUPTED,
    )
    assert (result.cedula, result.status) == (OTHER, LookupStatus.FOUND)
    assert scraper.calls == [OTHER]


def test_a_wake_up_for_a_vanished_last_attempt_alone_ends_it_in_error_and_asks_nobody(
    service, scraper, repository, clock, stored
):
    repository.add(evolve(LookupRecord.requested(CEDULA, START), attempts=2).claim(START, LEASE))
    clock.advance(LEASE)

    assert service.run_next() is None
    assert (stored().status, stored().last_failure_kind) == (
        LookupStatus.ERROR,
        FailureKind.INTERRUPTED,
    )
    assert scraper.calls == []


# Who goes first


def test_new_people_go_before_refreshes_and_refreshes_before_bulk_work(
    service, scraper, pending, queue
):
    bulk = pending(Cedula.parse("111222"), START - 2 * HOUR, Priority.BULK)
    refresh = pending(Cedula.parse("333444"), START - HOUR, Priority.REFRESH)
    first = pending(Cedula.parse("555666"), START, Priority.FIRST)
    scraper.steps += [FOUND] * 3

    for _ in range(3):
        deliver(queue, service)

    assert scraper.calls == [first.cedula, refresh.cedula, bulk.cedula]


def test_within_a_class_the_lookup_requested_first_goes_first(service, scraper, pending, queue):
    newer = pending(Cedula.parse("111222"), START)
    older = pending(Cedula.parse("333444"), START - timedelta(seconds=1))
    scraper.steps += [FOUND] * 2

    deliver(queue, service)
    deliver(queue, service)

    assert scraper.calls == [older.cedula, newer.cedula]


def test_a_retried_refresh_keeps_its_class_behind_new_people_and_ahead_of_bulk_work(
    service, scraper, pending, clock, stored, queue
):
    refresh = pending(Cedula.parse("333444"), START, Priority.REFRESH)
    scraper.steps.append(Unavailable(reason="down"))
    deliver(queue, service)
    retry = stored(refresh.cedula)
    bulk = pending(Cedula.parse("111222"), START - HOUR, Priority.BULK)
    first = pending(Cedula.parse("555666"), START + timedelta(seconds=30))
    clock.current = retry.next_attempt_at
    scraper.steps += [FOUND] * 3

    for _ in range(3):
        deliver(queue, service)

    assert (retry.priority, retry.requested_at) == (Priority.REFRESH, START)
    assert scraper.calls == [refresh.cedula, first.cedula, refresh.cedula, bulk.cedula]


def test_what_runs_is_decided_when_the_wake_up_is_delivered_not_when_it_was_sent(
    service, scraper, finished, pending, clock, queue
):
    clock.advance(HOUR)
    service.request_bulk_refresh(CEDULA)
    newcomer = pending(OTHER, clock.now())
    scraper.steps.append(FOUND)

    result = deliver(queue, service)

    assert result.cedula == newcomer.cedula
    assert scraper.calls[-1] == newcomer.cedula


# The fleet's pace


def test_without_a_turn_from_the_pace_nothing_is_claimed_and_the_wake_up_comes_back_later(
    make_service, scraper, stored, queue, clock
):
    worker = make_service(scraper, pace=NoTurnPace())
    record = worker.request_first(CEDULA)

    assert deliver(queue, worker) is None

    assert stored() == record
    assert scraper.calls == []
    assert queue.woken == [None, clock.now() + INTERVAL]
    assert queue.waiting() == 0


def test_the_breaker_is_heard_after_the_turn_it_may_have_opened_while_the_worker_waited(
    make_service, scraper, source, stored
):
    def the_fleet_opens_the_breaker_meanwhile():
        source.stored = OPENED

    worker = make_service(scraper, pace=TurnAfter(the_fleet_opens_the_breaker_meanwhile))
    record = worker.request_first(CEDULA)

    assert worker.run_next() is None
    assert stored() == record
    assert scraper.calls == []


# The breaker


@pytest.fixture
def crowd(service, scraper, pending, queue):
    """Five people waiting; the site blocks the first three lookups, so the breaker opens."""
    people = [
        pending(Cedula(str(1_000_001 + n)), START - timedelta(seconds=10 - n)) for n in range(5)
    ]
    scraper.steps += [FIREWALL] * 3
    for _ in range(3):
        deliver(queue, service)
    queue.woken.clear()
    return [person.cedula for person in people]


def test_after_three_blocks_in_a_row_nobody_asks_the_site_until_the_cooldown_ends(
    service, crowd, scraper, source, clock, queue
):
    assert source.stored.state is BreakerState.OPEN
    assert source.stored.retry_at == START + COOLDOWN
    assert source.stored.last_block is BlockKind.FIREWALL

    clock.advance(COOLDOWN - timedelta(seconds=1))
    for _ in range(4):
        assert deliver(queue, service) is None

    assert scraper.calls == crowd[:3]
    assert source.attempts == [(Blocked, START)] * 3


def test_lookups_that_wait_on_an_open_breaker_keep_their_attempts(
    service, crowd, clock, stored, queue
):
    clock.advance(timedelta(minutes=20))  # the blocked ones' retries are due too

    for _ in range(5):
        deliver(queue, service)

    assert [stored(cedula).attempts for cedula in crowd] == [1, 1, 1, 0, 0]
    assert all(stored(cedula).status is LookupStatus.PENDING for cedula in crowd)


def test_after_the_cooldown_exactly_one_worker_probes_the_site(
    service, make_service, crowd, scraper, source, clock, queue
):
    rival = make_service(ScriptedScraper())
    rival_results = []

    def rival_woken_meanwhile():
        rival_results.append(rival.run_next())
        return FOUND

    clock.advance(COOLDOWN)
    assert source.stored.admission(clock.now()) is Admission.PROBE
    scraper.steps.append(rival_woken_meanwhile)

    deliver(queue, service)

    assert rival_results == [None]
    assert rival.scraper.calls == []
    assert scraper.calls == [*crowd[:3], crowd[0]]


def test_an_answer_to_the_probe_lets_everyone_ask_again_and_wakes_every_waiting_lookup(
    service, crowd, scraper, source, clock, queue
):
    clock.advance(COOLDOWN)
    queue.backlog = 0  # the wake-ups sent while the breaker was open were spent
    scraper.steps.append(FOUND)

    deliver(queue, service)

    assert source.stored.state is BreakerState.CLOSED
    assert source.stored.admission(clock.now()) is Admission.ASK
    assert (source.stored.blocks_in_a_row, source.stored.openings) == (0, 0)
    assert queue.woken == [None] * 4
    assert queue.waiting() == 4


def test_a_block_while_probing_opens_the_breaker_again_for_twice_as_long(
    service, crowd, scraper, source, clock, queue
):
    clock.advance(COOLDOWN)
    scraper.steps.append(CAPTCHA)

    deliver(queue, service)

    assert source.stored.state is BreakerState.OPEN
    assert source.stored.openings == 2
    assert source.stored.last_block is BlockKind.CAPTCHA
    assert source.stored.retry_at == clock.now() + 2 * COOLDOWN
    # Its own retry is scheduled, and nobody else is woken while the breaker waits.
    assert queue.woken == [clock.now() + timedelta(seconds=1200)]


def test_a_probe_that_finds_nothing_to_look_up_lets_the_next_probe_go_at_once(
    service, scraper, repository, source, open_breaker, clock, stored
):
    repository.add(evolve(LookupRecord.requested(CEDULA, START), attempts=2).claim(START, LEASE))
    clock.advance(COOLDOWN)

    assert service.run_next() is None

    assert stored().status is LookupStatus.ERROR
    assert scraper.calls == []
    assert source.stored.state is BreakerState.OPEN
    assert source.stored.retry_at == clock.now()
    assert source.stored.admission(clock.now()) is Admission.PROBE


def test_a_worker_that_keeps_losing_the_race_to_probe_steps_back_without_asking(
    service, scraper, source, open_breaker, clock, stored, mocker
):
    service.request_first(CEDULA)
    clock.advance(COOLDOWN)
    mocker.patch.object(source, "save_breaker", return_value=False)

    assert service.run_next() is None
    assert source.save_breaker.call_count == RACE_TRIES
    assert scraper.calls == []
    assert stored().attempts == 0


def test_a_breaker_that_keeps_changing_under_a_worker_drops_its_change_not_the_result(
    service, scraper, source, stored, caplog, mocker
):
    service.request_first(CEDULA)
    scraper.steps.append(FIREWALL)
    mocker.patch.object(source, "save_breaker", return_value=False)

    with caplog.at_level(logging.WARNING, logger="cedula_domain.service"):
        result = service.run_next()

    assert result == stored()
    assert result.last_failure_kind is FailureKind.BLOCKED
    assert source.stored == Breaker()
    assert "the breaker kept changing" in caplog.text


def test_an_answer_from_an_attempt_started_before_the_breaker_opened_wakes_the_waiting(
    service, scraper, source, pending, queue
):
    def the_breaker_opens_while_the_site_is_read():
        source.stored = OPENED
        return FOUND

    pending(CEDULA, START - timedelta(seconds=1))
    pending(OTHER, START)
    scraper.steps.append(the_breaker_opens_while_the_site_is_read)

    deliver(queue, service)

    assert source.stored.state is BreakerState.CLOSED
    assert queue.woken == [None]


def test_an_operator_pauses_the_source_and_nobody_asks_until_it_is_resumed(
    service, scraper, source, stored, queue
):
    service.request_first(CEDULA)
    scraper.steps.append(FOUND)

    paused = service.pause_source("ana: mantenimiento")

    assert (paused.paused, paused.paused_reason) == (True, "ana: mantenimiento")
    assert service.source_state() == paused == source.stored
    assert deliver(queue, service) is None
    assert scraper.calls == []

    resumed = service.resume_source()

    assert (resumed.paused, resumed.paused_reason) == (False, "")
    assert resumed.state is BreakerState.CLOSED
    assert queue.woken == [None, None]
    assert deliver(queue, service).status is LookupStatus.FOUND


def test_changed_pages_in_a_row_raise_the_alarm_and_then_nobody_loads_the_page(
    service, make_service, scraper, source, pending, queue, clock
):
    third = Cedula.parse("52123456")
    for cedula in (CEDULA, OTHER, third):
        pending(cedula)
    scraper.steps += [PageChanged(missing="#documento")] * 3
    for _ in range(3):
        service.run_next()

    assert source.stored.state is BreakerState.CHANGED
    assert (source.stored.changed_at, source.stored.last_change) == (START, "#documento")
    clock.advance(timedelta(days=1))  # every retry is due, and no cooldown ends the alarm
    queue.woken.clear()
    busy_fleet = make_service(scraper, pace=NoTurnPace())

    assert service.run_next() is None
    assert busy_fleet.run_next() is None
    assert service.resume_due() == 0
    assert len(scraper.calls) == 3
    assert queue.woken == []  # not even a turn asked for: a busy pace would put it off
    assert service.place_in_line(CEDULA) == PlaceInLine.paused(ahead=0)


def test_resuming_after_the_page_changed_clears_the_alarm_and_asks_again(
    service, scraper, source, pending, stored, queue
):
    source.stored = ALARMED
    pending(CEDULA)
    pending(OTHER)
    scraper.steps.append(FOUND)

    resumed = service.resume_source()

    assert resumed.state is BreakerState.CLOSED
    assert queue.woken == [None, None]
    assert deliver(queue, service).status is LookupStatus.FOUND


def test_an_answer_from_an_attempt_already_running_clears_the_alarm(
    service, scraper, source, pending, queue
):
    pending(CEDULA)
    pending(OTHER)

    def the_alarm_goes_off_meanwhile():
        source.stored = evolve(ALARMED, version=source.stored.version)
        return FOUND

    scraper.steps.append(the_alarm_goes_off_meanwhile)

    deliver(queue, service)

    assert source.stored.state is BreakerState.CLOSED
    assert queue.woken == [None]  # the one still due is woken


def test_pausing_twice_for_the_same_reason_writes_nothing_new(service, source):
    first = service.pause_source("ana: mantenimiento")

    assert service.pause_source("ana: mantenimiento") == first
    assert source.stored.version == 1


def test_resuming_an_open_breaker_keeps_it_open_and_wakes_nobody(
    service, source, open_breaker, pending, queue
):
    pending(CEDULA)
    service.pause_source("ana: revisar bloqueos")

    resumed = service.resume_source()

    assert (resumed.state, resumed.paused) == (BreakerState.OPEN, False)
    assert resumed.retry_at == open_breaker.retry_at
    assert queue.woken == []


# resume_due


def test_the_sweep_wakes_a_worker_for_each_due_lookup_and_lets_the_others_be(
    service, repository, queue
):
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
    assert queue.woken == [None, None]


def test_the_sweep_sends_none_when_a_wake_up_already_waits_for_each_due_lookup(
    service, repository, queue
):
    for cedula in (CEDULA, OTHER):
        repository.registered.append(cedula)
        service.request_first(cedula)

    assert service.resume_due() == 0
    assert queue.woken == [None, None]


def test_the_sweep_replaces_the_wake_ups_a_flushed_broker_lost(service, repository, queue):
    for cedula in (CEDULA, OTHER):
        repository.registered.append(cedula)
        service.request_first(cedula)
    queue.backlog = 0

    assert service.resume_due() == 2
    assert queue.waiting() == 2


def test_the_sweep_sends_only_the_missing_wake_ups(service, pending, queue):
    for cedula in (CEDULA, OTHER, Cedula.parse("111222")):
        pending(cedula)
    queue.backlog = 1

    assert service.resume_due() == 2
    assert queue.waiting() == 3


def test_the_sweep_sends_none_when_more_wake_ups_wait_than_lookups_are_due(service, pending, queue):
    pending(CEDULA)
    queue.backlog = 4

    assert service.resume_due() == 0
    assert queue.woken == []


def test_the_sweep_wakes_nobody_while_the_breaker_waits_and_everyone_once_it_may_probe(
    service, open_breaker, pending, clock, queue
):
    pending(CEDULA)
    pending(OTHER)

    assert service.resume_due() == 0
    assert queue.woken == []

    clock.advance(COOLDOWN)

    assert service.resume_due() == 2


def test_the_sweep_wakes_nobody_while_an_operator_has_paused_the_source(service, pending, queue):
    pending(CEDULA)
    service.pause_source("ana: mantenimiento")

    assert service.resume_due() == 0
    assert queue.woken == []


def test_the_sweep_requests_the_first_lookup_of_people_whose_request_was_lost(
    service, repository, queue, stored
):
    assert repository.unrequested() == [CEDULA]

    assert service.resume_due() == 1

    assert stored().status is LookupStatus.PENDING
    assert queue.woken == [None]
    assert repository.unrequested() == []


def test_the_sweep_counts_no_lookup_for_an_account_deleted_since_it_was_listed(
    service, repository, queue, mocker
):
    mocker.patch.object(repository, "unrequested", return_value=[OTHER])

    assert service.resume_due() == 0
    assert repository.records == {}
    assert queue.woken == []


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
    assert queue.woken == []


def test_the_sweep_skips_lookups_that_changed_since_they_were_listed(
    service, finished, repository, queue, mocker
):
    mocker.patch.object(repository, "due", return_value=[CEDULA, OTHER])

    assert service.resume_due() == 0
    assert queue.woken == []


def test_the_sweep_forgets_evidence_and_attempts_older_than_the_retention(
    service, repository, source, clock, stored, mocker
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
        source.log_attempt(FOUND, fetched_at)
    purge = mocker.spy(repository, "purge_evidence")

    service.resume_due()

    purge.assert_called_once_with(START - timedelta(days=30))
    assert (stored(old).evidence, stored().evidence) == ("", "{}")
    assert source.attempts == [(Found, START)]


# place_in_line


def test_a_lookup_not_waiting_has_no_place_in_line(service, finished, pending, repository):
    running = pending(OTHER).claim(START, LEASE)
    repository.save(running)

    assert service.place_in_line(CEDULA) is None  # final
    assert service.place_in_line(OTHER) is None  # running
    assert service.place_in_line(Cedula.parse("111222")) is None  # never requested


def test_a_place_in_line_counts_the_due_lookups_that_go_first_at_the_fleets_pace(
    service, pending, clock
):
    pending(Cedula.parse("111222"), START - HOUR, Priority.FIRST)
    pending(Cedula.parse("333444"), START - HOUR, Priority.REFRESH)
    mine = pending(CEDULA, START, Priority.REFRESH)
    pending(Cedula.parse("555666"), START - 2 * HOUR, Priority.BULK)
    pending(Cedula.parse("777888"), START + timedelta(seconds=1), Priority.REFRESH)
    clock.advance(timedelta(minutes=1))

    assert service.place_in_line(mine.cedula) == PlaceInLine(
        ahead=2, estimated_at=clock.now() + 2 * INTERVAL
    )


def test_a_retry_is_placed_in_line_from_when_its_backoff_ends(service, repository, pending):
    retry_at = START + timedelta(minutes=10)
    repository.add(
        evolve(LookupRecord.requested(CEDULA, START), attempts=1, next_attempt_at=retry_at)
    )
    pending(OTHER, START - HOUR)
    # Running now, its lease ends before the backoff does: then it is due, and ahead.
    running = pending(Cedula.parse("111222"), START - HOUR)
    repository.save(running.claim(START, LEASE))

    line = service.place_in_line(CEDULA)

    assert line == PlaceInLine(ahead=2, estimated_at=retry_at + 2 * INTERVAL)


def test_a_lookup_held_by_the_breaker_is_placed_from_when_the_site_may_be_asked_again(
    service, open_breaker, pending, clock
):
    pending(OTHER, START - HOUR)
    pending(CEDULA, START)
    clock.advance(timedelta(minutes=5))

    line = service.place_in_line(CEDULA)

    assert line == PlaceInLine(
        ahead=1, estimated_at=open_breaker.retry_at + INTERVAL, source_held=True
    )


def test_once_the_cooldown_is_over_the_breaker_holds_nobody_in_line(
    service, open_breaker, pending, clock
):
    pending(CEDULA, START)
    clock.advance(COOLDOWN)

    assert service.place_in_line(CEDULA) == PlaceInLine(ahead=0, estimated_at=clock.now())


def test_while_an_operator_has_paused_the_source_nobody_can_say_when(service, pending):
    pending(OTHER, START - HOUR)
    pending(CEDULA, START)
    service.pause_source("ana: mantenimiento")

    assert service.place_in_line(CEDULA) == PlaceInLine.paused(ahead=1)


# request_bulk_refresh


def test_a_bulk_refresh_starts_a_new_lookup_behind_everyones_own(
    service, finished, clock, stored, queue
):
    clock.advance(timedelta(days=2))

    record = service.request_bulk_refresh(CEDULA)

    assert record == stored()
    assert (record.status, record.priority, record.requested_at) == (
        LookupStatus.PENDING,
        Priority.BULK,
        clock.now(),
    )
    assert record.voting_place == PLACE
    assert queue.woken == [None]


def test_a_bulk_refresh_of_a_lookup_under_way_or_never_requested_does_nothing(
    service, repository, stored, queue
):
    assert service.request_bulk_refresh(CEDULA) is None
    assert repository.records == {}

    record = service.request_first(CEDULA)

    assert service.request_bulk_refresh(CEDULA) is None
    assert stored() == record
    assert queue.woken == [None]


def test_a_bulk_refresh_that_loses_a_race_does_nothing(
    service, finished, repository, clock, stored, queue, mocker
):
    clock.advance(timedelta(days=2))
    mocker.patch.object(repository, "save", return_value=False)

    assert service.request_bulk_refresh(CEDULA) is None
    assert stored() == finished
    assert queue.woken == []


# request_refresh


def test_a_refresh_without_any_lookup_starts_the_first_one(service, stored, queue):
    assert service.request_refresh(CEDULA) == RefreshDecision.allow()
    assert stored() == LookupRecord.requested(CEDULA, START)
    assert queue.woken == [None]


def test_a_refresh_for_a_cedula_no_account_holds_says_so_and_changes_nothing(
    service, repository, queue
):
    assert service.request_refresh(OTHER) == RefreshDecision.no_account()
    assert repository.records == {}
    assert queue.woken == []


def test_a_refresh_too_soon_changes_nothing_and_says_when(service, finished, clock, stored, queue):
    clock.advance(timedelta(minutes=20))

    decision = service.request_refresh(CEDULA)

    assert decision.reason is RefreshReason.TOO_SOON
    assert decision.available_at == START + HOUR
    assert stored() == finished
    assert queue.woken == []


def test_a_refresh_while_a_lookup_runs_is_refused(service, queue, clock):
    service.request_first(CEDULA)
    clock.advance(2 * HOUR)

    assert service.request_refresh(CEDULA).reason is RefreshReason.IN_PROGRESS
    assert queue.woken == [None]


def test_a_refresh_after_the_interval_starts_a_new_lookup_in_the_refresh_class(
    service, finished, clock, stored, queue
):
    clock.advance(HOUR)

    assert service.request_refresh(CEDULA) == RefreshDecision.allow()

    record = stored()
    assert (record.status, record.requested_at, record.attempts, record.priority) == (
        LookupStatus.PENDING,
        START + HOUR,
        0,
        Priority.REFRESH,
    )
    assert record.voting_place == PLACE
    assert queue.woken == [None]


def test_a_refresh_that_loses_a_race_answers_in_progress(
    service, finished, repository, clock, queue, mocker
):
    clock.advance(HOUR)
    mocker.patch.object(repository, "save", return_value=False)

    assert service.request_refresh(CEDULA) == RefreshDecision.in_progress()
    assert queue.woken == []


# force_refresh


def test_an_operator_refresh_ignores_the_hourly_limit(service, finished, clock, stored, queue):
    clock.advance(timedelta(minutes=1))

    record = service.force_refresh(CEDULA)

    assert record == stored()
    assert (record.status, record.requested_at) == (
        LookupStatus.PENDING,
        START + timedelta(minutes=1),
    )
    assert queue.woken == [None]


def test_an_operator_refresh_of_a_running_lookup_only_wakes_it(service, stored, queue):
    service.request_first(CEDULA)

    assert service.force_refresh(CEDULA) == stored() == LookupRecord.requested(CEDULA, START)
    assert queue.woken == [None, None]


def test_an_operator_refresh_without_any_lookup_starts_the_first_one(service, stored, queue):
    assert service.force_refresh(CEDULA) == stored()
    assert queue.woken == [None]


def test_an_operator_refresh_for_a_cedula_no_account_holds_does_nothing(service, repository, queue):
    assert service.force_refresh(OTHER) is None
    assert repository.records == {}
    assert queue.woken == []


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
    assert queue.woken == [None]


def test_an_operator_refresh_that_keeps_losing_races_steps_back_to_what_is_stored(
    service, finished, repository, clock, stored, queue, mocker
):
    clock.advance(2 * HOUR)
    mocker.patch.object(repository, "save", return_value=False)
    read = mocker.spy(repository, "get")

    assert service.force_refresh(CEDULA) == finished
    assert read.call_count == RACE_TRIES + 1
    assert stored() == finished
    assert queue.woken == []


# report_answer


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
    assert (record.status, record.voting_place) == (LookupStatus.FOUND, PLACE)
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
    assert (record.status, record.voting_place) == (LookupStatus.FOUND, PLACE)
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


def test_a_lookup_not_stored_yet_shows_as_just_requested(service, clock):
    record = service.current(CEDULA)

    assert record.status is LookupStatus.PENDING
    assert record.requested_at == clock.now()
    assert record.attempts == 0


def test_a_stored_lookup_shows_as_stored(service, repository):
    service.request_first(CEDULA)

    assert service.current(CEDULA) == repository.get(CEDULA)


def test_no_turn_of_the_fleet_is_spent_while_the_breaker_holds_the_site(
    make_service, scraper, source, stored
):
    turns_asked: list[bool] = []
    source.stored = OPENED
    worker = make_service(scraper, pace=TurnAfter(lambda: turns_asked.append(True)))
    record = worker.request_first(CEDULA)

    assert worker.run_next() is None

    assert turns_asked == []
    assert stored() == record
