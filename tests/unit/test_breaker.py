from __future__ import annotations

from datetime import timedelta

import pytest
from attrs import evolve
from fakes import FOUND, LEASE, START

from cedula_domain import (
    Admission,
    Blocked,
    BlockKind,
    Breaker,
    BreakerPolicy,
    BreakerState,
    Cancellation,
    Cancelled,
    NotFound,
    PageChanged,
    Unavailable,
)

POLICY = BreakerPolicy()
MINUTE = timedelta(minutes=1)
COOLDOWN = timedelta(minutes=30)
FIREWALL = Blocked(block=BlockKind.FIREWALL)
CAPTCHA = Blocked(block=BlockKind.CAPTCHA)
DOWN = Unavailable(reason="HTTP 500")
CHANGED_PAGE = PageChanged(missing="#documento")
ANSWERS = [
    FOUND,
    NotFound(),
    Cancelled(cancellation=Cancellation(novedad="Cancelada por Muerte", resolucion="1", fecha="x")),
]
NOT_ANSWERS = [DOWN, PageChanged(missing="#documento")]


def blocked(times: int, breaker: Breaker | None = None, at=START) -> Breaker:
    for _ in range(times):
        breaker = (breaker or Breaker()).after(FIREWALL, at, POLICY)
    return breaker


def opened() -> Breaker:
    """Opened at START by the third block in a row."""
    return blocked(3)


def probing(at=START + COOLDOWN) -> Breaker:
    return opened().start_probe(at, LEASE)


# The policy


def test_the_default_policy_is_three_blocks_half_an_hour_and_at_most_six_hours() -> None:
    assert (POLICY.threshold, POLICY.cooldown, POLICY.max_cooldown) == (
        3,
        COOLDOWN,
        timedelta(hours=6),
    )


@pytest.mark.parametrize(
    ("openings", "minutes"), [(0, 30), (1, 30), (2, 60), (3, 120), (4, 240), (5, 360), (9, 360)]
)
def test_each_opening_doubles_the_cooldown_up_to_the_cap(openings: int, minutes: int) -> None:
    assert POLICY.cooldown_after(openings) == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    "settings",
    [
        {"threshold": 0},
        {"cooldown": timedelta(0)},
        {"cooldown": -MINUTE},
        {"max_cooldown": timedelta(0)},
        {"cooldown": timedelta(hours=2), "max_cooldown": timedelta(hours=1)},
    ],
    ids=repr,
)
def test_a_policy_that_makes_no_sense_is_refused(settings) -> None:
    with pytest.raises(ValueError, match=r"threshold|cooldown"):
        BreakerPolicy(**settings)


# Closed


def test_a_new_breaker_is_closed_and_lets_everyone_ask() -> None:
    breaker = Breaker()

    assert (breaker.state, breaker.version) == (BreakerState.CLOSED, 0)
    assert breaker.admission(START) is Admission.ASK


def test_blocks_below_the_threshold_are_counted_and_everyone_still_asks() -> None:
    breaker = blocked(2)

    assert (breaker.state, breaker.blocks_in_a_row) == (BreakerState.CLOSED, 2)
    assert breaker.last_block is BlockKind.FIREWALL
    assert breaker.admission(START) is Admission.ASK


@pytest.mark.parametrize("failure", NOT_ANSWERS, ids=type)
def test_a_failure_that_is_no_block_breaks_the_row_of_blocks(failure) -> None:
    breaker = blocked(2).after(failure, START, POLICY)

    assert breaker.blocks_in_a_row == 0
    assert blocked(2, breaker).state is BreakerState.CLOSED


@pytest.mark.parametrize("answer", ANSWERS, ids=type)
def test_an_answer_forgets_the_blocks_before_it(answer) -> None:
    breaker = blocked(2).after(answer, START, POLICY)

    assert breaker == Breaker()


def test_the_block_that_reaches_the_threshold_opens_the_breaker_for_the_cooldown() -> None:
    breaker = blocked(2).after(CAPTCHA, START, POLICY)

    assert breaker.state is BreakerState.OPEN
    assert (breaker.blocks_in_a_row, breaker.openings) == (3, 1)
    assert (breaker.opened_at, breaker.retry_at) == (START, START + COOLDOWN)
    assert breaker.last_block is BlockKind.CAPTCHA


def test_a_lower_threshold_opens_sooner() -> None:
    breaker = Breaker().after(FIREWALL, START, BreakerPolicy(threshold=1))

    assert breaker.state is BreakerState.OPEN


