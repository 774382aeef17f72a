"""Loading a DIVIPOLE file (``polling_places.services.load_files``) on real excerpts of the
shipped files: every place with its codes and names, coordinates joined by name and bad
ones refused, the same file twice writes nothing, a reloaded file brings the list to it,
another election's list is kept beside, and a load that fails leaves the list as it was."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from django.db import IntegrityError

from integration.official_places.excerpts import list_lines, point_lines, write_file
from polling_places.divipole import read_list
from polling_places.models import PollingPlace, PollingPlaceList
from polling_places.rules.refusal import RefusalKind
from polling_places.services import EmptyList, FileLoad, load_files, load_list

pytestmark = pytest.mark.django_db

CONGRESO = {
    "election": "congreso-2026",
    "name": "Congreso 2026",
    "published_on": date(2025, 12, 12),
    "source": "un extracto de la DIVIPOLE",
}


@pytest.fixture
def list_file(tmp_path: Path) -> Path:
    return write_file(tmp_path / "divipole.csv", list_lines())


@pytest.fixture
def points_file(tmp_path: Path) -> Path:
    return write_file(tmp_path / "georreferenciada.csv", point_lines())


def load(list_file: Path, points_file: Path | None = None, **label: Any) -> FileLoad:
    return load_files(**{**CONGRESO, **label}, list_file=list_file, coordinates_file=points_file)


def places(election: str = "congreso-2026") -> dict[str, PollingPlace]:
    return {place.code: place for place in PollingPlace.objects.filter(list__election=election)}


def snapshot() -> list[dict[str, Any]]:
    return list(PollingPlace.objects.order_by("id").values())


def test_a_list_is_loaded_with_every_place_its_codes_names_and_address(list_file: Path):
    load_report = load(list_file).report

    assert (load_report.created, load_report.added, load_report.places) == (True, 10, 10)
    loaded = PollingPlaceList.objects.get(election="congreso-2026")
    assert (loaded.name, loaded.published_on, loaded.source) == (
        "Congreso 2026",
        date(2025, 12, 12),
        "un extracto de la DIVIPOLE",
    )
    esperanza = places()["01-001-01-01"]
    assert (esperanza.departamento, esperanza.municipio, esperanza.puesto) == (
        "ANTIOQUIA",
        "MEDELLIN",
        "SEC. ESC. LA ESPERANZA No 2",
    )
    assert (esperanza.comuna, esperanza.direccion) == ("COMUNA 1 POPULAR", "KR 29 # 102 - 20")
    assert esperanza.puesto_key == "SEC ESC LA ESPERANZA NO 2"
    assert places()["56-001-01-01"].departamento_key == "SAN ANDRES"
    assert places()["01-001-99-A1"].puesto == "IE SAN ANTONIO DE PRADO"
    assert places()["72-006-99-11"].puesto == "COM. SAN JUAN DEL MORRO RESG, UNUMA"
    assert places()["88-220-15-02"].direccion == ""
    assert places()["01-001-01-01"].latitud is None


def test_coordinates_are_joined_by_name_and_bad_points_refused_with_their_line(
    list_file: Path, points_file: Path
):
    loaded = load(list_file, points_file)

    assert loaded.report.located == 4
    located = {code: (p.latitud, p.longitud) for code, p in places().items() if p.latitud}
    assert located == {
        "01-001-01-01": (6.29116, -75.541166),
        "01-001-01-02": (6.2935183, -75.5424117),
        "01-001-99-A1": (6.184258758, -75.65619699),
        "56-001-01-01": (12.563252, -81.715869),  # San Andrés: the islands are Colombia
    }
    assert [(r.line, r.kind) for r in loaded.point_refusals] == [
        (5, RefusalKind.OUTSIDE_COLOMBIA),  # YERBAL, -795.98
        (6, RefusalKind.MALFORMED_POINT),  # IED LA ESMERALDA, 10,965,899
        (7, RefusalKind.AMBIGUOUS),  # Bogotá's two SAN JOSE
        (8, RefusalKind.AMBIGUOUS),
        (9, RefusalKind.AMBIGUOUS),  # Tumaco's two GUACHAL LAS BRISAS, on both sides
        (10, RefusalKind.AMBIGUOUS),
    ]
    assert loaded.point_refusals[1].reason == (
        "coordenadas mal escritas: latitud «10,965,899», longitud «-74.825011»"
    )
    assert loaded.joined is not None
    assert loaded.joined.unused == 0


def test_loading_the_same_files_again_writes_nothing_and_keeps_rows_and_ids(
    list_file: Path, points_file: Path
):
    load(list_file, points_file)
    before = snapshot()
    loaded_at = PollingPlaceList.objects.get().loaded_at

    again = load(list_file, points_file).report

    assert not again.changed
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 10)
    assert snapshot() == before
    assert PollingPlaceList.objects.get().loaded_at == loaded_at


def test_a_reloaded_file_updates_changed_places_and_removes_those_it_no_longer_has(
    tmp_path: Path, list_file: Path
):
    load(list_file)
    ids = {code: place.id for code, place in places().items()}
    lines = list_lines(*(name for name in LIST_ORDER if name != "manaos"))
    lines[1] = lines[1].replace("KR 29 # 102 - 20", "KR 29 # 102 - 22")

    again = load(write_file(tmp_path / "corregida.csv", lines), name="Congreso 2026, corregida")

    assert (again.report.updated, again.report.removed, again.report.unchanged) == (1, 1, 8)
    assert again.report.relabelled
    assert "88-220-15-02" not in places()
    assert places()["01-001-01-01"].direccion == "KR 29 # 102 - 22"
    assert {code: place.id for code, place in places().items()} == {
        code: place_id for code, place_id in ids.items() if code != "88-220-15-02"
    }
    assert PollingPlaceList.objects.get().name == "Congreso 2026, corregida"


def test_a_new_elections_list_is_kept_beside_the_old(tmp_path: Path, list_file: Path):
    load(list_file)
    before = snapshot()

    presidencia = write_file(tmp_path / "presidencia.csv", list_lines("esperanza", "san_jose"))
    load(
        presidencia,
        election="presidencia-2026",
        name="Presidencia 2026",
        published_on=date(2026, 5, 1),
    )

    assert list(PollingPlaceList.objects.values_list("election", flat=True)) == [
        "presidencia-2026",
        "congreso-2026",
    ]
    assert set(places("presidencia-2026")) == {"01-001-01-01", "16-001-09-39"}
    assert [place for place in snapshot() if place["list_id"] == before[0]["list_id"]] == before


def test_a_load_that_fails_midway_leaves_the_list_as_it_was(list_file: Path):
    load(list_file)
    before = snapshot()
    label = PollingPlaceList.objects.values().get()
    first, *others = read_list(list_file).places[:4]
    fewer = [attrs.evolve(first, direccion="OTRA"), *others]

    # The places are upserted and the rest removed before the label is written, which fails.
    with pytest.raises(IntegrityError):
        load_list(**{**CONGRESO, "published_on": None}, places=fewer)  # type: ignore[arg-type]

    assert snapshot() == before
    assert PollingPlaceList.objects.values().get() == label


def test_rows_of_the_wrong_shape_are_refused_with_line_and_reason_and_the_rest_loaded(
    tmp_path: Path,
):
    header, esperanza, candelaria = list_lines("esperanza", "candelaria")
    lines = [
        header,
        esperanza,
        esperanza.replace("01,001,01,01,", "1,1,1,1,", 1),  # as a spreadsheet leaves codes
        candelaria.replace(",MEDELLIN,", ",,", 1),
        esperanza,
    ]

    loaded = load(write_file(tmp_path / "divipole.csv", lines))

    assert set(places()) == {"01-001-01-01"}
    assert [(r.line, r.kind, r.reason) for r in loaded.reading.refusals] == [
        (3, RefusalKind.CODE, "el código de departamento «1» debe tener 2 dígitos"),
        (4, RefusalKind.NAME, "falta el nombre del municipio"),
        (5, RefusalKind.DUPLICATE, "el código 01-001-01-01 ya está en la línea 2"),
    ]


def test_a_file_whose_every_row_is_refused_changes_nothing(tmp_path: Path, list_file: Path):
    load(list_file)
    before = snapshot()
    header, esperanza = list_lines("esperanza")
    refused = write_file(tmp_path / "ceros.csv", [header, esperanza.replace("01,", "1,")])

    with pytest.raises(EmptyList, match="no tiene ningún puesto"):
        load(refused)

    assert snapshot() == before


LIST_ORDER = (
    "esperanza",
    "candelaria",
    "san_antonio",
    "esmeralda",
    "san_jose",
    "guachal_44",
    "guachal_w9",
    "bolivariano",
    "cumaribo",
    "manaos",
)
