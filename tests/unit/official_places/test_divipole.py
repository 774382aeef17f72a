"""Reading DIVIPOLE files: the layout is known by the header, whatever the file's
compression, encoding or separator; each row keeps its line number; a file that is not
one of the known kinds, or not readable at all, is refused with a message saying why."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from cedula_domain import Coordinates
from polling_places.divipole import (
    COORDINATE_LAYOUTS,
    LIST_LAYOUTS,
    DivipoleFileError,
    read_list,
    read_points,
)
from polling_places.rules.refusal import Refusal, RefusalKind

HEADER = (
    "dd,mm,zz,pp,departamento,municipio,puesto,comuna,dirección,18-20 AÑOS,21-25 AÑOS,"
    "26-30 AÑOS,31-35 AÑOS,36-40 AÑOS,41-45 AÑOS,46-50 AÑOS,51-55 AÑOS,56-60 AÑOS,"
    "MAYOR A 60 AÑOS,SIN FECHA DE NACIMIENTO,TOTAL"
)
# Real rows of the 2026 list: Medellín, San Antonio de Prado (a letter in the code), a
# Vichada puesto with a comma in its name, a consulate without address.
ROWS = (
    "01,001,01,01,ANTIOQUIA,MEDELLIN,SEC. ESC. LA ESPERANZA No 2,01COMUNA 1 POPULAR,"
    "KR 29 # 102 - 20,926,1547,1932,993,2914,1325,772,759,615,1410,0,13193",
    "01,001,99,A1,ANTIOQUIA,MEDELLIN,IE SAN ANTONIO DE PRADO,18CORR.  SAN ANTONIO DE PRADO,"
    "CRA 79 No. 42 SUR - 39,7,1320,1566,519,754,1619,1650,1692,1845,5958,0,16930",
    '72,006,99,11,VICHADA,CUMARIBO,"COM. SAN JUAN DEL MORRO RESG, UNUMA",,C.E LOS PALOMOS,'
    "29,85,73,64,48,53,54,34,24,60,0,524",
    "88,220,15,02,CONSULADOS,BRASIL,Manaos - Consulado,,,32,89,77,73,59,52,60,41,28,70,0,581",
)
GEO_HEADER = (
    '"DEPARTAMENTO","MUNICIPIO","PUESTO","COMUNA","DIRECCIÓN","LATITUD","LONGITUD",'
    '"ALCALDE","GOBERNACIÓN","CONCEJO","ASAMBLEA","JAL","CANTIDAD ELECCIONES"'
)
GEO_ROWS = (
    '"ANTIOQUIA","MEDELLIN","SEC. ESC. LA ESPERANZA No 2","01COMUNA 1 POPULAR",'
    '"KR 29 # 102 - 20","6.29116","-75.541166","1","1","1","1","1","5"',
    '"ATLANTICO","BARRANQUILLA","IED LA ESMERALDA","01LOCALIDAD NO.1 SUR OCCIDENTE",'
    '"CLL 84B No 13E - 26","10,965,899","-74.825011","1","1","1","1","1","5"',
)


def write(path: Path, *lines: str, encoding: str = "utf-8") -> Path:
    path.write_bytes("\n".join(lines).encode(encoding) + b"\n")
    return path


def test_the_2026_list_is_known_by_its_header(tmp_path: Path) -> None:
    reading = read_list(write(tmp_path / "divipole.csv", HEADER, *ROWS))
    assert reading.layout == LIST_LAYOUTS[0]
    assert reading.rows == 4
    assert reading.refusals == []
    assert [str(place.code) for place in reading.places] == [
        "01-001-01-01",
        "01-001-99-A1",
        "72-006-99-11",
        "88-220-15-02",
    ]
    assert reading.places[2].puesto == "COM. SAN JUAN DEL MORRO RESG, UNUMA"
    assert reading.places[3].direccion == ""
    assert [place.line for place in reading.places] == [2, 3, 4, 5]


def test_a_compressed_file_reads_the_same(tmp_path: Path) -> None:
    plain = write(tmp_path / "divipole.csv", HEADER, *ROWS)
    packed = tmp_path / "divipole.csv.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert read_list(packed) == read_list(plain)


def test_a_spreadsheet_saved_in_spanish_on_windows_reads_the_same(tmp_path: Path) -> None:
    # Semicolons between cells, Windows-1252 letters, the header's case changed.
    rows = [row.replace(",", ";") for row in (HEADER.upper(), *ROWS[:2])]
    reading = read_list(write(tmp_path / "excel.csv", *rows, encoding="cp1252"))
    assert [place.puesto for place in reading.places] == [
        "SEC. ESC. LA ESPERANZA No 2",
        "IE SAN ANTONIO DE PRADO",
    ]


def test_a_byte_order_mark_is_not_part_of_the_header(tmp_path: Path) -> None:
    reading = read_list(write(tmp_path / "bom.csv", HEADER, ROWS[0], encoding="utf-8-sig"))
    assert len(reading.places) == 1


def test_rows_keep_their_line_numbers_across_a_quoted_line_break(tmp_path: Path) -> None:
    broken = ROWS[2].replace("RESG, UNUMA", "RESG,\nUNUMA")
    reading = read_list(write(tmp_path / "divipole.csv", HEADER, broken, ROWS[0], ROWS[0]))
    assert [place.line for place in reading.places] == [3, 4]
    assert reading.refusals == [
        Refusal(5, RefusalKind.DUPLICATE, "el código 01-001-01-01 ya está en la línea 4")
    ]


def test_refusals_come_in_the_order_of_the_file(tmp_path: Path) -> None:
    short = "01,001,01,09,ANTIOQUIA"
    reading = read_list(write(tmp_path / "divipole.csv", HEADER, ROWS[0], ROWS[0], short))
    assert [(refusal.line, refusal.kind) for refusal in reading.refusals] == [
        (3, RefusalKind.DUPLICATE),
        (4, RefusalKind.NAME),
    ]


def test_a_file_of_another_kind_is_refused_naming_its_header_and_the_known_ones(
    tmp_path: Path,
) -> None:
    dane = write(tmp_path / "divipola.csv", "COD_DPTO,NOM_DPTO,COD_MPIO,NOM_MPIO", "5,ANTIOQUIA")
    with pytest.raises(DivipoleFileError) as refused:
        read_list(dane)
    message = str(refused.value)
    assert message.startswith("divipola.csv: no es una lista de puestos conocida.")
    assert "'COD_DPTO', 'NOM_DPTO'" in message
    assert LIST_LAYOUTS[0].name in message


def test_an_empty_file_is_of_no_known_kind(tmp_path: Path) -> None:
    with pytest.raises(DivipoleFileError, match="no es una lista de puestos conocida"):
        read_list(write(tmp_path / "empty.csv"))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DivipoleFileError, match="no se pudo leer el archivo"):
        read_list(tmp_path / "missing.csv")


def test_a_broken_compressed_file_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "divipole.csv.gz"
    broken.write_bytes(gzip.compress(HEADER.encode())[:-12] + b"\x00" * 12)
    with pytest.raises(DivipoleFileError, match="no se pudo leer el archivo"):
        read_list(broken)


def test_a_file_the_csv_reader_cannot_follow_is_refused(tmp_path: Path) -> None:
    # A quote never closed makes one cell of the whole rest of the file.
    endless = write(tmp_path / "divipole.csv", HEADER, '01,001,01,01,"' + "A" * 200_000)
    with pytest.raises(DivipoleFileError, match="no se pudo leer como CSV"):
        read_list(endless)


def test_the_geo_referenced_list_gives_points_by_name_and_refuses_malformed_ones(
    tmp_path: Path,
) -> None:
    points = read_points(write(tmp_path / "geo.csv", GEO_HEADER, *GEO_ROWS))
    assert points.layout == COORDINATE_LAYOUTS[0]
    assert points.rows == 2
    assert [(point.line, point.names) for point in points.points] == [
        (2, ("ANTIOQUIA", "MEDELLIN", "SEC ESC LA ESPERANZA NO 2"))
    ]
    assert [(refusal.line, refusal.kind) for refusal in points.refusals] == [
        (3, RefusalKind.MALFORMED_POINT)
    ]
    places = read_list(write(tmp_path / "divipole.csv", HEADER, *ROWS)).places
    joined = points.join(places)
    assert joined.places[0].coordinates == Coordinates(6.29116, -75.541166)
    assert joined.located == 1


def test_a_list_is_no_geo_referenced_list(tmp_path: Path) -> None:
    with pytest.raises(DivipoleFileError, match="no es una lista georreferenciada conocida"):
        read_points(write(tmp_path / "divipole.csv", HEADER, *ROWS))
