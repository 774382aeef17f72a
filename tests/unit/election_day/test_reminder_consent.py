"""The consent to the reminder text: a ledger whose latest line is the state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from elections.rules.reminder_consent import (
    ReminderChange,
    ReminderConsent,
    ReminderConsentEntry,
)

START = datetime(2026, 2, 1, 12, tzinfo=UTC)
LATER = START + timedelta(hours=1)


def granted(at: datetime) -> ReminderConsentEntry:
    return ReminderConsentEntry(change=ReminderChange.GRANTED, at=at)


def withdrawn(at: datetime) -> ReminderConsentEntry:
    return ReminderConsentEntry(change=ReminderChange.WITHDRAWN, at=at)


def test_without_any_line_no_text_is_wanted() -> None:
    consent = ReminderConsent()

    assert not consent.granted
    assert consent.latest is None


def test_granting_adds_a_line_with_its_time() -> None:
    assert ReminderConsent().grant(START).entries == (granted(START),)
    assert ReminderConsent().grant(START).granted


def test_withdrawing_appends_and_ends_the_consent() -> None:
    consent = ReminderConsent().grant(START).withdraw(LATER)

    assert consent.entries == (granted(START), withdrawn(LATER))
    assert not consent.granted


def test_granting_twice_or_withdrawing_what_is_not_granted_adds_nothing() -> None:
    consent = ReminderConsent().grant(START)

    assert consent.grant(LATER) == consent
    assert ReminderConsent().withdraw(START) == ReminderConsent()


def test_the_order_of_writing_decides_not_the_clock() -> None:
    consent = ReminderConsent.from_ledger([granted(LATER), withdrawn(START)])

    assert not consent.granted
    assert consent.latest == withdrawn(START)
