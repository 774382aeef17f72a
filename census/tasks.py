"""Django-Q2 entry points: one line each, the service decides everything."""

from __future__ import annotations

from django.utils import timezone

from pagina_madre.bootstrap import lookup_service, purge_expired_traces


def run_lookup(*_legacy: object) -> str | None:
    """A wake-up: one attempt for the lookup that goes first. (Wake-ups queued by older
    versions named a lookup; the name is ignored, the records decide.)"""
    record = lookup_service().run_next()
    return record.status.value if record else None


def sweep() -> int:
    woken = lookup_service().resume_due()
    purge_expired_traces(timezone.now())
    return woken
