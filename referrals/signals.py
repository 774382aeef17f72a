"""What referrals does when accounts tells it something: a handed-over account's previous
holder takes their network with them."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from accounts.models import CustomUser
from accounts.signals import account_handed_over
from referrals.services import end_previous_holders_network


@receiver(account_handed_over, dispatch_uid="end_previous_holders_network")
def end_network_on_hand_over(sender: type[CustomUser], user: CustomUser, **_: Any) -> None:
    end_previous_holders_network(account=user)
