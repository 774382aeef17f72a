"""Django-Q2 entry points: one line each, the service decides everything."""

from __future__ import annotations

from pagina_madre.bootstrap import cedula_of_task, lookup_service


def run_lookup(reference: object) -> str | None:
    """One attempt for the lookup the task names (by id, never by cédula)."""
    cedula = cedula_of_task(reference)
    record = lookup_service().run_attempt(cedula) if cedula else None
    return record.status.value if record else None


def sweep() -> int:
    return lookup_service().resume_due()
