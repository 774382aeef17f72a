"""Operators see, on the census lookups' list, how many answers matched each official list,
how many are a person's unverified word, and the answers that matched no official place,
listed with why in Spanish."""

from __future__ import annotations

import re

import pytest
from attrs import evolve
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from adapters.django_repository import DjangoCedulaRepository
from cedula_domain import (
    AnswerSource,
    Cedula,
    LookupRecord,
    LookupStatus,
    PlaceMatch,
    Unmatched,
    VotingPlace,
)
from census.models import CedulaInfo
from integration.place_matching.matching_support import register, service_reading
from integration.portal.census_support import as_operator

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:census_cedulainfo_changelist"
TYPED = VotingPlace(
    departamento="Antioquia", municipio="Medellín", puesto="La escuelita", direccion="", mesa="3"
)


def looked_up(cedula: str) -> None:
    register(cedula)
    service = service_reading("consultacenso")
    service.request_first(Cedula(cedula))
    service.run_next()


def stored(cedula: str, place: VotingPlace, source: AnswerSource) -> None:
    register(cedula)
    record = evolve(
        LookupRecord.requested(Cedula(cedula), timezone.now()),
        status=LookupStatus.FOUND,
        next_attempt_at=None,
        voting_place=place,
        source=source,
    )
    DjangoCedulaRepository().add(record)


@pytest.fixture
def answers(polling_place_list) -> None:
    looked_up("71000001")  # SEC. ESC. LA ESPERANZA No 2: matched
    looked_up("71000009")  # a place the list lacks
    stored(
        "52000001", evolve(TYPED, match=PlaceMatch.missing(Unmatched.PUESTO)), AnswerSource.PERSON
    )
    stored("52000002", TYPED, AnswerSource.OPERATOR)  # stored before any list


def count(page: str, testid: str) -> str:
    return re.search(rf'data-testid="{testid}"[^>]*>([^<]*)<', page)[1].strip()


def test_the_list_says_how_many_matched_each_list_and_how_many_have_no_official_place(
    client: Client, answers
):
    page = as_operator(client).get(reverse(CHANGELIST)).text

    assert count(page, "emparejadas-congreso-2026") == "1"
    assert count(page, "sin-puesto-sin_verificar") == "1"
    assert count(page, "sin-puesto-puesto") == "1"
    assert count(page, "sin-puesto-sin_comparar") == "1"
    assert "Congreso 2026 (DIVIPOLE del 12 de diciembre de 2025) (vigente)" in page


def test_each_answer_shows_its_official_place_or_why_it_has_none(client: Client, answers):
    page = as_operator(client).get(reverse(CHANGELIST)).text

    assert "01-001-01-01 SEC. ESC. LA ESPERANZA No 2" in page
    assert "Sin puesto oficial: el municipio no tiene en la lista un puesto de ese nombre" in page
    assert "Sin puesto oficial: dicho por la persona, sin verificar (el municipio" in page
    assert "Sin puesto oficial: aún sin comparar con la lista" in page


@pytest.mark.parametrize(
    ("choice", "cedula"),
    [
        ("emparejada", "71000001"),
        ("puesto", "71000009"),
        ("sin_verificar", "52000001"),
        ("sin_comparar", "52000002"),
    ],
)
def test_the_filter_lists_the_answers_of_each_kind(client: Client, answers, choice, cedula):
    page = as_operator(client).get(reverse(CHANGELIST), {"puesto_oficial": choice}).text

    listed = re.findall(r'<th [^>]*class="field-cedula"><a [^>]*>(\d+)</a>', page)
    assert listed == [cedula]


def test_without_a_list_the_operators_are_told_how_to_load_one(client: Client):
    page = as_operator(client).get(reverse(CHANGELIST)).text

    assert "No hay ninguna lista cargada" in page
    assert "Todas las respuestas con lugar de votación tienen su puesto oficial." in page


def test_a_lookups_page_shows_its_official_place(client: Client, answers):
    info = CedulaInfo.objects.get(cedula="71000001")

    page = as_operator(client).get(reverse("admin:census_cedulainfo_change", args=[info.pk])).text

    assert "01-001-01-01 SEC. ESC. LA ESPERANZA No 2" in page
