"""Writing an official list of polling places. The loader is the list's only writer.

A list is named by its election: loading a file for an election that has a list brings
that list to what the file says (same rows, same ids: places are upserted by their code,
and the places the file no longer has are removed); a new election gets a new list beside
the others. All of it in one transaction, so a load that fails leaves the list as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from attrs import frozen
from django.db import connection, transaction

from polling_places.divipole import ListReading, PointsReading, read_list, read_points
from polling_places.models import PollingPlace, PollingPlaceList
from polling_places.rules.coordinates import Joined
from polling_places.rules.place_row import PlaceRow
from polling_places.rules.refusal import Refusal
from polling_places.shipped import shipped_list

# What a place holds beyond its code, compared to tell a changed place from an unchanged one.
_VALUES = (
    "departamento",
    "municipio",
    "puesto",
    "comuna",
    "direccion",
    "latitud",
    "longitud",
    "departamento_key",
    "municipio_key",
    "puesto_key",
)
_CODE = ("dd", "mm", "zz", "pp")
# Places removed per query (a database limits the parameters of one).
_BATCH = 1000


class EmptyList(Exception):
    """A list without places would remove every place of the election: never loaded."""


@frozen(kw_only=True)
class LoadReport:
    election: str
    created: bool
    added: int
    updated: int
    unchanged: int
    removed: int
    # Its name, publication date or source changed.
    relabelled: bool
    located: int

    @property
    def places(self) -> int:
        return self.added + self.updated + self.unchanged

    @property
    def changed(self) -> bool:
        return bool(self.created or self.relabelled or self.added or self.updated or self.removed)


@frozen(kw_only=True)
class FileLoad:
    """A load from files: what each file gave, what the join found, what was written."""

    reading: ListReading
    points: PointsReading | None
    joined: Joined | None
    report: LoadReport

    @property
    def point_refusals(self) -> list[Refusal]:
        if self.points is None or self.joined is None:
            return []
        return sorted(self.points.refusals + self.joined.refusals, key=lambda r: r.line)


def load_files(
    *,
    election: str,
    name: str,
    published_on: date,
    source: str,
    list_file: Path,
    coordinates_file: Path | None = None,
) -> FileLoad:
    """Read both files (``DivipoleFileError`` before anything is written), give each
    place the point that names it, and load the list."""
    reading = read_list(list_file)
    points = read_points(coordinates_file) if coordinates_file is not None else None
    joined = points.join(reading.places) if points is not None else None
    report = load_list(
        election=election,
        name=name,
        published_on=published_on,
        source=source,
        places=reading.places if joined is None else joined.places,
    )
    return FileLoad(reading=reading, points=points, joined=joined, report=report)


def load_shipped_list() -> FileLoad:
    """The list the project ships (``polling_places/data``), with its coordinates."""
    shipped = shipped_list()
    return load_files(
        election=shipped.election,
        name=shipped.name,
        published_on=shipped.published_on,
        source=shipped.source,
        list_file=shipped.list_file,
        coordinates_file=shipped.coordinates_file,
    )


def load_list(
    *,
    election: str,
    name: str,
    published_on: date,
    source: str,
    places: Sequence[PlaceRow],
) -> LoadReport:
    """Make the election's list hold exactly ``places`` (their codes must differ), and
    write only what differs from what it holds."""
    if not places:
        raise EmptyList(f"La lista de {election} no tiene ningún puesto: no se cargó.")
    rows = {_code(place): _values(place) for place in places}
    if len(rows) != len(places):
        raise ValueError("Two places share a code: the reader refuses repeated codes first.")
    label = {"name": name, "published_on": published_on, "source": source}
    with transaction.atomic():
        place_list, created = PollingPlaceList.objects.select_for_update().get_or_create(
            election=election, defaults=label
        )
        relabelled = not created and any(
            getattr(place_list, field) != value for field, value in label.items()
        )
        # What the list holds: each code's id and values.
        stored = {
            tuple(row[1:5]): (row[0], tuple(row[5:]))
            for row in PollingPlace.objects.filter(list=place_list).values_list(
                "id", *_CODE, *_VALUES
            )
        }
        writes = [
            (place_list.pk, *code, *values)
            for code, values in rows.items()
            if code not in stored or stored[code][1] != values
        ]
        _upsert(writes)
        gone = [place_id for code, (place_id, _) in stored.items() if code not in rows]
        for start in range(0, len(gone), _BATCH):
            PollingPlace.objects.filter(id__in=gone[start : start + _BATCH]).delete()
        if relabelled or writes or gone:
            for field, value in label.items():
                setattr(place_list, field, value)
            place_list.save()  # and its loaded_at says when the list last changed
    added = sum(1 for code in rows if code not in stored)
    return LoadReport(
        election=election,
        created=created,
        added=added,
        updated=len(writes) - added,
        unchanged=len(rows) - len(writes),
        removed=len(gone),
        relabelled=relabelled,
        located=sum(1 for place in places if place.coordinates is not None),
    )


def _upsert(rows: list[tuple[object, ...]]) -> None:
    """Insert each row, or update the place of its code. One statement run over all rows:
    measured on the 13,759 places, ``bulk_create(update_conflicts=True)`` spent 1.5 s
    building models and SQL in Python, this 0.2 s; and every test that asks for the
    list pays it. ``ON CONFLICT … DO UPDATE`` is SQLite's and PostgreSQL's alike."""
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = [quote(PollingPlace._meta.get_field(name).column) for name in ("list", *_CODE)]
    values = [quote(PollingPlace._meta.get_field(name).column) for name in _VALUES]
    sql = (
        f"INSERT INTO {quote(PollingPlace._meta.db_table)} ({', '.join(columns + values)}) "
        f"VALUES ({', '.join(['%s'] * (len(columns) + len(values)))}) "
        f"ON CONFLICT ({', '.join(columns)}) DO UPDATE SET "
        + ", ".join(f"{column} = excluded.{column}" for column in values)
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _code(place: PlaceRow) -> tuple[str, ...]:
    return (place.code.dd, place.code.mm, place.code.zz, place.code.pp)


def _values(place: PlaceRow) -> tuple[object, ...]:
    point = place.coordinates
    return (
        place.departamento,
        place.municipio,
        place.puesto,
        place.comuna,
        place.direccion,
        None if point is None else point.latitude,
        None if point is None else point.longitude,
        place.departamento_key,
        place.municipio_key,
        place.puesto_key,
    )
