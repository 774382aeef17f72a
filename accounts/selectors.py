"""Reading a person's census lookup for the pages, as the domain record."""

from __future__ import annotations

from typing import Any

from accounts.models import CustomUser
from adapters.django_repository import DjangoCedulaRepository
from cedula_domain import Cancellation, Cedula, LookupRecord, VotingPlace


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
            "source": None,
        }
    return {
        "status": record.status.value,
        "voting_place": voting_place_json(record.voting_place),
        "cancellation": cancellation_json(record.cancellation),
        "attempts": record.attempts,
        "next_attempt_at": _iso(record.next_attempt_at),
        "fetched_at": _iso(record.fetched_at),
        # Who gave the answer: "registraduria", "persona" or "operador"; None without one.
        "source": record.source.value if record.source else None,
    }


def voting_place_json(place: VotingPlace | None) -> dict[str, str] | None:
    if place is None:
        return None
    return {
        "departamento": place.departamento,
        "municipio": place.municipio,
        "puesto": place.puesto,
        "direccion": place.direccion,
        "mesa": place.mesa,
    }


def cancellation_json(cancellation: Cancellation | None) -> dict[str, str] | None:
    if cancellation is None:
        return None
    return {
        "novedad": cancellation.novedad,
        "resolucion": cancellation.resolucion,
        "fecha": cancellation.fecha,
    }


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment else None
