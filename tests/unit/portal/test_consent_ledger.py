"""A consent as a ledger whose latest line is the state (the reminder text's, the sharing
with a referrer's)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from portal.rules.consent_ledger import ConsentEntry, ConsentLedger

START = datetime(2026, 2, 1, 12, tzinfo=UTC)
LATER = START + timedelta(hours=1)


granted, withdrawn = ConsentEntry.granted, ConsentEntry.withdrawn


def test_without_any_line_the_consent_was_never_given() -> None:
    consent = ConsentLedger.never_given()

    assert not consent.granted
    assert consent.latest is None


def test_granting_adds_a_line_with_its_time() -> None:
    assert ConsentLedger().grant(START).entries == (granted(START),)
    assert ConsentLedger().grant(START).granted


def test_withdrawing_appends_and_ends_the_consent() -> None:
    consent = ConsentLedger().grant(START).withdraw(LATER)

    assert consent.entries == (granted(START), withdrawn(LATER))
    assert not consent.granted


def test_granting_twice_or_withdrawing_what_is_not_granted_adds_nothing() -> None:
    consent = ConsentLedger().grant(START)

    assert consent.grant(LATER) == consent
    assert ConsentLedger().withdraw(START) == ConsentLedger()


def test_the_order_of_writing_decides_not_the_clock() -> None:
    consent = ConsentLedger.from_ledger([granted(LATER), withdrawn(START)])

    assert not consent.granted
    assert consent.latest == withdrawn(START)
