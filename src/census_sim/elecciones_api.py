"""eleccionescolombia's API (``POST /api/v1/citizen/get-information``), on another origin.

Shapes from census-site.md: found is HTTP 200 with ``data.polling_place`` and
``is_in_census: true``; not in the census is **HTTP 404** ``status_code: 13`` (an answer,
not an outage); cancelled or not enabled is ``is_in_census: false`` with a ``novelty`` list.
The reCAPTCHA token comes as ``Authorization: Bearer``, single use: in CAPTCHA modes a
missing or reused token gets 403.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime
from typing import Any

from census_sim.census import NOT_ENABLED_SENTENCE, Entry, Standing
from census_sim.replies import Reply, json_reply

NOT_IN_CENSUS_CODE = 13
NOT_IN_CENSUS = "El documento consultado no se encuentra en el censo electoral."
FORBIDDEN = {"status": False, "status_code": 403, "message": "Forbidden"}
# The reload mode's answer (no reload is documented for this site; see elecciones.py).
SESSION_EXPIRED = {"status": False, "status_code": 401, "message": "Unauthorized"}
BACKEND_FAILURE = {
    "status": False,
    "status_code": 504,
    "message": "ocurrió un error al procesar su solicitud",
}
INVALID_DOCUMENT = {
    "status": False,
    "status_code": 10,
    "message": "El número de identificación no es válido.",
}
MAX_SPENT_TOKENS = 10_000


def _iso_date(day_month_year: str) -> str:
    try:
        return datetime.strptime(day_month_year, "%d/%m/%Y").date().isoformat()
    except ValueError:
        return ""


def _novelty(entry: Entry) -> list[dict[str, str]]:
    resolution, date = entry.resolution_and_date
    if entry.standing is Standing.NOT_ENABLED and not entry.record.get("novedad"):
        name, line = "NO HABILITADO", f"El ciudadano {NOT_ENABLED_SENTENCE}."
    elif entry.standing is Standing.NOT_ENABLED:
        name, line = entry.reason, f"El ciudadano {NOT_ENABLED_SENTENCE}."
    else:
        name, line = entry.reason, "Documento cancelado en el Archivo Nacional de Identificación."
    return [
        {
            "name": name,
            "description_line_1": line,
            "resolution": resolution,
            "date": _iso_date(date),
        }
    ]


def answer(entry: Entry) -> Reply:
    if entry.standing is Standing.NOT_IN_CENSUS:
        body = {"status": False, "status_code": NOT_IN_CENSUS_CODE, "message": NOT_IN_CENSUS}
        return json_reply(body, 404)
    data: dict[str, Any]
    if entry.standing is Standing.FOUND:
        record = entry.record["data"]
        puesto = str(record["nom_puesto"]).strip()
        data = {
            "polling_place": {
                "stand": f"{entry.stand_code} - {puesto}",
                "stand_code": entry.stand_code,
                "table": int(str(record["mesa"]).strip()),
                "place_address": {
                    "state": entry.state,
                    "town": str(record["nom_mun"]).strip(),
                    "address": str(record["direccion"]).strip(),
                    "zone": entry.zone,
                },
            },
            "is_in_census": True,
            "novelty": [],
        }
    else:
        data = {"polling_place": None, "is_in_census": False, "novelty": _novelty(entry)}
    return json_reply({"status": True, "status_code": 0, "data": data})


class SpentTokens:
    """Bearer tokens already used: a reCAPTCHA token is good for one call."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._spent: OrderedDict[str, None] = OrderedDict()

    def spend(self, token: str) -> bool:
        """True the first time ``token`` is spent, False on reuse."""
        with self._lock:
            if token in self._spent:
                return False
            self._spent[token] = None
            while len(self._spent) > MAX_SPENT_TOKENS:
                self._spent.popitem(last=False)
            return True

    def clear(self) -> None:
        with self._lock:
            self._spent.clear()


def bearer_token(authorization: str) -> str:
    scheme, _, token = authorization.strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def cors_headers(origin: str) -> tuple[tuple[str, str], ...]:
    """What lets the page on the other origin read the answer (and send its headers)."""
    return (
        ("Access-Control-Allow-Origin", origin or "*"),
        ("Access-Control-Allow-Methods", "POST, OPTIONS"),
        ("Access-Control-Allow-Headers", "Authorization, Content-Type"),
        ("Access-Control-Max-Age", "600"),
        ("Vary", "Origin"),
    )
