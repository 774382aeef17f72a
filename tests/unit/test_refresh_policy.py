from __future__ import annotations

from datetime import timedelta

import pytest
from attrs import evolve
from fakes import CEDULA, START

from cedula_domain import LookupRecord, LookupStatus, RefreshDecision, RefreshPolicy, RefreshReason

POLICY = RefreshPolicy()


def finished(status: LookupStatus = LookupStatus.FOUND) -> LookupRecord:
    return evolve(LookupRecord.requested(CEDULA, START), status=status, next_attempt_at=None)


@pytest.mark.parametrize("status", [LookupStatus.PENDING, LookupStatus.PROCESSING])
def test_no_refresh_while_a_lookup_is_running(status: LookupStatus) -> None:
    record = evolve(finished(), status=status)

    decision = POLICY.decide(record, START + timedelta(days=1))

    assert decision == RefreshDecision(allowed=False, reason=RefreshReason.IN_PROGRESS)
    assert decision.available_at is None


def test_a_refresh_too_soon_says_when_it_becomes_available() -> None:
    decision = POLICY.decide(finished(), START + timedelta(minutes=59, seconds=59))

    assert not decision.allowed
    assert decision.reason is RefreshReason.TOO_SOON
    assert decision.available_at == START + timedelta(hours=1)


@pytest.mark.parametrize("status", [s for s in LookupStatus if s.is_final])
def test_a_refresh_is_allowed_once_the_interval_has_passed(status: LookupStatus) -> None:
    decision = POLICY.decide(finished(status), START + timedelta(hours=1))

    assert decision == RefreshDecision.allow()
    assert decision.allowed


def test_the_interval_can_be_set() -> None:
    policy = RefreshPolicy(interval=timedelta(minutes=10))

    assert policy.decide(finished(), START + timedelta(minutes=10)).allowed
