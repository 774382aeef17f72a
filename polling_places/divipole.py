"""Reading DIVIPOLE files: the Registraduría's list of polling places, and a geo-referenced
list that gives their coordinates.

Each election's file names its columns its own way, so the columns are data:
``LIST_LAYOUTS`` (and ``COORDINATE_LAYOUTS``) know each file by its header, and a future
file with renamed columns is one more entry there, read by the same code. The checks of
each row are the rules' (``rules/``); here a file is opened (plain or gzip, UTF-8 or
Windows-1252, comma or semicolon) and its rows handed over with their line numbers. No
Django: the command and the tests call it alike.
"""

from __future__ import annotations

import csv
import gzip
import io
import zlib
from collections.abc import Mapping
from pathlib import Path

from attrs import frozen

from cedula_domain.place_names import name_key
from polling_places.rules.coordinates import GeoPoint, Joined, join_points, read_point
from polling_places.rules.place_row import PlaceRow, check_row, without_repeated_codes
from polling_places.rules.refusal import Refusal


@frozen
class Layout:
    """A kind of file: what it is, and which of its columns holds each of our fields."""

    name: str
    columns: Mapping[str, str]

    def fits(self, header: list[str]) -> bool:
        present = {_heading(cell) for cell in header}
        return all(_heading(column) in present for column in self.columns.values())


# The lists of polling places. Our fields: dd, mm, zz, pp, departamento, municipio, puesto,
# comuna, direccion.
LIST_LAYOUTS = (
    Layout(
        "DIVIPOLE Congreso 2026, potencial electoral etario (Registraduría, 12-12-2025)",
        {
            "dd": "dd",
            "mm": "mm",
            "zz": "zz",
            "pp": "pp",
            "departamento": "departamento",
            "municipio": "municipio",
            "puesto": "puesto",
            "comuna": "comuna",
            "direccion": "dirección",
        },
    ),
)
# The geo-referenced lists. Our fields: departamento, municipio, puesto, latitud, longitud.
COORDINATE_LAYOUTS = (
    Layout(
        "DIVIPOLE territoriales 2023 georreferenciada (datos.gov.co mv2e-prx5)",
        {
            "departamento": "DEPARTAMENTO",
            "municipio": "MUNICIPIO",
            "puesto": "PUESTO",
            "latitud": "LATITUD",
            "longitud": "LONGITUD",
        },
    ),
)


# What separates cells: a spreadsheet saved in Spanish uses semicolons.
_DELIMITERS = (",", ";", "\t")


class DivipoleFileError(Exception):
    """A file that cannot be read as any known DIVIPOLE file; the message says why."""


@frozen(kw_only=True)
class ListReading:
    layout: Layout
    rows: int
    places: list[PlaceRow]
    refusals: list[Refusal]


@frozen(kw_only=True)
class PointsReading:
    layout: Layout
    rows: int
    points: list[GeoPoint]
    refusals: list[Refusal]

    def join(self, places: list[PlaceRow]) -> Joined:
        return join_points(places, self.points)


def read_list(path: Path) -> ListReading:
    layout, rows = _rows(path, LIST_LAYOUTS, "lista de puestos")
    checked = [check_row(line, cells) for line, cells in rows]
    places, repeated = without_repeated_codes(row for row in checked if isinstance(row, PlaceRow))
    refusals = [row for row in checked if isinstance(row, Refusal)] + repeated
    refusals.sort(key=lambda refusal: refusal.line)
    return ListReading(layout=layout, rows=len(checked), places=places, refusals=refusals)


def read_points(path: Path) -> PointsReading:
    layout, rows = _rows(path, COORDINATE_LAYOUTS, "lista georreferenciada")
    read = [
        read_point(
            line,
            (
                name_key(cells["departamento"]),
                name_key(cells["municipio"]),
                name_key(cells["puesto"]),
            ),
            cells["latitud"],
            cells["longitud"],
        )
        for line, cells in rows
    ]
    return PointsReading(
        layout=layout,
        rows=len(read),
        points=[point for point in read if isinstance(point, GeoPoint)],
        refusals=[point for point in read if isinstance(point, Refusal)],
    )


def _rows(
    path: Path, layouts: tuple[Layout, ...], kind: str
) -> tuple[Layout, list[tuple[int, dict[str, str]]]]:
    """The layout the header names, and each row's cells by our field names (blank when a
    row is short), with its line number."""
    text = _text(path)
    first_line = text.partition("\n")[0]
    delimiter = max(_DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
        layout = next((layout for layout in layouts if layout.fits(header)), None)
        if layout is None:
            raise DivipoleFileError(
                f"{path.name}: no es una {kind} conocida. Su encabezado es {header[:12]}; "
                f"se conocen: {'; '.join(known.name for known in layouts)}. "
                "Para un formato nuevo, agrega su entrada en polling_places/divipole.py."
            )
        at = {_heading(cell): index for index, cell in enumerate(header)}
        index = {field: at[_heading(column)] for field, column in layout.columns.items()}
        # line_num counts the lines read so far, so a quoted line break keeps numbers true.
        rows = [
            (reader.line_num, {field: row[i] if i < len(row) else "" for field, i in index.items()})
            for row in reader
        ]
    except csv.Error as error:
        raise DivipoleFileError(f"{path.name}: no se pudo leer como CSV ({error}).") from error
    return layout, rows


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as error:
        raise DivipoleFileError(f"{path}: no se pudo leer el archivo ({error}).") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Files saved from Excel on Windows.
        return data.decode("cp1252", errors="replace")


def _heading(cell: str) -> str:
    return cell.strip().casefold()
