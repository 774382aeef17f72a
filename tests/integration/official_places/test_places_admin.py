"""Operators in the admin: they find a place of the official list by its name written any
way (accents, case, dots), by its code, or filter by list and departamento; each list shows
its election, date, source and how many places it holds; nobody edits them there."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from integration.official_places.excerpts import list_lines, write_file
from integration.portal.census_support import as_operator
from polling_places.models import PollingPlace, PollingPlaceList
from polling_places.services import load_files

pytestmark = pytest.mark.django_db

PLACES = reverse("admin:polling_places_pollingplace_changelist")


@pytest.fixture
def operator(client: Client, tmp_path: Path) -> Client:
    load_files(
        election="congreso-2026",
        name="Congreso 2026",
        published_on=date(2025, 12, 12),
        source="extracto de la DIVIPOLE",
        list_file=write_file(tmp_path / "divipole.csv", list_lines()),
    )
    return as_operator(client)


def found(operator: Client, **query: str) -> list[str]:
    """The codes of the places the list page shows."""
    page = operator.get(PLACES, query).text
    if '<table id="result_list"' not in page:
        return []
    table = page[page.index('<table id="result_list"') :]
    return [place.code for place in PollingPlace.objects.order_by("id") if place.code in table]


@pytest.mark.parametrize(
    ("typed", "codes"),
    [
        ("Bogotá D.C.", ["16-001-09-39"]),
        ("san andrés bolivariano", ["56-001-01-01"]),
        ("nariño guachal", ["23-139-99-44", "23-139-99-W9"]),
        ("KR 29 # 102", ["01-001-01-01"]),
        ("01-001-99-a1", ["01-001-99-A1"]),
        ("01001", ["01-001-01-01", "01-001-01-02", "01-001-99-A1"]),
        ("Cali", []),
    ],
)
def test_an_operator_finds_a_place_by_its_name_written_any_way_or_by_its_code(
    operator: Client, typed: str, codes: list[str]
):
    assert found(operator, q=typed) == codes


def test_the_places_filter_by_departamento(operator: Client):
    assert found(operator, departamento="ANTIOQUIA") == [
        "01-001-01-01",
        "01-001-01-02",
        "01-001-99-A1",
    ]


def test_each_list_shows_its_election_date_source_and_place_count(operator: Client):
    page = operator.get(reverse("admin:polling_places_pollingplacelist_changelist")).text

    for shown in (
        "congreso-2026",
        "Congreso 2026",
        "12 de diciembre de 2025",
        "extracto de la DIVIPOLE",
    ):
        assert shown in page
    assert '<td class="field-place_count">10</td>' in page


def test_nobody_edits_the_list_in_the_admin(operator: Client):
    place = PollingPlace.objects.get(dd="01", mm="001", zz="01", pp="01")
    page = operator.get(reverse("admin:polling_places_pollingplace_change", args=[place.pk]))

    assert page.status_code == 200
    assert "COMUNA 1 POPULAR" in page.text
    assert 'name="_save"' not in page.text
    assert operator.get(reverse("admin:polling_places_pollingplace_add")).status_code == 403
    the_list = PollingPlaceList.objects.get()
    delete = reverse("admin:polling_places_pollingplacelist_delete", args=[the_list.pk])
    assert operator.get(delete).status_code == 403
