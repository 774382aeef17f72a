"""SourceRepository: the breaker the fleet shares, stored whole and changed by
compare-and-set, and the attempts kept for operators; on the fake and on Django."""

from __future__ import annotations

from datetime import timedelta

import pytest
from attrs import evolve
from fakes import CEDULA, FOUND, START, ended_at

from cedula_domain import (
    AttemptTimes,
    Blocked,
    BlockKind,
    Breaker,
    BreakerState,
    NotFound,
    Unavailable,
)

MINUTE = timedelta(minutes=1)
OPEN = Breaker(
    state=BreakerState.OPEN,
    blocks_in_a_row=4,
    openings=2,
    opened_at=START + timedelta(microseconds=250),
    retry_at=START + timedelta(hours=1, microseconds=250),
    last_block=BlockKind.FIREWALL,
)
EVERY_FIELD = {
    "closed, never blocked": Breaker(),
    "closed, two blocks counted": Breaker(blocks_in_a_row=2, last_block=BlockKind.CAPTCHA),
    "open": OPEN,
    "probing": evolve(OPEN, state=BreakerState.PROBING, retry_at=START + 5 * MINUTE),
    "paused by an operator": evolve(
        OPEN, paused=True, paused_reason="ana@censo: la Registraduría pidió bajar el ritmo"
    ),
    "the page changed, the alarm on": evolve(
        OPEN,
        state=BreakerState.CHANGED,
        retry_at=None,
        changes_in_a_row=3,
        changed_at=START + timedelta(minutes=3, microseconds=250),
        last_change="#documento (el formulario de la consulta)",
    ),
    "changed pages counted, still asking": Breaker(changes_in_a_row=2, last_change="#eleccion"),
    **{
        f"last block: {kind.value}": evolve(OPEN, last_block=kind)
        for kind in BlockKind
        if kind is not BlockKind.FIREWALL
    },
}


def test_before_any_save_the_breaker_is_closed_at_version_zero(source):
    assert source.breaker() == Breaker()


@pytest.mark.parametrize("breaker", EVERY_FIELD.values(), ids=EVERY_FIELD.keys())
def test_the_first_save_stores_the_breaker_with_every_field_at_version_one(source, breaker):
    assert source.save_breaker(breaker) is True

    assert source.breaker() == evolve(breaker, version=1)


def test_each_save_of_the_stored_version_replaces_it_and_bumps_the_version_by_one(source):
    assert source.save_breaker(OPEN)
    probing = evolve(source.breaker(), state=BreakerState.PROBING)

    assert source.save_breaker(probing) is True
    assert source.breaker() == evolve(probing, version=2)


@pytest.mark.parametrize("saved_before", [0, 1], ids=["the first save", "a later save"])
def test_of_two_saves_of_the_same_version_exactly_one_wins(source, saved_before):
    for _ in range(saved_before):
        source.save_breaker(source.breaker())
    read = source.breaker()
    opened = evolve(OPEN, version=read.version)
    paused = read.pause("ana: mantenimiento")

    assert [source.save_breaker(opened), source.save_breaker(paused)] == [True, False]
    assert source.breaker() == evolve(opened, version=read.version + 1)


@pytest.mark.parametrize("version", [0, 5], ids=["stale", "never stored"])
def test_a_save_of_a_version_that_is_not_the_stored_one_writes_nothing(source, version):
    paused = evolve(OPEN.pause("x"), version=1)
    assert source.save_breaker(OPEN)
    assert source.save_breaker(paused)

    assert source.save_breaker(evolve(Breaker(), version=version)) is False
    assert source.breaker() == evolve(paused, version=2)


def test_attempts_are_forgotten_only_when_logged_before_the_cutoff(source):
    for at in (START - 2 * MINUTE, START - MINUTE, START, START + MINUTE):
        source.log_attempt(FOUND, ended_at(at))

    assert source.forget_attempts(START - MINUTE) == 1
    assert source.forget_attempts(START - MINUTE) == 0
    assert source.forget_attempts(START + MINUTE) == 2
    assert source.forget_attempts(START + 2 * MINUTE) == 1


def test_recent_attempts_are_the_latest_that_ended_since_with_their_times(source):
    times = [
        AttemptTimes(
            due_at=START + n * MINUTE - timedelta(seconds=30),
            started_at=START + n * MINUTE + timedelta(microseconds=250),
            finished_at=START + n * MINUTE + timedelta(seconds=12, microseconds=500),
        )
        for n in (3, 0, 2, 1)
    ]
    for each in times:
        source.log_attempt(FOUND, each)

    recent = source.recent_attempts(START + MINUTE, limit=2)

    assert sorted(recent, key=lambda each: each.started_at) == [times[2], times[0]]
    assert source.recent_attempts(START + 4 * MINUTE, limit=10) == []


@pytest.mark.parametrize(
    "outcome",
    [
        FOUND,
        NotFound(message=f"{CEDULA.value} no está", evidence=f'{{"nuip": "{CEDULA.value}"}}'),
        Blocked(block=BlockKind.CAPTCHA, engine="patchright", evidence=f"<p>{CEDULA.value}</p>"),
        Unavailable(reason=f"timeout for {CEDULA.value}", evidence=CEDULA.value),
    ],
    ids=type,
)
def test_an_attempt_is_kept_without_its_cedula(source, attempts_kept, outcome):
    source.log_attempt(outcome, ended_at(START))

    kept = attempts_kept()

    assert len(kept) == 1
    assert CEDULA.value not in kept[0]


def test_what_a_changed_page_lacked_is_kept_up_to_its_length(source):
    long_detail = "#documento " * 100

    assert source.save_breaker(Breaker(changes_in_a_row=1, last_change=long_detail))

    assert long_detail.startswith(source.breaker().last_change)
    assert len(source.breaker().last_change) >= 300
