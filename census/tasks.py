"""Django-Q2 entry points: one line each, the service decides everything."""

from __future__ import annotations

from django.utils import timezone

from accounts.phone.codes import forget_old_codes
from accounts.phone.texts import send_due_texts
from pagina_madre.bootstrap.census_lookup import lookup_service, purge_expired_traces


def run_lookup(*_legacy: object) -> str | None:
    """A wake-up: one attempt for the lookup that goes first. (Wake-ups queued by older
    versions named a lookup; the name is ignored, the records decide.)"""
    # Texts first: a code lives minutes, and on one worker its wake-up may wait behind
    # many lookups, each a minute or more.
    send_due_texts()
    record = lookup_service().run_next()
    return record.status.value if record else None


def sweep() -> int:
    """The cluster's periodic round: due lookups woken, then the housekeeping of what
    is kept only for a while."""
    woken = lookup_service().resume_due()
    # Texts whose wake-up was lost (a Redis restarted empty) leave now.
    send_due_texts()
    now = timezone.now()
    purge_expired_traces(now)
    forget_old_codes(now)
    return woken
