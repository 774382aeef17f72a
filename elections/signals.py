"""What elections does when accounts tells it something: a handed-over account's previous
holder takes their consent to reminder texts, and their reminders, with them."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from accounts.models import CustomUser
from accounts.signals import account_handed_over
from elections.services import end_previous_holders_reminders


@receiver(account_handed_over, dispatch_uid="end_previous_holders_reminders")
def end_reminders_on_hand_over(sender: type[CustomUser], user: CustomUser, **_: Any) -> None:
    end_previous_holders_reminders(account=user)
