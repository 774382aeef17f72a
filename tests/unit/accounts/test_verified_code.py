from __future__ import annotations

from datetime import timedelta

import pytest
from fakes import START

from accounts.phone.rules.verified_code import VerifiedCode

PASS = VerifiedCode(user_pk=7, code_pk=41, verified_at=START)


def test_a_pass_is_open_for_ten_minutes_from_the_code_typed_right() -> None:
    assert PASS.is_open(START)
    assert PASS.is_open(START + timedelta(minutes=9, seconds=59))
    assert not PASS.is_open(START + timedelta(minutes=10))
    assert not PASS.is_open(START - timedelta(seconds=1))


def test_a_pass_comes_back_from_the_session_as_it_went_in() -> None:
    stored = PASS.as_session()

    assert set(stored) == {"user", "code", "verified_at"}
    assert VerifiedCode.from_session(stored) == PASS


@pytest.mark.parametrize(
    "stored",
    [
        None,
        "a pass",
        {},
        {"user": 7, "code": 41},
        {"user": "x", "code": 41, "verified_at": START.isoformat()},
        {"user": 7, "code": 41, "verified_at": "yesterday"},
        {"user": 7, "code": 41, "verified_at": 12},
        {"user": 7, "code": 41, "verified_at": START.replace(tzinfo=None).isoformat()},
    ],
)
def test_anything_else_in_the_session_is_no_pass(stored: object) -> None:
    assert VerifiedCode.from_session(stored) is None
