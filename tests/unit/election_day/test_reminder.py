"""A reminder claimed and never answered is unknown."""

from __future__ import annotations

from elections.rules.reminder import ReminderStatus


def test_only_a_claimed_reminder_is_unknown() -> None:
    assert ReminderStatus.CLAIMED.is_unknown
    assert not ReminderStatus.SENT.is_unknown
    assert not ReminderStatus.FAILED.is_unknown
