from __future__ import annotations

from datetime import timedelta

import pytest
from fakes import START

from accounts.identity.rules.lockout import FailedLogins, LockoutPolicy

POLICY = LockoutPolicy(failure_limit=5, cooloff=timedelta(hours=1))


@pytest.mark.parametrize(
    ("failures", "told"), [(0, None), (1, None), (2, None), (3, 2), (4, 1), (5, None), (9, None)]
)
def test_the_tries_left_are_told_from_the_third_failure_until_none_remain(
    failures: int, told: int | None
) -> None:
    assert POLICY.tries_left_to_tell(failures=failures) == told


def test_no_try_is_left_once_the_limit_is_reached_or_passed() -> None:
    assert POLICY.tries_left(failures=4) == 1
    assert POLICY.tries_left(failures=5) == 0
    assert POLICY.tries_left(failures=7) == 0


@pytest.mark.parametrize(("limit", "warn_from"), [(1, 1), (2, 1), (3, 2), (4, 3), (10, 3)])
def test_a_low_limit_is_told_from_an_earlier_failure(limit: int, warn_from: int) -> None:
    policy = LockoutPolicy(failure_limit=limit, cooloff=timedelta(hours=1))

    assert policy.warn_from == warn_from


def test_a_limit_of_two_tells_the_last_try_at_the_first_failure() -> None:
    policy = LockoutPolicy(failure_limit=2, cooloff=timedelta(minutes=30))

    assert policy.tries_left_to_tell(failures=1) == 1


def test_a_lockout_ends_one_cooloff_after_the_failure_that_reached_the_limit() -> None:
    rows = [FailedLogins(count=5, latest_at=START)]

    assert POLICY.ends_at(rows) == START + timedelta(hours=1)


def test_failures_below_the_limit_make_no_lockout() -> None:
    assert POLICY.ends_at([FailedLogins(count=4, latest_at=START)]) is None
    assert POLICY.ends_at([]) is None


def test_with_rows_from_several_browsers_the_oldest_drop_out_first() -> None:
    # 3 failures from one browser, then 2 from another ten minutes later: the lockout ends
    # when the first row drops out, one cool-off after its latest failure.
    first = FailedLogins(count=3, latest_at=START)
    second = FailedLogins(count=2, latest_at=START + timedelta(minutes=10))
    assert POLICY.ends_at([second, first]) == START + timedelta(hours=1)

    # With the newest row alone at the limit, the older one no longer matters.
    newest = FailedLogins(count=5, latest_at=START + timedelta(minutes=20))
    assert POLICY.ends_at([first, newest]) == START + timedelta(minutes=80)


def test_a_nonsense_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="failure_limit"):
        LockoutPolicy(failure_limit=0, cooloff=timedelta(hours=1))
    with pytest.raises(ValueError, match="cooloff"):
        LockoutPolicy(failure_limit=5, cooloff=timedelta(0))