# Open


def test_nobody_asks_an_open_breaker_until_the_cooldown_ends_then_one_may_probe() -> None:
    breaker = opened()

    assert breaker.admission(START + COOLDOWN - MINUTE) is Admission.WAIT
    assert breaker.admission(START + COOLDOWN) is Admission.PROBE
    assert breaker.admission(START + 2 * COOLDOWN) is Admission.PROBE


def test_a_late_block_while_open_is_counted_but_does_not_extend_the_cooldown() -> None:
    breaker = opened().after(CAPTCHA, START + MINUTE, POLICY)

    assert (breaker.state, breaker.openings, breaker.retry_at) == (
        BreakerState.OPEN,
        1,
        START + COOLDOWN,
    )
    assert (breaker.blocks_in_a_row, breaker.last_block) == (4, BlockKind.CAPTCHA)


@pytest.mark.parametrize("failure", NOT_ANSWERS, ids=type)
def test_a_late_failure_that_is_no_block_leaves_an_open_breaker_as_it_is(failure) -> None:
    breaker = opened().after(failure, START + MINUTE, POLICY)

    assert evolve(breaker, changes_in_a_row=0, last_change="") == opened()


@pytest.mark.parametrize("answer", ANSWERS, ids=type)
def test_a_late_answer_from_an_attempt_started_earlier_closes_an_open_breaker(answer) -> None:
    breaker = opened().after(answer, START + MINUTE, POLICY)

    assert breaker == Breaker()
    assert breaker.admission(START + MINUTE) is Admission.ASK


# Probing


def test_a_probe_holds_everyone_else_back_until_its_lease_runs_out() -> None:
    probe_at = START + COOLDOWN
    breaker = probing(probe_at)

    assert (breaker.state, breaker.retry_at) == (BreakerState.PROBING, probe_at + LEASE)
    assert breaker.admission(probe_at) is Admission.WAIT
    # The probing worker vanished: another may probe.
    assert breaker.admission(probe_at + LEASE) is Admission.PROBE


@pytest.mark.parametrize("answer", ANSWERS, ids=type)
def test_an_answer_to_the_probe_closes_the_breaker_and_forgets_every_opening(answer) -> None:
    breaker = probing().after(answer, START + COOLDOWN, POLICY)

    assert breaker == Breaker()


def test_a_block_while_probing_opens_again_for_twice_the_cooldown() -> None:
    now = START + COOLDOWN + MINUTE

    breaker = probing().after(CAPTCHA, now, POLICY)

    assert breaker.state is BreakerState.OPEN
    assert (breaker.openings, breaker.opened_at, breaker.retry_at) == (2, now, now + 2 * COOLDOWN)
    assert breaker.last_block is BlockKind.CAPTCHA


def test_the_cooldown_stops_doubling_at_the_cap() -> None:
    breaker, now = opened(), START
    for _ in range(8):
        now = breaker.retry_at
        breaker = breaker.start_probe(now, LEASE).after(FIREWALL, now, POLICY)

    assert breaker.openings == 9
    assert breaker.retry_at == now + timedelta(hours=6)


@pytest.mark.parametrize("failure", NOT_ANSWERS, ids=type)
def test_a_probe_that_meets_no_block_and_no_answer_lets_the_next_probe_go_at_once(
    failure,
) -> None:
    now = START + COOLDOWN + MINUTE

    breaker = probing().after(failure, now, POLICY)

    assert (breaker.state, breaker.retry_at, breaker.openings) == (BreakerState.OPEN, now, 1)
    assert breaker.admission(now) is Admission.PROBE


def test_a_released_probe_may_be_taken_again_at_once() -> None:
    now = START + COOLDOWN + MINUTE

    breaker = probing().release_probe(now)

    assert (breaker.state, breaker.retry_at) == (BreakerState.OPEN, now)
    assert breaker.admission(now) is Admission.PROBE


@pytest.mark.parametrize("breaker", [Breaker(), opened()], ids=["closed", "open"])
def test_releasing_a_probe_that_is_not_running_changes_nothing(breaker: Breaker) -> None:
    assert breaker.release_probe(START + MINUTE) == breaker


# Paused by an operator


@pytest.mark.parametrize(
    "breaker", [Breaker(), opened(), probing()], ids=["closed", "open", "probing"]
)
def test_a_paused_source_is_asked_by_nobody_whatever_its_state(breaker: Breaker) -> None:
    paused = breaker.pause("ana: mantenimiento")

    assert (paused.paused, paused.paused_reason) == (True, "ana: mantenimiento")
    assert paused.admission(START + timedelta(days=1)) is Admission.WAIT


