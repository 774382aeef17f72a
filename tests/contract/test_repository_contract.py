"""CedulaRepository: every sentence of the port's docstrings, on the fake and on Django."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from attrs import evolve
from fakes import CEDULA, FOUND, LEASE, PLACE, START

from cedula_domain import (
    AddResult,
    AnswerSource,
    BlockKind,
    Cancellation,
    Cedula,
    Coordinates,
    FailureKind,
    LookupRecord,
    LookupStatus,
    Priority,
    Restriction,
    RetryPolicy,
)

HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)
OTHER = Cedula.parse("79123456")
REQUESTED = LookupRecord.requested(CEDULA, START)

EVERY_FIELD = {
    "pending after a failure": evolve(
        REQUESTED,
        attempts=1,
        next_attempt_at=START + timedelta(minutes=1, microseconds=250),
        last_failure_kind=FailureKind.BLOCKED,
        last_block_kind=BlockKind.CAPTCHA,
        last_failure_message="bloqueada por un CAPTCHA",
        engine="patchright",
        evidence="<html>No soy un robot</html>",
    ),
    "processing under a lease": REQUESTED.claim(START, LEASE),
    "found with coordinates": evolve(
        REQUESTED,
        status=LookupStatus.FOUND,
        attempts=1,
        next_attempt_at=None,
        fetched_at=START + timedelta(seconds=7),
        voting_place=evolve(PLACE, coddivipol="1100101", coordinates=Coordinates(4.6295, -74.0921)),
        source=AnswerSource.REGISTRADURIA,
        engine="stealth",
        evidence='{"encontrado": true}',
        version=3,
    ),
    "found without coordinates, told by a person": evolve(
        REQUESTED,
        status=LookupStatus.FOUND,
        next_attempt_at=None,
        fetched_at=START,
        voting_place=PLACE,
        source=AnswerSource.PERSON,
    ),
    "cancelled": evolve(
        REQUESTED,
        status=LookupStatus.CANCELLED,
        next_attempt_at=None,
        fetched_at=START,
        cancellation=Cancellation(
            novedad="Cancelada por Muerte", resolucion="Resolución 1001", fecha="15/03/2019"
        ),
        source=AnswerSource.OPERATOR,
    ),
    "valid but not enabled to vote": evolve(
        REQUESTED,
        status=LookupStatus.NOT_ENABLED,
        next_attempt_at=None,
        fetched_at=START,
        restriction=Restriction(
            reason="Vigente con pérdida o suspensión de los derechos políticos",
            resolucion="Sentencia 2021-00077",
            fecha="04/08/2021",
        ),
        source=AnswerSource.REGISTRADURIA,
    ),
    # The status no longer says which answer is shown: the restriction stays one.
    "a refresh under way after not enabled, told by a person without its words": evolve(
        REQUESTED,
        priority=Priority.REFRESH,
        fetched_at=START - HOUR,
        restriction=Restriction(reason=""),
        source=AnswerSource.PERSON,
    ),
    "a refresh under way after a cancellation": evolve(
        REQUESTED,
        priority=Priority.REFRESH,
        fetched_at=START - HOUR,
        cancellation=Cancellation(novedad="Cancelada por Doble Cedulación"),
        source=AnswerSource.REGISTRADURIA,
    ),
    "not found": evolve(
        REQUESTED,
        status=LookupStatus.NOT_FOUND,
        next_attempt_at=None,
        fetched_at=START,
        source=AnswerSource.REGISTRADURIA,
    ),
    "given up after an interrupted attempt": evolve(
        REQUESTED,
        status=LookupStatus.ERROR,
        attempts=3,
        next_attempt_at=None,
        last_failure_kind=FailureKind.INTERRUPTED,
        last_failure_message="el intento 3 se detuvo antes de registrar un resultado",
    ),
}


@pytest.fixture
def stored(repository, register):
    """Adds records of registered people, as the service would have."""

    def store(*records: LookupRecord) -> None:
        for record in records:
            register(record.cedula)
            assert repository.add(record) is AddResult.ADDED

    return store


# get / add


@pytest.mark.parametrize("record", EVERY_FIELD.values(), ids=EVERY_FIELD.keys())
def test_a_record_added_reads_back_with_every_field_and_its_version(repository, stored, record):
    stored(record)

    assert repository.get(record.cedula) == record


def test_a_cedula_without_a_record_reads_as_none(repository, register):
    register(CEDULA)

    assert repository.get(CEDULA) is None


def test_adding_where_a_record_exists_writes_nothing_and_says_it_exists(repository, stored):
    stored(REQUESTED)

    assert repository.add(evolve(REQUESTED, attempts=2)) is AddResult.EXISTS
    assert repository.get(CEDULA) == REQUESTED


def test_adding_for_a_cedula_no_account_holds_writes_nothing_and_says_so(repository, register):
    register(OTHER)

    assert repository.add(REQUESTED) is AddResult.NO_ACCOUNT
    assert repository.get(CEDULA) is None
    assert repository.unrequested() == [OTHER]


# save


def test_a_save_of_the_stored_version_is_stored_and_bumps_the_version_by_one(repository, stored):
    stored(REQUESTED)
    claimed = REQUESTED.claim(START, LEASE)

    assert repository.save(claimed) is True
    assert repository.get(CEDULA) == evolve(claimed, version=REQUESTED.version + 1)


def test_of_two_saves_of_the_same_version_exactly_one_wins(repository, stored):
    stored(REQUESTED)
    claim = REQUESTED.claim(START, LEASE)
    report = REQUESTED.report(FOUND, START, AnswerSource.PERSON)

    assert [repository.save(claim), repository.save(report)] == [True, False]
    assert repository.get(CEDULA) == evolve(claim, version=1)


def test_a_save_of_a_stale_version_writes_nothing(repository, stored):
    stored(REQUESTED)
    assert repository.save(REQUESTED.claim(START, LEASE))

    assert repository.save(evolve(REQUESTED, attempts=5, version=0)) is False
    assert repository.get(CEDULA).attempts == 1


def test_successive_saves_each_bump_the_version_by_one(repository, stored):
    stored(REQUESTED)
    claimed = REQUESTED.claim(START, LEASE)
    assert repository.save(claimed)

    answered = evolve(claimed, version=1).record_outcome(FOUND, START, RetryPolicy())

    assert repository.save(answered) is True
    assert repository.get(CEDULA) == evolve(answered, version=2)


def test_a_save_without_a_stored_record_writes_nothing(repository, register):
    register(CEDULA)

    assert repository.save(REQUESTED) is False
    assert repository.get(CEDULA) is None


# due

NOW = START + HOUR


def _due_cases() -> dict[str, tuple[LookupRecord, bool]]:
    pending = LookupRecord.requested(CEDULA, START)
    processing = pending.claim(START, LEASE)
    cases = {
        "pending, next attempt before now": (pending, True),
        "pending, next attempt at now": (evolve(pending, next_attempt_at=NOW), True),
        "pending, next attempt after now": (
            evolve(pending, next_attempt_at=NOW + timedelta(seconds=1)),
            False,
        ),
        "processing, lease expired before now": (processing, True),
        "processing, lease expiring at now": (evolve(processing, lease_expires_at=NOW), True),
        "processing, lease alive": (
            evolve(processing, lease_expires_at=NOW + timedelta(seconds=1)),
            False,
        ),
    }
    for status in LookupStatus:
        if status.is_final:
            # Times that would make it due, were it not final.
            final = evolve(pending, status=status, lease_expires_at=START)
            cases[f"{status.value}, with times long past"] = (final, False)
    return cases


DUE_CASES = _due_cases()


@pytest.mark.parametrize(("record", "due"), DUE_CASES.values(), ids=DUE_CASES.keys())
def test_due_lists_pending_records_on_time_and_processing_ones_whose_lease_expired(
    repository, stored, record, due
):
    stored(record)

    assert repository.due(NOW) == ([CEDULA] if due else [])
    assert record.is_due(NOW) is due  # the domain's own rule agrees


# next_due / count_due: the line, as LookupRecord.place_in_line and is_due say


def _line() -> list[LookupRecord]:
    """Lookups of every class, due or not at NOW, requested at different times; two of
    them share a place in line. The ones not due would go first if they were."""

    def lookup(n: int, priority: Priority, requested_at, **changes) -> LookupRecord:
        record = LookupRecord.requested(Cedula(str(3_000_000 + n)), requested_at)
        return evolve(record, priority=priority, **changes)

    vanished = lookup(1, Priority.FIRST, START - 3 * HOUR).claim(START, LEASE)
    running = lookup(2, Priority.FIRST, START - 5 * HOUR).claim(NOW - MINUTE, LEASE)
    return [
        lookup(0, Priority.BULK, START - 2 * HOUR),
        vanished,
        running,
        lookup(3, Priority.REFRESH, START - HOUR),
        lookup(4, Priority.REFRESH, START),
        lookup(5, Priority.REFRESH, START),
        lookup(6, Priority.FIRST, START + 30 * MINUTE),
        lookup(7, Priority.FIRST, START - 4 * HOUR, next_attempt_at=NOW + MINUTE),
        lookup(8, Priority.FIRST, START - 6 * HOUR, status=LookupStatus.FOUND),
        lookup(9, Priority.BULK, START - 7 * HOUR, next_attempt_at=NOW + 2 * MINUTE),
    ]


# Moments at which a different part of the line is due.
MOMENTS = [NOW, NOW + MINUTE, NOW + 5 * MINUTE]


@pytest.mark.parametrize("now", MOMENTS, ids=["now", "a minute later", "once all are due"])
def test_the_next_due_is_the_due_lookup_lowest_in_place_in_line(repository, stored, now):
    line = _line()
    stored(*line)
    due = [record for record in line if record.is_due(now)]

    assert repository.next_due(now).place_in_line == min(r.place_in_line for r in due)


def test_taking_the_next_due_one_by_one_follows_the_place_in_line(repository, stored):
    line = _line()
    stored(*line)
    taken = []

    while (record := repository.next_due(NOW)) is not None:
        taken.append(record)
        assert repository.save(evolve(record, status=LookupStatus.FOUND, lease_expires_at=None))

    assert [r.place_in_line for r in taken] == sorted(
        record.place_in_line for record in line if record.is_due(NOW)
    )
    assert len({r.cedula for r in taken}) == len(taken)


def test_the_next_due_reads_back_whole(repository, stored):
    vanished = _line()[1]
    stored(vanished)

    assert repository.next_due(NOW) == vanished


def test_nothing_due_means_no_next_and_a_count_of_zero(repository, stored):
    line = [record for record in _line() if not record.is_due(NOW)]
    stored(*line)

    assert repository.next_due(NOW) is None
    assert repository.count_due(NOW) == 0
    assert all(repository.count_due(NOW, before=record) == 0 for record in line)


@pytest.mark.parametrize("now", MOMENTS, ids=["now", "a minute later", "once all are due"])
def test_count_due_counts_the_due_lookups_and_with_before_only_those_ahead_in_line(
    repository, stored, now
):
    line = _line()
    stored(*line)
    due = [record for record in line if record.is_due(now)]

    assert repository.count_due(now) == len(due)
    for record in line:  # due or not, every record has a place in line
        ahead = sum(1 for other in due if other.place_in_line < record.place_in_line)
        assert repository.count_due(now, before=record) == ahead, record


def test_nothing_of_a_person_who_must_accept_a_new_policy_is_due(
    repository, stored, must_accept_new_policy
):
    waiting = LookupRecord.requested(OTHER, START)
    stored(REQUESTED, waiting)
    must_accept_new_policy(OTHER)

    assert repository.due(NOW) == [CEDULA]
    assert repository.next_due(NOW).cedula == CEDULA
    assert repository.count_due(NOW) == 1
    assert repository.get(OTHER) == evolve(waiting, version=0)  # waiting, untouched


# unrequested


def test_unrequested_lists_the_registered_people_without_a_record(repository, register, stored):
    register(OTHER)
    stored(REQUESTED)

    assert repository.unrequested() == [OTHER]


def test_nobody_registered_means_nobody_unrequested(repository):
    assert repository.unrequested() == []


# purge_evidence

CUTOFF = START
BEFORE = CUTOFF - timedelta(seconds=1)
AFTER = CUTOFF + timedelta(seconds=1)


def _purge_cases() -> list[LookupRecord]:
    """Every status, with and without evidence, requested and fetched before or after the
    cutoff (or never fetched)."""
    combinations = itertools.product(
        LookupStatus, ["", '{"raw": true}'], [BEFORE, CUTOFF, AFTER], [None, BEFORE, AFTER]
    )
    return [
        evolve(
            LookupRecord.requested(Cedula(str(2_000_000 + n)), requested_at),
            status=status,
            evidence=evidence,
            fetched_at=fetched_at,
        )
        for n, (status, evidence, requested_at, fetched_at) in enumerate(combinations)
    ]


def test_purge_blanks_exactly_the_evidence_the_records_own_rule_calls_expired(repository, stored):
    records = _purge_cases()
    stored(*records)
    expired = [record for record in records if record.evidence_expired(CUTOFF)]
    assert expired  # and, below, some evidence is kept: the cases tell the rule apart
    assert len(expired) < sum(1 for record in records if record.evidence)

    assert repository.purge_evidence(CUTOFF) == len(expired)
    for record in records:
        kept = record not in expired
        assert repository.get(record.cedula) == (record if kept else evolve(record, evidence=""))


def test_a_second_purge_finds_nothing_left_to_blank(repository, stored):
    stored(*_purge_cases())
    repository.purge_evidence(CUTOFF)

    assert repository.purge_evidence(CUTOFF) == 0
