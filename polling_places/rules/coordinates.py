"""Where a polling place is: points of a geo-referenced list, joined to a list's places.

The geo-referenced DIVIPOLE (2023) has no codes, so a point reaches a place by its names
(departamento, municipio, puesto, compared as ``name_key`` makes them). A point is refused
when it is not two plain decimal numbers (``10,965,899``: the separators hide where the
decimal point was, so nothing is guessed), when it falls outside Colombia, or when its
names fit more than one place on either side: a wrong map is worse than none.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import attrs
from attrs import frozen

from cedula_domain import Coordinates
from polling_places.rules.place_row import PlaceRow
from polling_places.rules.refusal import Refusal, RefusalKind

_DECIMAL = re.compile(r"-?[0-9]{1,3}(\.[0-9]+)?")


@frozen(kw_only=True)
class BoundingBox:
    south: float
    north: float
    west: float
    east: float

    def holds(self, point: Coordinates) -> bool:
        return (
            self.south <= point.latitude <= self.north and self.west <= point.longitude <= self.east
        )


# Leticia (-4.23) to Providencia (13.38), San Andrés (-81.73) to Guainía's Río Negro (-66.85),
# with a little room: the islands are Colombia too.
COLOMBIA = BoundingBox(south=-4.3, north=13.6, west=-82.0, east=-66.8)


@frozen(kw_only=True)
class GeoPoint:
    """A row of a geo-referenced list: a place's names and where it is."""

    line: int
    names: tuple[str, str, str]
    coordinates: Coordinates


def read_point(
    line: int, names: tuple[str, str, str], latitude: str, longitude: str
) -> GeoPoint | Refusal:
    latitude, longitude = latitude.strip(), longitude.strip()
    if not (_DECIMAL.fullmatch(latitude) and _DECIMAL.fullmatch(longitude)):
        reason = f"coordenadas mal escritas: latitud «{latitude}», longitud «{longitude}»"
        return Refusal(line, RefusalKind.MALFORMED_POINT, reason)
    point = Coordinates(float(latitude), float(longitude))
    if not COLOMBIA.holds(point):
        reason = f"el punto ({latitude}, {longitude}) queda fuera de Colombia"
        return Refusal(line, RefusalKind.OUTSIDE_COLOMBIA, reason)
    return GeoPoint(line=line, names=names, coordinates=point)


@frozen(kw_only=True)
class Joined:
    places: list[PlaceRow]
    refusals: list[Refusal]
    # Places that got a point, and points that named no place of the list.
    located: int
    unused: int


def join_points(places: Sequence[PlaceRow], points: Iterable[GeoPoint]) -> Joined:
    """The places, each with the one point that names it; points no place takes are
    unused (the list changed since), points that fit several are refused."""
    by_names: defaultdict[tuple[str, str, str], list[GeoPoint]] = defaultdict(list)
    for point in points:
        by_names[point.names].append(point)
    places_named = Counter(place.names for place in places)
    refusals: list[Refusal] = []
    for names, named in by_names.items():
        if len(named) > 1:
            lines = ", ".join(str(point.line) for point in named)
            reason = f"«{names[2]}» ({names[1]}) tiene {len(named)} puntos: líneas {lines}"
            refusals.extend(Refusal(point.line, RefusalKind.AMBIGUOUS, reason) for point in named)
        elif places_named[names] > 1:
            reason = f"la lista tiene {places_named[names]} puestos «{names[2]}» ({names[1]})"
            refusals.append(Refusal(named[0].line, RefusalKind.AMBIGUOUS, reason))
    joined: list[PlaceRow] = []
    for place in places:
        named = by_names.get(place.names, [])
        fits = len(named) == 1 and places_named[place.names] == 1
        joined.append(attrs.evolve(place, coordinates=named[0].coordinates) if fits else place)
    located = sum(1 for place in joined if place.coordinates is not None)
    unused = sum(
        1 for names, named in by_names.items() if len(named) == 1 and not places_named[names]
    )
    return Joined(
        places=joined, refusals=sorted(refusals, key=_by_line), located=located, unused=unused
    )


def _by_line(refusal: Refusal) -> int:
    return refusal.line