@pytest.mark.parametrize(
    "breaker", [Breaker(), opened(), probing()], ids=["closed", "open", "probing"]
)
def test_resuming_leaves_the_breaker_as_it_was_before_the_pause(breaker: Breaker) -> None:
    assert breaker.pause("ana: mantenimiento").resume() == breaker


def test_outcomes_while_paused_still_move_the_breaker_and_the_pause_stays() -> None:
    breaker = blocked(3, Breaker().pause("ana: mantenimiento"))

    assert (breaker.state, breaker.paused) == (BreakerState.OPEN, True)
    assert breaker.after(FOUND, START, POLICY) == evolve(
        Breaker(), paused=True, paused_reason="ana: mantenimiento"
    )


def test_the_version_is_left_to_the_store() -> None:
    breaker = evolve(opened(), version=7)

    assert breaker.start_probe(START, LEASE).version == 7
    assert breaker.pause("x").resume().version == 7


# The page changed: an alarm for operators


def changed(times: int, breaker: Breaker | None = None, at=START) -> Breaker:
    for _ in range(times):
        breaker = (breaker or Breaker()).after(CHANGED_PAGE, at, POLICY)
    return breaker


def alarmed() -> Breaker:
    """The third changed page in a row, at START, raised the alarm."""
    return changed(3)


def test_the_default_policy_raises_the_alarm_after_three_changed_pages_in_a_row() -> None:
    assert POLICY.changed_threshold == 3


def test_a_changed_threshold_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        BreakerPolicy(changed_threshold=0)


def test_changed_pages_below_the_threshold_are_counted_and_everyone_still_asks() -> None:
    breaker = changed(2)

    assert (breaker.state, breaker.changes_in_a_row) == (BreakerState.CLOSED, 2)
    assert breaker.last_change == "#documento"
    assert breaker.admission(START) is Admission.ASK


def test_the_changed_page_that_reaches_the_threshold_raises_the_alarm_and_nobody_asks() -> None:
    breaker = alarmed()

    assert breaker.state is BreakerState.CHANGED
    assert breaker.page_changed
    assert not breaker.refusing
    assert (breaker.changed_at, breaker.last_change) == (START, "#documento")
    # No cooldown ends it: only an operator.
    assert breaker.admission(START + timedelta(days=30)) is Admission.WAIT


@pytest.mark.parametrize("other", [DOWN, FIREWALL], ids=type)
def test_any_other_failure_breaks_the_row_of_changed_pages(other) -> None:
    breaker = changed(2).after(other, START, POLICY)

    assert breaker.changes_in_a_row == 0
    assert changed(2, breaker).state is not BreakerState.CHANGED


def test_changed_pages_while_the_site_blocks_raise_the_alarm_too() -> None:
    breaker = changed(3, opened())

    assert breaker.state is BreakerState.CHANGED
    assert breaker.retry_at is None


def test_a_probe_that_meets_the_last_changed_page_of_the_row_raises_the_alarm() -> None:
    probe = changed(2, opened()).start_probe(START + COOLDOWN, LEASE)

    breaker = probe.after(CHANGED_PAGE, START + COOLDOWN, POLICY)

    assert breaker.state is BreakerState.CHANGED


@pytest.mark.parametrize("late", [CHANGED_PAGE, DOWN, FIREWALL], ids=type)
def test_a_late_failure_leaves_the_alarm_on(late) -> None:
    breaker = alarmed().after(late, START + MINUTE, POLICY)

    assert breaker.state is BreakerState.CHANGED
    assert breaker.changed_at == START


@pytest.mark.parametrize("answer", ANSWERS, ids=type)
def test_a_late_answer_from_an_attempt_already_running_clears_the_alarm(answer) -> None:
    assert alarmed().after(answer, START + MINUTE, POLICY) == Breaker()


def test_resuming_clears_the_alarm_and_everyone_asks_again() -> None:
    breaker = changed(3, opened()).resume()

    assert breaker == Breaker()
    assert breaker.admission(START) is Admission.ASK


def test_a_paused_alarm_resumes_closed_and_unpaused() -> None:
    breaker = alarmed().pause("ana: revisando").resume()

    assert breaker == Breaker()


def test_the_site_refuses_while_open_or_probing_and_not_when_closed() -> None:
    assert opened().refusing
    assert probing().refusing
    assert not Breaker().refusing
    assert not Breaker().page_changed
