from __future__ import annotations

from datetime import timedelta

import pytest
from fakes import START

from cedula_domain import LookupStatus
from referrals.rules.leader import (
    Goal,
    NetworkRefreshDecision,
    NetworkRefreshPolicy,
    NetworkRefreshReason,
)

POLICY = NetworkRefreshPolicy()
WEEK = timedelta(days=7)


@pytest.mark.parametrize(
    ("reached", "percent", "missing"),
    [(0, 0, 50), (1, 2, 49), (49, 98, 1), (50, 100, 0), (80, 100, 0)],
)
def test_progress_towards_a_goal_is_rounded_down_and_capped(
    reached: int, percent: int, missing: int
) -> None:
    progress = Goal(50).progress(reached)

    assert (progress.percent, progress.missing) == (percent, missing)
    assert (progress.target, progress.reached) == (50, reached)


def test_a_goal_is_at_least_one_person() -> None:
    with pytest.raises(ValueError, match="target"):
        Goal(0)


def test_a_leader_who_never_asked_may_ask_when_someone_is_stale() -> None:
    decision = POLICY.decide(last_asked_at=None, stale=3, now=START)

    assert decision == NetworkRefreshDecision.allow()
    assert decision.allowed
    assert decision.available_at is None


def test_a_leader_asks_at_most_once_a_day_and_is_told_when_again() -> None:
    decision = POLICY.decide(last_asked_at=START, stale=3, now=START + timedelta(hours=23))

    assert not decision.allowed
    assert decision.reason is NetworkRefreshReason.TOO_SOON
    assert decision.available_at == START + timedelta(days=1)
    assert POLICY.decide(last_asked_at=START, stale=3, now=START + timedelta(days=1)).allowed


def test_asking_with_nobody_stale_is_refused_so_the_day_is_not_spent() -> None:
    decision = POLICY.decide(last_asked_at=None, stale=0, now=START)

    assert decision == NetworkRefreshDecision.nothing_stale()
    assert not decision.allowed


@pytest.mark.parametrize("status", [s for s in LookupStatus if s.is_final])
def test_a_final_lookup_older_than_a_week_is_stale(status: LookupStatus) -> None:
    assert POLICY.is_stale(status, START, START + WEEK + timedelta(seconds=1))
    assert not POLICY.is_stale(status, START, START + WEEK)


@pytest.mark.parametrize("status", [LookupStatus.PENDING, LookupStatus.PROCESSING])
def test_a_lookup_on_its_way_is_never_stale(status: LookupStatus) -> None:
    assert not POLICY.is_stale(status, START, START + 10 * WEEK)


def test_the_policy_refuses_intervals_that_are_not_positive() -> None:
    with pytest.raises(ValueError, match="interval"):
        NetworkRefreshPolicy(interval=timedelta(0))
    with pytest.raises(ValueError, match="stale_after"):
        NetworkRefreshPolicy(stale_after=timedelta(seconds=-1))
