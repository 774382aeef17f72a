from __future__ import annotations

from datetime import timedelta

from fakes import START

from accounts.privacy.rules.policy_consent import PolicyAcceptance, PolicyConsent

LATER = START + timedelta(days=30)


def test_an_account_that_never_accepted_any_version_is_not_asked() -> None:
    # Accounts made by staff: the policy is accepted on the registration form.
    assert not PolicyConsent.from_ledger([]).must_accept("2026-12")


def test_whoever_accepted_only_an_older_version_must_accept_the_current_one() -> None:
    consent = PolicyConsent().accept("2026-11", START)

    assert consent.must_accept("2026-12")
    assert not consent.must_accept("2026-11")


def test_accepting_appends_to_the_ledger_and_keeps_the_older_acceptance() -> None:
    consent = PolicyConsent().accept("2026-11", START).accept("2026-12", LATER)

    assert consent.entries == (
        PolicyAcceptance(version="2026-11", at=START),
        PolicyAcceptance(version="2026-12", at=LATER),
    )
    assert not consent.must_accept("2026-12")
    assert consent.latest == PolicyAcceptance(version="2026-12", at=LATER)


def test_accepting_a_version_again_adds_nothing() -> None:
    consent = PolicyConsent().accept("2026-12", START)

    assert consent.accept("2026-12", LATER) == consent
