"""A row of the DIVIPOLE list, checked: real rows of the 2026 list load as given, a code of
the wrong shape or a missing name is refused with its line and a reason in Spanish, and a
repeated code is refused naming the line that gave it first."""

from __future__ import annotations

import pytest

from cedula_domain import PlaceCode
from polling_places.rules.place_row import PlaceRow, check_row, without_repeated_codes
from polling_places.rules.refusal import Refusal, RefusalKind

# Line 2 of the 2026 list, by our field names.
ESPERANZA = {
    "dd": "01",
    "mm": "001",
    "zz": "01",
    "pp": "01",
    "departamento": "ANTIOQUIA",
    "municipio": "MEDELLIN",
    "puesto": "SEC. ESC. LA ESPERANZA No 2",
    "comuna": "01COMUNA 1 POPULAR",
    "direccion": "KR 29 # 102 - 20",
}


def checked(line: int = 2, **changes: str) -> PlaceRow | Refusal:
    return check_row(line, {**ESPERANZA, **changes})


def test_a_row_of_the_list_is_a_place_with_its_code_names_and_keys() -> None:
    place = checked()
    assert isinstance(place, PlaceRow)
    assert place.code == PlaceCode("01", "001", "01", "01")
    assert (place.departamento, place.municipio, place.puesto) == (
        "ANTIOQUIA",
        "MEDELLIN",
        "SEC. ESC. LA ESPERANZA No 2",
    )
    assert place.direccion == "KR 29 # 102 - 20"
    assert place.names == ("ANTIOQUIA", "MEDELLIN", "SEC ESC LA ESPERANZA NO 2")
    assert place.coordinates is None


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("01COMUNA 1 POPULAR", "COMUNA 1 POPULAR"),
        ("18CORR.  SAN ANTONIO DE PRADO", "CORR.  SAN ANTONIO DE PRADO"),
        ("10 CORREGIMIENTO CASCAJAL", "CORREGIMIENTO CASCAJAL"),
        ("", ""),
    ],
)
def test_the_comuna_is_shown_without_the_code_the_list_glues_before_it(
    given: str, shown: str
) -> None:
    place = checked(comuna=given)
    assert isinstance(place, PlaceRow)
    assert place.comuna == shown


def test_spaces_around_a_value_are_not_part_of_it() -> None:
    # Eight 2026 puestos end in no-break spaces ("I.E MARIA AUXILIADORA\xa0\xa0\xa0\xa0").
    place = checked(puesto="I.E MARIA AUXILIADORA\xa0\xa0\xa0\xa0", dd=" 01 ")
    assert isinstance(place, PlaceRow)
    assert place.puesto == "I.E MARIA AUXILIADORA"
    assert place.code.dd == "01"


def test_a_puesto_code_may_hold_a_letter() -> None:
    place = checked(zz="99", pp="A1")
    assert isinstance(place, PlaceRow)
    assert str(place.code) == "01-001-99-A1"


def test_a_row_without_comuna_or_address_is_a_place_still() -> None:
    given = {key: value for key, value in ESPERANZA.items() if key not in ("comuna", "direccion")}
    place = check_row(7, given)
    assert isinstance(place, PlaceRow)
    assert (place.comuna, place.direccion) == ("", "")


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"dd": "1"}, "el código de departamento «1» debe tener 2 dígitos"),
        ({"mm": "1"}, "el código de municipio «1» debe tener 3 dígitos"),
        ({"zz": "9A"}, "la zona «9A» debe tener 2 dígitos"),
        ({"pp": "a1"}, "el código de puesto «a1» debe tener 2 caracteres (dígitos o letras)"),
        ({"pp": ""}, "el código de puesto «» debe tener 2 caracteres (dígitos o letras)"),
    ],
)
def test_a_code_of_the_wrong_shape_is_refused_never_repaired(
    changes: dict[str, str], reason: str
) -> None:
    assert checked(9, **changes) == Refusal(9, RefusalKind.CODE, reason)


@pytest.mark.parametrize(
    ("field", "reason"),
    [
        ("departamento", "falta el nombre del departamento"),
        ("municipio", "falta el nombre del municipio"),
        ("puesto", "falta el nombre del puesto"),
    ],
)
def test_a_row_without_a_name_is_refused(field: str, reason: str) -> None:
    assert checked(5, **{field: "  "}) == Refusal(5, RefusalKind.NAME, reason)


def test_a_repeated_code_is_refused_naming_the_line_that_gave_it_first() -> None:
    first, other, again = checked(2), checked(3, pp="02"), checked(9, puesto="OTRO")
    assert isinstance(first, PlaceRow)
    assert isinstance(other, PlaceRow)
    assert isinstance(again, PlaceRow)
    kept, refused = without_repeated_codes([first, other, again])
    assert kept == [first, other]
    assert refused == [
        Refusal(9, RefusalKind.DUPLICATE, "el código 01-001-01-01 ya está en la línea 2")
    ]
