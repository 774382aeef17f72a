"""With PHONE_VERIFICATION, a person proves their phone with a code by SMS before the
portal does anything for them: no census lookup starts, none is refreshed or finished by
hand, no network is asked again. This is the one home of that rule, for one person
(``phone_verification_due``) and as a query (``phone_verification_settled``); the phone
gate (``accounts.phone.gate``) applies it to every page, and whatever is not a page asks
here (the first lookup's signal, the manager's ``ready_for_lookup``).

It sits with the rows, below the use cases and the gate: it imports nothing of the project.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q

if TYPE_CHECKING:
    from accounts.models import CustomUser


def phone_verification_due(*, user: CustomUser) -> bool:
    """Whether this person must still verify their phone: verification is on, and the
    number they have now was never verified (a new number is verified again)."""
    return settings.PHONE_VERIFICATION and user.phone_verified_at is None


def phone_verification_settled() -> Q:
    """The accounts for which ``phone_verification_due`` is false, as a filter."""
    return Q(phone_verified_at__isnull=False) if settings.PHONE_VERIFICATION else Q()
