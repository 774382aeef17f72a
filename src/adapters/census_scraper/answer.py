"""Reading what the census answered into a domain outcome: pure functions, no browser.

Two shapes every portal's reader builds on: consultacenso's JSON (``POST
/back/api/consulta``, keys in any case), and a results table rendered as HTML (wsp's, inside
its JSON, and the fallback when no JSON comes). Text is stripped and spaces collapsed;
``mesa`` may come as text or number. A valid cédula whose holder may not vote is told from
a cancelled one here (``barred``), in one place for every portal.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from cedula_domain.cancellation import Cancellation
from cedula_domain.outcomes import (
    Blocked,
    BlockKind,
    Cancelled,
    Found,
    NotEnabled,
    NotFound,
    Outcome,
    PageChanged,
    Unavailable,
)
from cedula_domain.voting_place import Coordinates, VotingPlace

_SPACES = re.compile(r"\s+")
_RESOLUTION = re.compile(r"resoluci[oó]n\s*(?:n[o°º.]*\s*)?:?\s*([0-9][\w/-]*)", re.IGNORECASE)
_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4})\b")
_NOT_IN_CENSUS = re.compile(r"[^.\n]*no se encuentra[^.\n]*\.?", re.IGNORECASE)
# Valid ("vigente") but without political rights, or "no se encuentra habilitado para votar":
# the person cannot vote, yet the cédula is not cancelled. Matched on ``plain`` text.
_BARRED = re.compile(
    r"vigente con (?:perdida|suspension)|no (?:se encuentra|esta) habilitad[oa] para votar"
)
_BARRED_SENTENCE = re.compile(r"[^.\n]*habilitad[oa] para votar[^.\n]*\.?", re.IGNORECASE)

# Fields of ``data`` in a found answer, by the domain's name. ``direccion`` may be blank
# (rural polling stations without a street address); the others may not.
_PLACE_FIELDS = {
    "departamento": "nom_depto",
    "municipio": "nom_mun",
    "puesto": "nom_puesto",
    "direccion": "direccion",
    "mesa": "mesa",
}
_MAY_BE_BLANK = frozenset({"direccion"})


def clean(value: object) -> str:
    """Text as people should read it: no stray or repeated spaces; None is empty."""
    if value is None:
        return ""
    return _SPACES.sub(" ", str(value)).strip()


def mesa_text(value: object) -> str:
    """The table number as text, whether it came as 12, 12.0, "12", " 012 "."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean(value)
    return (text.lstrip("0") or "0") if text.isdigit() else text


