"""The consent to the reminder text is a consent ledger of its own kind."""

from __future__ import annotations

from datetime import UTC, datetime

from elections.rules.reminder_consent import ReminderConsent

START = datetime(2026, 2, 1, 12, tzinfo=UTC)


def test_asking_for_the_text_and_stopping_keep_the_reminders_ledger() -> None:
    asked = ReminderConsent.never_given().grant(START)

    assert isinstance(asked, ReminderConsent)
    assert asked.granted
    assert not asked.withdraw(START).granted
