"""A referrer's people as a spreadsheet for Excel: the page's rows, cédula masked, the
lookup's result and the voting place only with consent (referrals.roster)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from django.utils import timezone

from census.presenter import seen_status_words
from referrals.roster import ReferredPerson

NOT_SHARED = "no compartido"
HEADER = (
    "Nombre",
    "Cédula",
    "Fecha de registro",
    "Estado de la consulta",
    "Departamento",
    "Municipio",
    "Puesto",
    "Mesa",
)
# Excel with Colombian regional settings separates a list with ";" (the decimal mark is
# the comma) and reads UTF-8 only after a byte-order mark.
DELIMITER = ";"
BOM = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet; names are typed by
# the people themselves.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_roster(out: IO[str], people: Iterable[ReferredPerson]) -> None:
    out.write(BOM)
    writer = csv.writer(out, delimiter=DELIMITER)
    writer.writerow(HEADER)
    for person in people:
        writer.writerow([_cell(value) for value in _row(person)])


def _row(person: ReferredPerson) -> list[str]:
    place = person.voting_place
    if place is not None:
        where = [place.departamento, place.municipio, place.puesto, place.mesa]
    else:
        where = [NOT_SHARED if not person.shares_place else ""] * 4
    return [
        person.name,
        person.cedula,
        timezone.localtime(person.registered_at).strftime("%Y-%m-%d %H:%M"),
        seen_status_words(person.status),
        *where,
    ]


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value
