"""How a lookup reads, in one place: the Spanish words of its states, failures, blocks and
sources, and the public JSON shape. The card, ``estado.json``, the command and the admin
all take them from here; the machine names are the domain enums' values."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from cedula_domain import (
    AnswerSource,
    BlockKind,
    Cancellation,
    Cancelled,
    FailureKind,
    Found,
    LookupRecord,
    LookupStatus,
    NotFound,
    Outcome,
    VotingPlace,
    status_of,
)

# Where a person can look themselves up: offered whenever the automatic lookup cannot answer.
OFFICIAL_URL = "https://consultacenso.registraduria.gov.co/"

STATUS_WORDS: dict[LookupStatus, str] = {
    LookupStatus.PENDING: "En cola",
    LookupStatus.PROCESSING: "Consultando",
    LookupStatus.FOUND: "Encontrada",
    LookupStatus.NOT_FOUND: "No está en el censo",
    LookupStatus.CANCELLED: "Cédula cancelada",
    LookupStatus.ERROR: "Sin respuesta",
}
FAILURE_WORDS: dict[FailureKind, str] = {
    FailureKind.BLOCKED: "Bloqueada por el sitio",
    FailureKind.UNAVAILABLE: "Sitio no disponible",
    FailureKind.PAGE_CHANGED: "La página cambió",
    FailureKind.INTERRUPTED: "Consulta interrumpida",
}
# What the person reads on the card about the last failure.
FAILURE_SENTENCES: dict[FailureKind, str] = {
    FailureKind.BLOCKED: (
        "El sitio de la Registraduría no permitió la consulta automática por ahora."
    ),
    FailureKind.UNAVAILABLE: "El sitio de la Registraduría no respondió.",
    FailureKind.PAGE_CHANGED: "La página de la Registraduría cambió y estamos adaptando el portal.",
    FailureKind.INTERRUPTED: "La consulta se interrumpió.",
}
BLOCK_WORDS: dict[BlockKind, str] = {
    BlockKind.FIREWALL: "Cortafuegos",
    BlockKind.CAPTCHA: "CAPTCHA",
    BlockKind.JS_CHALLENGE: "Reto de JavaScript",
    BlockKind.BOT_DETECTED: "Detección de robots",
}
SOURCE_WORDS: dict[AnswerSource, str] = {
    AnswerSource.REGISTRADURIA: "Registraduría",
    AnswerSource.PERSON: "Informado por la persona",
    AnswerSource.OPERATOR: "Informado por un operador",
}


def choices(words: Mapping[enum.Enum, str]) -> list[tuple[str, str]]:
    """Model field choices: the enum's value stored, its words shown."""
    return [(member.value, text) for member, text in words.items()]


def failure_sentence(record: LookupRecord) -> str:
    kind = record.last_failure_kind
    return FAILURE_SENTENCES[kind] if kind else ""


def outcome_name(outcome: Outcome) -> str:
    """One attempt's outcome by name: the status an answer leads to, or the failure kind."""
    if isinstance(outcome, Found | NotFound | Cancelled):
        return status_of(outcome).value
    return outcome.kind.value


def status_json(record: LookupRecord) -> dict[str, Any]:
    """The public shape of GET /censo/estado.json; never evidence or failure internals."""
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


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
