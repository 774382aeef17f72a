from __future__ import annotations

from datetime import timedelta

from fakes import PLACE, START

from referrals.rules.sharing_consent import ConsentChange, ConsentEntry, SharingConsent

LATER = START + timedelta(hours=1)


def test_a_consent_never_given_shares_nothing() -> None:
    consent = SharingConsent.never_given()

    assert not consent.granted
    assert consent.latest is None
    assert consent.reveal(PLACE) is None


def test_granting_adds_an_entry_with_its_time_and_reveals_the_place() -> None:
    consent = SharingConsent.never_given().grant(START)

    assert consent.entries == (ConsentEntry(change=ConsentChange.GRANTED, at=START),)
    assert consent.granted
    assert consent.reveal(PLACE) == PLACE


def test_withdrawing_appends_to_the_ledger_and_hides_the_place_again() -> None:
    consent = SharingConsent.never_given().grant(START).withdraw(LATER)

    assert consent.entries == (ConsentEntry.granted(START), ConsentEntry.withdrawn(LATER))
    assert not consent.granted
    assert consent.reveal(PLACE) is None


def test_the_latest_entry_is_the_state_whatever_came_before() -> None:
    consent = SharingConsent.from_ledger(
        [ConsentEntry.granted(START), ConsentEntry.withdrawn(LATER), ConsentEntry.granted(LATER)]
    )

    assert consent.granted
    assert consent.latest == ConsentEntry.granted(LATER)


def test_the_order_of_writing_decides_even_if_the_clock_went_back() -> None:
    consent = SharingConsent.from_ledger(
        [ConsentEntry.granted(LATER), ConsentEntry.withdrawn(START)]
    )

    assert not consent.granted


def test_granting_what_is_granted_or_withdrawing_what_is_not_adds_nothing() -> None:
    granted = SharingConsent.never_given().grant(START)

    assert granted.grant(LATER) is granted
    assert SharingConsent.never_given().withdraw(START) == SharingConsent.never_given()
    assert granted.withdraw(LATER).withdraw(LATER).entries == granted.withdraw(LATER).entries


def test_nothing_of_a_place_that_does_not_exist_is_revealed() -> None:
    assert SharingConsent.never_given().grant(START).reveal(None) is None
