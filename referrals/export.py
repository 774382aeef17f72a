"""A referrer's people as a spreadsheet for Excel: the page's rows (everyone, not one
page), cédula masked, the lookup's result, who gave it and the voting place only with
consent (referrals.roster). The place is the official one its answer matched, with its
code, so that a pivot by puesto counts one place once; an answer that matched none keeps
its text and reads "sin verificar" for a code."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from django.utils import timezone

from census.presenter import SOURCE_WORDS, seen_status_words
from referrals.roster import ReferredPerson

NOT_SHARED = "no compartido"
NOT_VERIFIED = "sin verificar"
HEADER = (
    "Nombre",
    "Cédula",
    "Fecha de registro",
    "Estado de la consulta",
    "Origen del dato",
    "Departamento",
    "Municipio",
    "Puesto",
    "Código del puesto",
    "Mesa",
)
# Excel with Colombian regional settings separates a list with ";" (the decimal mark is
# the comma) and reads UTF-8 only after a byte-order mark.
DELIMITER = ";"
BOM = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet (Excel, LibreOffice,
# Google Sheets); names are typed by the people themselves, places come from a foreign site.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_roster(out: IO[str], people: Iterable[ReferredPerson]) -> None:
    """Every field quoted, so that no separator inside a cell starts a new one: "x,=1+2,y"
    stays one cell even where the list separator is the comma, and "a\n=1+2" one cell
    whose line break is text (Excel and LibreOffice read a quoted field whole, separators,
    quotes doubled and line breaks included). A formula can then only start a cell, and
    ``_cell`` neutralises that start."""
    out.write(BOM)
    writer = csv.writer(out, delimiter=DELIMITER, quoting=csv.QUOTE_ALL)
    writer.writerow(HEADER)
    for person in people:
        writer.writerow([_cell(value) for value in _row(person)])


def _row(person: ReferredPerson) -> list[str]:
    place, puesto = person.voting_place, person.puesto
    missing = NOT_SHARED if not person.shares_place else ""
    if place is not None and puesto is not None:
        code = str(puesto.code) if puesto.code is not None else NOT_VERIFIED
        where = [puesto.departamento, puesto.municipio, puesto.puesto, code, place.mesa]
    else:
        where = [missing] * 5
    return [
        person.name,
        person.cedula,
        timezone.localtime(person.registered_at).strftime("%Y-%m-%d %H:%M"),
        seen_status_words(person.status),
        SOURCE_WORDS[person.source] if person.source else missing,
        *where,
    ]


def _cell(value: str) -> str:
    """The value as text to a spreadsheet: a leading apostrophe, which Excel reads as "this
    is text" and does not show, before a formula's start. Leading blanks too, as an import
    that trims them (LibreOffice's "Trim spaces") would bring the formula to the front."""
    if value.startswith(_FORMULA_STARTS):
        return "'" + value
    if value[:1].isspace() and value.lstrip().startswith(_FORMULA_STARTS):
        return "'" + value
    return value
