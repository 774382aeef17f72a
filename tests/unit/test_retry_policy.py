from __future__ import annotations

from datetime import timedelta

import pytest
from fakes import top_of_range

from cedula_domain import Blocked, BlockKind, FailureKind, PageChanged, RetryPolicy, Unavailable

UNAVAILABLE = Unavailable(reason="timeout")
BLOCKED = Blocked(block=BlockKind.FIREWALL)


@pytest.mark.parametrize(("attempt", "seconds"), [(1, 60), (2, 120), (3, 240), (6, 1920)])
def test_the_wait_doubles_with_each_failed_attempt(attempt: int, seconds: int) -> None:
    policy = RetryPolicy(random=top_of_range, max_attempts=10)

    assert policy.delay_after(attempt, UNAVAILABLE) == timedelta(seconds=seconds)


@pytest.mark.parametrize(("attempt", "seconds"), [(1, 600), (2, 1200), (3, 2400)])
def test_blocked_lookup_waits_longer_before_retrying(attempt: int, seconds: int) -> None:
    policy = RetryPolicy(random=top_of_range)

    assert policy.delay_after(attempt, BLOCKED) == timedelta(seconds=seconds)
    assert policy.delay_after(attempt, FailureKind.BLOCKED) == timedelta(seconds=seconds)


@pytest.mark.parametrize("attempt", [4, 7, 50, 10_000])
def test_the_wait_never_exceeds_the_cap(attempt: int) -> None:
    policy = RetryPolicy(random=top_of_range)

    assert policy.delay_after(attempt, BLOCKED) == timedelta(hours=1)
    assert policy.delay_after(attempt + 3, PageChanged(missing="#x")) == timedelta(hours=1)


def test_the_wait_is_drawn_between_zero_and_the_ceiling() -> None:
    draws: list[tuple[float, float]] = []

    def halfway(low: float, high: float) -> float:
        draws.append((low, high))
        return (low + high) / 2

    delay = RetryPolicy(random=halfway).delay_after(2, FailureKind.INTERRUPTED)

    assert draws == [(0.0, 120.0)]
    assert delay == timedelta(seconds=60)


def test_a_draw_near_zero_still_waits_the_floor() -> None:
    policy = RetryPolicy(random=lambda low, high: low)

    assert policy.delay_after(1, UNAVAILABLE) == timedelta(seconds=5)
    assert policy.delay_after(3, BLOCKED) == timedelta(seconds=5)


def test_the_default_jitter_stays_within_floor_and_ceiling() -> None:
    delays = {RetryPolicy().delay_after(3, UNAVAILABLE) for _ in range(50)}

    assert all(timedelta(seconds=5) <= delay <= timedelta(seconds=240) for delay in delays)
    assert len(delays) > 1


def test_attempts_are_numbered_from_one() -> None:
    with pytest.raises(ValueError, match="numbered from 1"):
        RetryPolicy().delay_after(0, UNAVAILABLE)


def test_the_policy_gives_up_after_the_last_allowed_attempt() -> None:
    policy = RetryPolicy(max_attempts=3)

    assert [policy.gives_up_after(attempt) for attempt in (1, 2, 3, 4)] == [
        False,
        False,
        True,
        True,
    ]


@pytest.mark.parametrize(
    "settings",
    [{"max_attempts": 0}, {"base_delay": timedelta(seconds=-1)}, {"min_delay": timedelta(-1)}],
)
def test_a_policy_that_makes_no_sense_cannot_be_built(settings: dict) -> None:
    with pytest.raises(ValueError, match="must be >="):
        RetryPolicy(**settings)