def plain(text: str) -> str:
    """Text compared the way a person reads it: no accents, no case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", clean(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def barred(text: str) -> bool:
    """Whether the census words say the cédula is valid but its holder may not vote."""
    return _BARRED.search(plain(text)) is not None


def novelty(
    reason: str, *, details: str = "", resolucion: str = "", fecha: str = "", raw: str = ""
) -> Outcome:
    """A "novedad": a cancellation, or a valid cédula whose holder may not vote."""
    resolution = _RESOLUTION.search(details)
    date = _DATE.search(details)
    resolucion = resolucion or (resolution[1] if resolution else "")
    fecha = fecha or (date[1] if date else "")
    if barred(f"{reason} {details}"):
        return NotEnabled(reason=reason, resolucion=resolucion, fecha=fecha, evidence=raw)
    return Cancelled(
        cancellation=Cancellation(novedad=reason, resolucion=resolucion, fecha=fecha),
        evidence=raw,
    )


def lower_keys(value: object) -> object:
    """A JSON object with its keys in lower case, at every depth (the census's key case
    varies: ``nom_depto`` or ``NOM_DEPTO``)."""
    if isinstance(value, Mapping):
        return {str(key).lower(): lower_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [lower_keys(item) for item in value]
    return value


def _is_true(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def outcome_from_answer(answer: object, raw: str = "") -> Outcome:
    """The outcome a consulta JSON answer stands for; ``raw`` is kept as evidence."""
    answer = lower_keys(answer)
    if not isinstance(answer, Mapping) or "ok" not in answer:
        return PageChanged(missing='"ok" en la respuesta de la consulta', evidence=raw)
    if not _is_true(answer["ok"]):
        return refusal(clean(answer.get("error") or answer.get("mensaje")), raw)
    if _is_true(answer.get("encontrado")):
        return _found(answer, raw)
    if answer.get("novedad"):
        return _cancelled(answer, raw)
    if "encontrado" in answer:
        return NotFound(message=clean(answer.get("mensaje")), evidence=raw)
    return PageChanged(missing='"encontrado" en la respuesta de la consulta', evidence=raw)


def refusal(message: str, raw: str) -> Outcome:
    """The site said no without an answer: for a CAPTCHA it wants (we never solve one), or
    a fault of its own backend (a transient failure, retried; never a changed page)."""
    if "captcha" in message.lower() or "robot" in message.lower():
        return Blocked(block=BlockKind.CAPTCHA, evidence=raw)
    return Unavailable(
        reason=f"el sitio del censo rechazó la consulta: {message or 'no dijo por qué'}",
        evidence=raw,
    )


def _found(answer: Mapping[str, Any], raw: str) -> Outcome:
    data = answer.get("data")
    if not isinstance(data, Mapping):
        return PageChanged(missing='"data" en una respuesta de cédula encontrada', evidence=raw)
    values = {
        name: mesa_text(data.get(key)) if name == "mesa" else clean(data.get(key))
        for name, key in _PLACE_FIELDS.items()
    }
    missing = [
        f"data.{key}"
        for name, key in _PLACE_FIELDS.items()
        if data.get(key) is None or (not values[name] and name not in _MAY_BE_BLANK)
    ]
    if missing:
        return PageChanged(missing=", ".join(missing), evidence=raw)
    place = VotingPlace(
        **values,
        coddivipol=clean(data.get("coddivipol")),
        coordinates=_coordinates(answer.get("mapa")),
    )
    return Found(place=place, evidence=raw)


def _coordinates(mapa: object) -> Coordinates | None:
    # The map is a nice-to-have: a missing or odd one never spoils a found answer.
    if not isinstance(mapa, Mapping):
        return None
    try:
        latitude, longitude = float(mapa["lat"]), float(mapa["lng"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return Coordinates(latitude, longitude)


def _cancelled(answer: Mapping[str, Any], raw: str) -> Outcome:
    novedad = answer.get("novedad")
    # The reason is kept as the census words it: ``mensaje`` (or a textual ``novedad``).
    reason = clean(novedad) if isinstance(novedad, str) and not _is_true(novedad) else ""
    reason = reason or clean(answer.get("mensaje")) or clean(answer.get("descripcion"))
    if not reason:
        return PageChanged(missing='"mensaje" (el motivo) de una novedad', evidence=raw)
    return novelty(
        reason,
        details=" ".join(clean(answer.get(key)) for key in ("descripcion", "mensaje")),
        resolucion=clean(answer.get("resolucion")),
        fecha=clean(answer.get("fecha_novedad") or answer.get("fecha")),
        raw=raw,
    )


def _header(text: str) -> str:
    """ "Dirección " -> "DIRECCION": headers compared without accents, case or spaces."""
    return plain(text).upper()


def outcome_from_table(
    headers: Sequence[str], cells: Sequence[str], text: str = "", raw: str = ""
) -> Outcome:
    """The outcome of a rendered results table (first row) or of the page's message.

    Columns as on the legacy portal: NUIP | DEPARTAMENTO | MUNICIPIO | PUESTO | DIRECCIÓN |
    MESA, or NUIP | NOVEDAD | RESOLUCIÓN | FECHA NOVEDAD for a cancelled document.
    """
    row = {_header(h): clean(c) for h, c in zip(headers, cells, strict=False)}
    if {"DEPARTAMENTO", "MUNICIPIO", "PUESTO", "MESA"} <= row.keys():
        place = VotingPlace(
            departamento=row["DEPARTAMENTO"],
            municipio=row["MUNICIPIO"],
            puesto=row["PUESTO"],
            direccion=row.get("DIRECCION", ""),
            mesa=mesa_text(row["MESA"]),
        )
        return Found(place=place, evidence=raw)
    if row.get("NOVEDAD"):
        return novelty(
            row["NOVEDAD"],
            details=text,
            resolucion=row.get("RESOLUCION", ""),
            fecha=row.get("FECHA NOVEDAD", row.get("FECHA", "")),
            raw=raw,
        )
    if barred(text) and (sentence := _BARRED_SENTENCE.search(text)):
        return NotEnabled(reason=clean(sentence[0]), evidence=raw)
    message = _NOT_IN_CENSUS.search(text)
    if message and "censo" in message[0].lower():
        return NotFound(message=clean(message[0]), evidence=raw)
    return PageChanged(
        missing="una tabla de resultados (DEPARTAMENTO, MUNICIPIO, PUESTO, MESA) o un "
        "mensaje de que la cédula no está en el censo",
        evidence=raw,
    )
