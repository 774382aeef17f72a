from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from fakes import START

from accounts.phone.rules.phone_code import (
    CodeNotUsable,
    CodeState,
    CodeText,
    PhoneCode,
    PhoneCodePolicy,
    code_text,
    random_code,
    typed_code,
)

POLICY = PhoneCodePolicy()


def test_a_code_lasts_ten_minutes_allows_five_tries_and_three_codes_an_hour() -> None:
    code = PhoneCode.issue(START, POLICY)

    assert code.expires_at == START + timedelta(minutes=10)
    assert POLICY.max_attempts == 5
    assert POLICY.may_issue(issued_in_window=2)
    assert not POLICY.may_issue(issued_in_window=3)
    assert POLICY.window_start(START) == START - timedelta(hours=1)


def test_a_fresh_code_is_usable_until_the_moment_it_expires() -> None:
    code = PhoneCode.issue(START, POLICY)

    assert code.state(START + timedelta(minutes=9, seconds=59), POLICY) is CodeState.USABLE
    assert code.state(START + timedelta(minutes=10), POLICY) is CodeState.EXPIRED


def test_wrong_guesses_spend_the_code_at_the_fifth() -> None:
    code = PhoneCode.issue(START, POLICY)
    for _ in range(4):
        code = code.guessed_wrong()

    assert code.state(START, POLICY) is CodeState.USABLE
    assert code.guessed_wrong().state(START, POLICY) is CodeState.SPENT


def test_a_used_code_never_works_again() -> None:
    used = PhoneCode.issue(START, POLICY).use(START + timedelta(minutes=1), POLICY)

    assert used.used_at == START + timedelta(minutes=1)
    assert used.state(START + timedelta(minutes=1), POLICY) is CodeState.USED
    with pytest.raises(CodeNotUsable, match="used"):
        used.use(START + timedelta(minutes=2), POLICY)


def test_an_expired_code_cannot_be_used() -> None:
    with pytest.raises(CodeNotUsable, match="expired"):
        PhoneCode.issue(START, POLICY).use(START + timedelta(hours=1), POLICY)


def test_a_withdrawn_code_stops_working_at_once_and_keeps_its_issue_time() -> None:
    code = PhoneCode.issue(START, POLICY)

    withdrawn = code.withdrawn(START + timedelta(minutes=2))

    assert withdrawn.state(START + timedelta(minutes=2), POLICY) is CodeState.EXPIRED
    assert withdrawn.issued_at == START
    assert code.withdrawn(START + timedelta(hours=1)).expires_at == code.expires_at


def test_a_code_is_forgotten_once_it_can_neither_work_nor_count() -> None:
    long_lived = PhoneCodePolicy(lifetime=timedelta(hours=2))

    assert POLICY.retention == timedelta(hours=1)
    assert POLICY.forgotten_before(START) == START - timedelta(hours=1)
    assert long_lived.forgotten_before(START) == START - timedelta(hours=2)


def test_a_policy_that_allows_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="max_attempts"):
        PhoneCodePolicy(max_attempts=0)


@pytest.mark.parametrize(("drawn", "code"), [(0, "000000"), (42, "000042"), (999_999, "999999")])
def test_a_random_code_always_has_six_digits(drawn: int, code: str) -> None:
    bounds: list[int] = []

    def draw(bound: int) -> int:
        bounds.append(bound)
        return drawn

    assert random_code(draw) == code
    assert bounds == [1_000_000]


def test_random_codes_come_from_a_cryptographic_source_by_default() -> None:
    codes = {random_code() for _ in range(20)}

    assert all(typed_code(code) == code for code in codes)
    assert len(codes) > 1


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("123456", "123456"),
        (" 123 456 ", "123456"),
        ("123-456", "123456"),
        ("12345", None),
        ("1234567", None),
        ("12345a", None),
        ("١٢٣٤٥٦", None),
        ("", None),
    ],
)
def test_a_typed_code_is_read_the_way_people_write_it(text: str, code: str | None) -> None:
    assert typed_code(text) == code


def test_a_code_whose_text_the_sms_service_refused_never_works_and_does_not_count() -> None:
    code = PhoneCode.issue(START, POLICY)

    refused = code.undelivered(START + timedelta(seconds=5))

    assert refused.undelivered_at == START + timedelta(seconds=5)
    assert refused.state(START + timedelta(seconds=6), POLICY) is CodeState.UNDELIVERED
    assert not refused.counts_against_allowance
    with pytest.raises(CodeNotUsable, match="undelivered"):
        refused.use(START + timedelta(seconds=6), POLICY)


def test_every_code_sent_counts_against_the_allowance_withdrawn_ones_too() -> None:
    code = PhoneCode.issue(START, POLICY)

    assert code.counts_against_allowance
    assert code.withdrawn(START + timedelta(minutes=1)).counts_against_allowance
    assert code.use(START, POLICY).counts_against_allowance


@pytest.mark.parametrize(
    ("undelivered_at", "waiting", "text"),
    [
        (None, True, CodeText.WAITING),
        (None, False, CodeText.SENT),
        (START, False, CodeText.NOT_SENT),
        # Refused while a worker still held it: refused it is.
        (START, True, CodeText.NOT_SENT),
    ],
)
def test_a_codes_text_is_waiting_sent_or_refused(
    undelivered_at: datetime | None, waiting: bool, text: CodeText
) -> None:
    assert code_text(undelivered_at=undelivered_at, waiting=waiting) is text


def test_a_code_says_how_many_wrong_guesses_it_still_takes() -> None:
    code = PhoneCode.issue(START, POLICY)
    now = START + timedelta(minutes=1)

    assert code.tries_left(now, POLICY) == 5
    assert code.guessed_wrong().tries_left(now, POLICY) == 4
    spent = code
    for _ in range(5):
        spent = spent.guessed_wrong()
    assert spent.tries_left(now, POLICY) == 0


def test_tries_no_longer_matter_once_a_code_is_used_expired_or_undelivered() -> None:
    code = PhoneCode.issue(START, POLICY)
    now = START + timedelta(minutes=1)

    assert code.use(now, POLICY).tries_left(now, POLICY) is None
    assert code.tries_left(START + timedelta(minutes=10), POLICY) is None
    assert code.undelivered(now).tries_left(now, POLICY) is None
