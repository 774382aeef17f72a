"""Reading a person's census lookup for the pages, as the domain record."""

from __future__ import annotations

from typing import Any

from accounts.models import CustomUser
from adapters.django_repository import DjangoCedulaRepository
from cedula_domain import Cedula, LookupRecord


def census_record(user: CustomUser) -> LookupRecord | None:
    return DjangoCedulaRepository().get(Cedula(user.cedula))


def census_status_json(record: LookupRecord | None) -> dict[str, Any]:
    """The public shape of GET /censo/estado.json; never evidence or failure internals."""
    if record is None:
        # The first lookup is being requested right after registration.
        return {
            "status": "pending",
            "voting_place": None,
            "cancellation": None,
            "attempts": 0,
            "next_attempt_at": None,
            "fetched_at": None,
        }
    place = record.voting_place
    cancellation = record.cancellation
    return {
        "status": record.status.value,
        "voting_place": {
            "departamento": place.departamento,
            "municipio": place.municipio,
            "puesto": place.puesto,
            "direccion": place.direccion,
            "mesa": place.mesa,
        }
        if place
        else None,
        "cancellation": {
            "novedad": cancellation.novedad,
            "resolucion": cancellation.resolucion,
            "fecha": cancellation.fecha,
        }
        if cancellation
        else None,
        "attempts": record.attempts,
        "next_attempt_at": _iso(record.next_attempt_at),
        "fetched_at": _iso(record.fetched_at),
    }


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment else None
