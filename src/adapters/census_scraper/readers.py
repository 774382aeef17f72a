"""Each portal's answer, read into an outcome: the readers a profile names by key.

A reader takes the HTTP status, the parsed JSON and the raw body (kept as evidence). What
every answer has in common (a found place, a novedad, a refusal) is built in ``answer``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from adapters.census_scraper.answer import (
    clean,
    lower_keys,
    mesa_text,
    novelty,
    outcome_from_answer,
    outcome_from_table,
    refusal,
)
from adapters.census_scraper.html_table import HtmlTable
from adapters.census_scraper.verdict import Reader
from cedula_domain.outcomes import Found, NotFound, Outcome, PageChanged, Unavailable
from cedula_domain.voting_place import VotingPlace

# eleccionescolombia's "not in the census": HTTP 404 with this ``status_code`` is an answer.
NOT_IN_CENSUS_CODE = 13
# "02 - IE SAN JOSE C I P": the puesto's code before its name.
_STAND_CODE = re.compile(r"^\s*[0-9A-Z]{1,3}\s+-\s+")


def read_consultacenso(status: int, data: object, raw: str) -> Outcome:
    """``{"ok", "encontrado", "data": {nom_depto…}, "novedad", "mensaje"}``, keys in any case."""
    return outcome_from_answer(data, raw)


def read_html_in_json(status: int, data: object, raw: str) -> Outcome:
    """wsp: ``{"success": true, "data": {"message": "<html>"}}`` whose HTML the page shows;
    ``{"success": false}`` (its own backend failed or refused) and ``{"reload": true}`` (the
    page reloads itself with a new token) are no answer, never a changed page."""
    answer = lower_keys(data)
    if not isinstance(answer, Mapping):
        return PageChanged(missing="un objeto JSON en la respuesta de la consulta", evidence=raw)
    if answer.get("reload") is True:
        return Unavailable(reason="el sitio recargó su página en vez de responder", evidence=raw)
    message = _message(answer)
    if answer.get("success") is False:
        return refusal(clean(message), raw)
    if answer.get("success") is not True or not isinstance(message, str):
        return PageChanged(
            missing='"success" y data.message en la respuesta de la consulta', evidence=raw
        )
    table = HtmlTable.read(message)
    return outcome_from_table(table.headers, table.cells, table.text, raw=raw)


def read_citizen_information(status: int, data: object, raw: str) -> Outcome:
    """eleccionescolombia's API: ``data.polling_place`` with ``is_in_census``, a ``novelty``
    list for a cancelled or barred cédula, and HTTP 404 ``status_code`` 13 for a document
    outside the census."""
    answer = lower_keys(data)
    if not isinstance(answer, Mapping):
        return PageChanged(missing="un objeto JSON en la respuesta de la API", evidence=raw)
    if status == 404 and answer.get("status_code") == NOT_IN_CENSUS_CODE:
        return NotFound(message=clean(answer.get("message")), evidence=raw)
    body = answer.get("data")
    if answer.get("status") is not True or not isinstance(body, Mapping):
        if answer.get("status") is False:
            return refusal(clean(answer.get("message")), raw)
        return PageChanged(missing='"status" y "data" en la respuesta de la API', evidence=raw)
    if body.get("is_in_census") is True:
        return _polling_place(body.get("polling_place"), raw)
    novelties = body.get("novelty")
    if isinstance(novelties, list) and novelties and isinstance(novelties[0], Mapping):
        first: Mapping[str, Any] = novelties[0]
        return novelty(
            clean(first.get("name")) or clean(first.get("description_line_1")),
            details=" ".join(clean(first.get(key)) for key in ("description_line_1", "name")),
            resolucion=clean(first.get("resolution")),
            fecha=clean(first.get("date")),
            raw=raw,
        )
    if body.get("is_in_census") is False:
        return NotFound(message=clean(answer.get("message")), evidence=raw)
    return PageChanged(missing='"is_in_census" en la respuesta de la API', evidence=raw)


def _message(answer: Mapping[str, Any]) -> object:
    data = answer.get("data")
    return data.get("message") if isinstance(data, Mapping) else answer.get("message")


def _polling_place(place: object, raw: str) -> Outcome:
    if not isinstance(place, Mapping):
        return PageChanged(
            missing="data.polling_place de alguien que está en el censo", evidence=raw
        )
    address = place.get("place_address")
    address = address if isinstance(address, Mapping) else {}
    values = {
        "departamento": clean(address.get("state")),
        "municipio": clean(address.get("town")),
        "puesto": _STAND_CODE.sub("", clean(place.get("stand"))),
        "mesa": mesa_text(place.get("table")),
    }
    if missing := [name for name, value in values.items() if not value]:
        return PageChanged(
            missing=f"{', '.join(missing)} en los datos del puesto de votación", evidence=raw
        )
    # The puesto's code within its municipio, and its zona: what names it in the list.
    codes = {"puesto_code": clean(place.get("stand_code")), "zona": clean(address.get("zone"))}
    direccion = clean(address.get("address"))
    return Found(place=VotingPlace(**values, **codes, direccion=direccion), evidence=raw)


READERS: dict[str, Reader] = {
    "consultacenso": read_consultacenso,
    "html_in_json": read_html_in_json,
    "citizen_information": read_citizen_information,
}
