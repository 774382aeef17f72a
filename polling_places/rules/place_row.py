"""One row of a DIVIPOLE list, checked: a polling place ready to load, or why it is not.

Codes are the Registraduría's, kept as text: ``dd`` departamento (2 digits), ``mm``
municipio (3), ``zz`` zona (2), ``pp`` puesto (2 characters, 187 of the 2026 puestos use a
letter, e.g. ``A1``). A code is refused, never repaired: a file that lost its leading zeros
(a spreadsheet's doing) is a file to convert again, not to guess from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from attrs import frozen

from cedula_domain import Coordinates, PlaceCode
from cedula_domain.place_names import name_key
from polling_places.rules.refusal import Refusal, RefusalKind

_CODE_SHAPES = (
    ("dd", re.compile(r"[0-9]{2}"), "el código de departamento", "2 dígitos"),
    ("mm", re.compile(r"[0-9]{3}"), "el código de municipio", "3 dígitos"),
    ("zz", re.compile(r"[0-9]{2}"), "la zona", "2 dígitos"),
    ("pp", re.compile(r"[0-9A-Z]{2}"), "el código de puesto", "2 caracteres (dígitos o letras)"),
)
_NAMES = (
    ("departamento", "el nombre del departamento"),
    ("municipio", "el nombre del municipio"),
    ("puesto", "el nombre del puesto"),
)
_FIELDS = (
    *(field for field, *_ in _CODE_SHAPES),
    *(field for field, _ in _NAMES),
    "comuna",
    "direccion",
)
# The comuna comes with the Registraduría's 2-digit code glued in front of its name
# ("01COMUNA 1 POPULAR", "10 CORREGIMIENTO CASCAJAL"): people know the name, not the code.
_COMUNA_CODE = re.compile(r"^[0-9]{2}\s*(?=\S)")


@frozen(kw_only=True)
class PlaceRow:
    """A polling place as a list gives it, with the keys the matching rule compares."""

    line: int
    code: PlaceCode
    departamento: str
    municipio: str
    puesto: str
    comuna: str = ""
    direccion: str = ""
    departamento_key: str
    municipio_key: str
    puesto_key: str
    coordinates: Coordinates | None = None

    @property
    def names(self) -> tuple[str, str, str]:
        """What a list of other provenance (the geo-referenced one) knows the place by."""
        return (self.departamento_key, self.municipio_key, self.puesto_key)


def check_row(line: int, cells: Mapping[str, str]) -> PlaceRow | Refusal:
    """``cells`` by our field names (``dd`` … ``direccion``); blank or missing ones are "".
    Spaces around a value (the list has no-break ones) are not part of it."""
    value = {field: cells.get(field, "").strip() for field in _FIELDS}
    for field, shape, what, expected in _CODE_SHAPES:
        if not shape.fullmatch(value[field]):
            return Refusal(line, RefusalKind.CODE, f"{what} «{value[field]}» debe tener {expected}")
    for field, what in _NAMES:
        if not value[field]:
            return Refusal(line, RefusalKind.NAME, f"falta {what}")
    return PlaceRow(
        line=line,
        code=PlaceCode(value["dd"], value["mm"], value["zz"], value["pp"]),
        departamento=value["departamento"],
        municipio=value["municipio"],
        puesto=value["puesto"],
        comuna=_COMUNA_CODE.sub("", value["comuna"]),
        direccion=value["direccion"],
        departamento_key=name_key(value["departamento"]),
        municipio_key=name_key(value["municipio"]),
        puesto_key=name_key(value["puesto"]),
    )


def without_repeated_codes(rows: Iterable[PlaceRow]) -> tuple[list[PlaceRow], list[Refusal]]:
    """The first row of each code; every later one is refused, naming the first's line."""
    first_line: dict[PlaceCode, int] = {}
    kept: list[PlaceRow] = []
    refused: list[Refusal] = []
    for row in rows:
        if row.code in first_line:
            reason = f"el código {row.code} ya está en la línea {first_line[row.code]}"
            refused.append(Refusal(row.line, RefusalKind.DUPLICATE, reason))
        else:
            first_line[row.code] = row.line
            kept.append(row)
    return kept, refused
