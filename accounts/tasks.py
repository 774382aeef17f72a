"""Django-Q2 entry points: one line each, the service decides everything."""

from __future__ import annotations

from cedula_domain import Cedula
from pagina_madre.services import lookup_service


def run_lookup(cedula: str) -> str | None:
    record = lookup_service().run_attempt(Cedula.parse(cedula))
    return record.status.value if record else None


def sweep() -> int:
    return lookup_service().resume_due()
