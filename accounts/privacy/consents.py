"""The ledger of a person's acceptances of the data policy: appended, read, never edited."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import CustomUser, PolicyAcceptanceEntry
from accounts.privacy import policy
from accounts.privacy.rules.policy_consent import PolicyConsent


def policy_consent_of(*, user: CustomUser) -> PolicyConsent:
    entries = PolicyAcceptanceEntry.objects.filter(user=user).order_by("pk")
    return PolicyConsent.from_ledger(entry.to_domain() for entry in entries)


def must_accept_policy(*, user: CustomUser) -> bool:
    return policy_consent_of(user=user).must_accept(policy.current_version())


def accept_policy(
    *, user: CustomUser, version: str | None = None, at: datetime | None = None
) -> bool:
    """Append the person's acceptance of ``version`` (the current one unless told) made
    ``at`` (now unless told). Whether anything was appended: a version accepted already
    adds nothing, even when two requests race (the ledger's unique constraint decides)."""
    version = version or policy.current_version()
    consent = policy_consent_of(user=user)
    accepted = consent.accept(version, at or timezone.now())
    if accepted == consent or accepted.latest is None:
        return False
    try:
        with transaction.atomic():
            PolicyAcceptanceEntry.objects.create(
                user=user, version=accepted.latest.version, accepted_at=accepted.latest.at
            )
    except IntegrityError:
        return False
    return True
