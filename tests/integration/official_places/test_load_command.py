"""``manage.py load_polling_places``: says in Spanish what it loaded, how many places got
coordinates and each refused row with why; a file it cannot read, or of no known kind,
stops it with a clear message and a non-zero exit, changing nothing."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from integration.official_places.excerpts import list_lines, point_lines, write_file
from polling_places.models import PollingPlace, PollingPlaceList

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
CONGRESO = ("--election", "congreso-2026", "--name", "Congreso 2026", "--published", "2025-12-12")


@pytest.fixture
def list_file(tmp_path: Path) -> Path:
    return write_file(tmp_path / "divipole.csv", list_lines())


@pytest.fixture
def points_file(tmp_path: Path) -> Path:
    return write_file(tmp_path / "georreferenciada.csv", point_lines())


def run(*args: str | Path) -> str:
    out = io.StringIO()
    call_command("load_polling_places", *map(str, args), stdout=out)
    return out.getvalue()


def test_the_command_says_what_it_loaded_joined_and_refused(list_file: Path, points_file: Path):
    said = run(list_file, "--coordinates", points_file, *CONGRESO)

    assert "Lista de puestos de la elección congreso-2026: nueva." in said
    assert "10 puestos: 10 nuevos, 0 actualizados, 0 iguales, 0 retirados." in said
    assert "Coordenadas para 4 de 10 puestos (40,0 %), de 10 filas" in said
    assert "Filas rechazadas de las coordenadas: 6 (1 fuera de Colombia," in said
    assert "línea 5: el punto (6.12408070335, -795.98017415121) queda fuera de Colombia" in said
    assert "línea 8: «SAN JOSE» (BOGOTA D C) tiene 2 puntos: líneas 7, 8" in said
    assert PollingPlaceList.objects.get().source == "divipole.csv + georreferenciada.csv"


def test_the_same_file_again_is_said_to_change_nothing(list_file: Path, points_file: Path):
    run(list_file, "--coordinates", points_file, *CONGRESO)

    said = run(list_file, "--coordinates", points_file, *CONGRESO)

    assert "congreso-2026: ya estaba cargada y no cambió: nada que escribir." in said
    assert "0 nuevos, 0 actualizados, 10 iguales, 0 retirados" in said
    assert "(--verbosity 2 las lista una a una)" in said
    assert "línea 5:" not in said
    assert "línea 5:" in run(list_file, "--coordinates", points_file, *CONGRESO, "-v", "2")


def test_refused_rows_of_the_list_are_told_with_their_line(tmp_path: Path):
    header, esperanza = list_lines("esperanza")
    lines = [header, esperanza, esperanza.replace(",MEDELLIN,", ",,")]

    said = run(write_file(tmp_path / "divipole.csv", lines), *CONGRESO)

    assert "Sin coordenadas (no se dio --coordinates)." in said
    assert "Filas rechazadas de la lista: 1 (1 sin nombre)." in said
    assert "línea 3: falta el nombre del municipio" in said


def test_a_file_of_no_known_kind_stops_the_command_and_changes_nothing(
    tmp_path: Path, list_file: Path
):
    run(list_file, *CONGRESO)
    dane = write_file(tmp_path / "divipola.csv", ["COD_DPTO,NOM_DPTO,COD_MPIO", "5,ANTIOQUIA,5001"])

    with pytest.raises(CommandError, match="no es una lista de puestos conocida") as stopped:
        run(dane, *CONGRESO)

    assert str(stopped.value).endswith("No se cambió nada.")
    assert PollingPlace.objects.count() == 10


def test_a_coordinates_file_of_no_known_kind_stops_the_command_before_any_list_is_made(
    list_file: Path,
):
    with pytest.raises(CommandError, match="no es una lista georreferenciada conocida"):
        run(list_file, "--coordinates", list_file, *CONGRESO)

    assert not PollingPlaceList.objects.exists()


def test_a_file_that_is_not_there_stops_the_command(tmp_path: Path):
    with pytest.raises(CommandError, match="no se pudo leer el archivo"):
        run(tmp_path / "no-esta.csv", *CONGRESO)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--election", "congreso-2026"), "Di de qué elección es la lista"),
        ((*CONGRESO[:4], "--published", "12/12/2025"), "«12/12/2025» no es una fecha"),
    ],
)
def test_a_file_needs_its_election_name_and_date(
    list_file: Path, args: tuple[str, ...], message: str
):
    with pytest.raises(CommandError, match=message):
        run(list_file, *args)


def test_the_shipped_list_takes_no_options():
    with pytest.raises(CommandError, match="van con un archivo"):
        run("--election", "otra")


def test_from_the_command_line_an_unknown_file_exits_non_zero_with_the_reason(tmp_path: Path):
    dane = write_file(tmp_path / "divipola.csv", ["COD_DPTO,NOM_DPTO", "5,ANTIOQUIA"])

    done = subprocess.run(
        [sys.executable, "manage.py", "load_polling_places", str(dane), *CONGRESO],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PAGINA_MADRE_DATA_DIR": str(tmp_path)},
    )

    assert done.returncode == 1
    assert "divipola.csv: no es una lista de puestos conocida" in done.stderr
    assert "No se cambió nada." in done.stderr
