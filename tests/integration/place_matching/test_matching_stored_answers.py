"""Answers stored before a list was loaded (or whose list went away) are matched when one
is: ``load_polling_places`` matches them and says how many, in Spanish."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from attrs import evolve
from django.core.management import call_command
from django.utils import timezone

from adapters.django_repository import DjangoCedulaRepository
from cedula_domain import (
    AnswerSource,
    Cedula,
    LookupRecord,
    LookupStatus,
    OfficialPlace,
    PlaceCode,
    PlaceMatch,
    VotingPlace,
)
from census.models import CedulaInfo
from integration.official_places.excerpts import list_lines, write_file
from integration.place_matching.matching_support import register
from polling_places.models import PollingPlaceList

pytestmark = pytest.mark.django_db

CONGRESO = ("--election", "congreso-2026", "--name", "Congreso 2026", "--published", "2025-12-12")
ESPERANZA = VotingPlace(
    departamento="Antioquia",
    municipio="Medellín",
    puesto="Sec Esc La Esperanza # 2",
    direccion="",
    mesa="4",
)
ELSEWHERE = evolve(ESPERANZA, puesto="COLEGIO EL PORVENIR DE LOS ARTESANOS")


def stored(cedula: str, place: VotingPlace) -> Cedula:
    """A found answer as stored before any list: never matched."""
    register(cedula)
    record = evolve(
        LookupRecord.requested(Cedula(cedula), timezone.now()),
        status=LookupStatus.FOUND,
        next_attempt_at=None,
        voting_place=place,
        source=AnswerSource.PERSON,
    )
    DjangoCedulaRepository().add(record)
    return Cedula(cedula)


def load(tmp_path: Path) -> str:
    out = io.StringIO()
    lines = list_lines("esperanza", "candelaria")
    call_command(
        "load_polling_places", write_file(tmp_path / "divipole.csv", lines), *CONGRESO, stdout=out
    )
    return out.getvalue()


def test_loading_a_list_matches_the_answers_stored_before_it_and_says_how_many(tmp_path):
    stored("71000001", ESPERANZA)
    stored("71000009", ELSEWHERE)

    said = load(tmp_path)

    assert "comparadas con la lista vigente: 1 emparejadas, 1 siguen sin puesto oficial." in said
    matched = CedulaInfo.objects.get(cedula="71000001")
    assert (matched.polling_place.code, matched.place_unmatched) == ("01-001-01-01", "")
    unmatched = CedulaInfo.objects.get(cedula="71000009")
    assert (unmatched.polling_place, unmatched.place_unmatched) == (None, "puesto")


def test_loading_the_same_list_again_finds_nothing_new_to_match(tmp_path):
    stored("71000001", ESPERANZA)
    load(tmp_path)

    assert "0 emparejadas, 0 siguen sin puesto oficial." in load(tmp_path)


def test_an_answer_whose_list_was_removed_is_matched_again_like_one_never_matched(tmp_path):
    cedula = stored("71000001", ESPERANZA)
    load(tmp_path)
    PollingPlaceList.objects.all().delete()
    repository = DjangoCedulaRepository()

    assert repository.get(cedula).voting_place.match is None
    assert repository.without_official_place() == [cedula]


def test_a_match_to_a_place_not_stored_is_stored_as_never_matched():
    cedula = stored("71000001", ESPERANZA)
    repository = DjangoCedulaRepository()
    nowhere = OfficialPlace(
        election="congreso-2026",
        code=PlaceCode("01", "001", "01", "01"),
        departamento="ANTIOQUIA",
        municipio="MEDELLIN",
        puesto="SEC. ESC. LA ESPERANZA No 2",
    )
    record = repository.get(cedula)

    place = evolve(record.voting_place, match=PlaceMatch.found(nowhere))
    assert repository.save(evolve(record, voting_place=place))

    assert repository.get(cedula).voting_place.match is None
