"""Points of the 2023 geo-referenced list, joined to the list's places by name: a plain
decimal point inside Colombia (its islands included) reaches the one place it names;
thousands separators, a point outside Colombia and a name that fits several places are
refused, each with its line."""

from __future__ import annotations

import pytest

from cedula_domain import Coordinates, PlaceCode
from polling_places.rules.coordinates import COLOMBIA, GeoPoint, join_points, read_point
from polling_places.rules.place_row import PlaceRow
from polling_places.rules.refusal import Refusal, RefusalKind

MEDELLIN = ("ANTIOQUIA", "MEDELLIN", "SEC ESC LA ESPERANZA NO 2")
SAN_JOSE = ("BOGOTA D C", "BOGOTA D C", "SAN JOSE")
GUACHAL = ("NARINO", "TUMACO", "GUACHAL LAS BRISAS")


def place(names: tuple[str, str, str], pp: str = "01") -> PlaceRow:
    return PlaceRow(
        line=2,
        code=PlaceCode("01", "001", "01", pp),
        departamento=names[0],
        municipio=names[1],
        puesto=names[2],
        departamento_key=names[0],
        municipio_key=names[1],
        puesto_key=names[2],
    )


def point(
    line: int, names: tuple[str, str, str], lat: float = 6.29, lon: float = -75.54
) -> GeoPoint:
    return GeoPoint(line=line, names=names, coordinates=Coordinates(lat, lon))


def test_a_plain_decimal_point_in_colombia_is_read() -> None:
    assert read_point(2, MEDELLIN, " 6.29116 ", "-75.541166") == GeoPoint(
        line=2, names=MEDELLIN, coordinates=Coordinates(6.29116, -75.541166)
    )


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        ("10,965,899", "-74.825011"),  # line 1252: where was the decimal point?
        ("9.59212836407", "7,515,151,844.815785"),
        ("6196530000000000", "-71.75"),
        ("", "-74.1"),
        ("4,6", "-74,1"),
    ],
)
def test_a_coordinate_that_is_no_plain_decimal_number_is_refused(
    latitude: str, longitude: str
) -> None:
    assert read_point(1252, MEDELLIN, latitude, longitude) == Refusal(
        1252,
        RefusalKind.MALFORMED_POINT,
        f"coordenadas mal escritas: latitud «{latitude}», longitud «{longitude}»",
    )


def test_a_point_outside_colombia_is_refused() -> None:
    # Line 416, YERBAL (Betulia): a longitude of -795.98.
    assert read_point(416, MEDELLIN, "6.12408070335", "-795.98017415121") == Refusal(
        416,
        RefusalKind.OUTSIDE_COLOMBIA,
        "el punto (6.12408070335, -795.98017415121) queda fuera de Colombia",
    )


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        (12.563252, -81.715869),  # San Andrés, Instituto Bolivariano
        (13.36748, -81.37),  # Providencia
        (-4.219282, -69.94),  # Leticia
        (6.0, -67.06770248178),  # the Orinoco's bank
    ],
)
def test_the_islands_and_the_edges_are_colombia(latitude: float, longitude: float) -> None:
    assert COLOMBIA.holds(Coordinates(latitude, longitude))


@pytest.mark.parametrize(
    ("latitude", "longitude"), [(18.4, -66.1), (-12.0, -77.0), (4.6, -60.0), (4.6, -90.0)]
)
def test_points_beyond_each_edge_are_not_colombia(latitude: float, longitude: float) -> None:
    assert not COLOMBIA.holds(Coordinates(latitude, longitude))


def test_each_place_gets_the_one_point_that_names_it() -> None:
    esperanza, elsewhere = place(MEDELLIN), place(("ANTIOQUIA", "MEDELLIN", "OTRO"), pp="02")
    joined = join_points([esperanza, elsewhere], [point(2, MEDELLIN), point(9, ("X", "Y", "Z"))])
    assert joined.places[0].coordinates == Coordinates(6.29, -75.54)
    assert joined.places[1] == elsewhere
    assert (joined.located, joined.unused, joined.refusals) == (1, 1, [])


def test_a_name_with_several_points_gives_none_and_refuses_each() -> None:
    # Bogotá's SAN JOSE has two points in 2023 (Fontibón and Rafael Uribe Uribe).
    joined = join_points([place(SAN_JOSE)], [point(5985, SAN_JOSE), point(5617, SAN_JOSE)])
    assert joined.places[0].coordinates is None
    reason = "«SAN JOSE» (BOGOTA D C) tiene 2 puntos: líneas 5985, 5617"
    assert joined.refusals == [
        Refusal(5617, RefusalKind.AMBIGUOUS, reason),
        Refusal(5985, RefusalKind.AMBIGUOUS, reason),
    ]
    assert (joined.located, joined.unused) == (0, 0)


def test_a_point_whose_name_fits_several_places_gives_it_to_none() -> None:
    twins = [place(GUACHAL, pp="44"), place(GUACHAL, pp="W9")]
    joined = join_points(twins, [point(7926, GUACHAL, 2.4, -78.6)])
    assert [twin.coordinates for twin in joined.places] == [None, None]
    assert joined.refusals == [
        Refusal(
            7926, RefusalKind.AMBIGUOUS, "la lista tiene 2 puestos «GUACHAL LAS BRISAS» (TUMACO)"
        )
    ]
