"""PollingPlaces, and what CedulaRepository keeps of a match: every sentence of the ports'
docstrings about the official list, on the fake and on Django (the list written by the
loader's own service)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

import pytest
from attrs import evolve
from fakes import CEDULA, PLACE, START, InMemoryPollingPlaces, InMemoryRepository
from unit.place_matching.real_rows import (
    ELECTION,
    JULIO_SANIN,
    LA_CANDELARIA,
    LA_ESPERANZA,
    MADRID,
    MEDELLIN,
    RIONEGRO,
)

from adapters.django_polling_places import DjangoPollingPlaces
from cedula_domain import (
    AddResult,
    AnswerSource,
    Cedula,
    Coordinates,
    LookupRecord,
    LookupStatus,
    OfficialPlace,
    PlaceMatch,
    PollingPlaces,
    Unmatched,
    VotingPlace,
)
from contract.conftest import FAKE_AND_DJANGO

CONGRESO = date(2025, 12, 12)
PRESIDENCIA = date(2026, 5, 13)
OTHER = Cedula.parse("79123456")
THIRD = Cedula.parse("52123456")
NEITHER = Cedula.parse("41123456")
# Load a list: published that day, for that election, holding those places.
Load = Callable[[date, str, Iterable[OfficialPlace]], None]


def answer(municipio: str, coddivipol: str = "") -> VotingPlace:
    return VotingPlace(
        departamento="ANTIOQUIA",
        municipio=municipio,
        puesto="IE",
        direccion="",
        mesa="1",
        coddivipol=coddivipol,
    )


def by_code(places: Iterable[OfficialPlace]) -> list[OfficialPlace]:
    return sorted(places, key=lambda place: str(place.code))


@pytest.fixture(params=FAKE_AND_DJANGO)
def polling_places(request: pytest.FixtureRequest) -> PollingPlaces:
    return InMemoryPollingPlaces(lists={}) if request.param == "fake" else DjangoPollingPlaces()


@pytest.fixture
def load(polling_places: PollingPlaces) -> Load:
    if isinstance(polling_places, InMemoryPollingPlaces):

        def remember(published_on: date, election: str, places: Iterable[OfficialPlace]) -> None:
            listed = [evolve(place, election=election) for place in places]
            polling_places.lists[published_on] = listed

        return remember
    return _load_in_django


def _load_in_django(published_on: date, election: str, places: Iterable[OfficialPlace]) -> None:
    from polling_places.rules.place_row import PlaceRow, check_row
    from polling_places.services import load_list

    rows = []
    for line, place in enumerate(places, start=2):
        cells = {
            "dd": place.code.dd,
            "mm": place.code.mm,
            "zz": place.code.zz,
            "pp": place.code.pp,
            "departamento": place.departamento,
            "municipio": place.municipio,
            "puesto": place.puesto,
            "comuna": place.comuna,
            "direccion": place.direccion,
        }
        row = check_row(line, cells)
        assert isinstance(row, PlaceRow)
        rows.append(evolve(row, coordinates=place.coordinates))
    load_list(election=election, name=election, published_on=published_on, source="", places=rows)


# PollingPlaces.candidates


def test_without_a_list_there_is_nothing_to_match_to(polling_places):
    assert polling_places.candidates(answer("MEDELLIN")) is None


def test_the_candidates_are_every_municipio_of_that_name_whatever_its_departamento(
    polling_places, load
):
    load(CONGRESO, ELECTION, [*MEDELLIN, *RIONEGRO])

    candidates = polling_places.candidates(answer("Rionegro "))

    assert by_code(candidates.of_municipio) == by_code(RIONEGRO)
    assert candidates.named_by_code is None


def test_a_municipio_the_list_lacks_has_no_candidates(polling_places, load):
    load(CONGRESO, ELECTION, MEDELLIN)

    assert polling_places.candidates(answer("Atlántida")).of_municipio == ()


def test_a_whole_code_names_its_place_whatever_municipio_the_answer_says(polling_places, load):
    load(CONGRESO, ELECTION, [*MEDELLIN, *RIONEGRO])

    candidates = polling_places.candidates(answer("BOGOTA D.C.", coddivipol="010010102"))

    assert candidates.named_by_code == LA_CANDELARIA
    assert candidates.of_municipio == ()


@pytest.mark.parametrize("coddivipol", ["990010101", "16000101", "01001010", "0100101011"])
def test_a_code_of_no_place_or_no_whole_code_names_none(polling_places, load, coddivipol):
    load(CONGRESO, ELECTION, MEDELLIN)

    assert polling_places.candidates(answer("MEDELLIN", coddivipol)).named_by_code is None


def test_only_the_list_published_last_is_read_with_its_election(polling_places, load):
    load(PRESIDENCIA, "presidencia-2026", [LA_ESPERANZA, JULIO_SANIN])
    load(CONGRESO, ELECTION, MEDELLIN)

    candidates = polling_places.candidates(answer("MEDELLIN", coddivipol="010010102"))

    assert candidates.of_municipio == (evolve(LA_ESPERANZA, election="presidencia-2026"),)
    assert candidates.named_by_code is None


def test_a_place_comes_whole_with_its_comuna_address_and_coordinates(polling_places, load):
    whole = evolve(LA_ESPERANZA, comuna="COMUNA 1 POPULAR", coordinates=Coordinates(6.29, -75.54))
    load(CONGRESO, ELECTION, [whole, MADRID])

    assert polling_places.candidates(answer("MEDELLIN")).of_municipio == (whole,)
    assert polling_places.candidates(answer("España")).of_municipio == (MADRID,)


# CedulaRepository: the match of a stored answer


def found_at(cedula: Cedula, match: PlaceMatch | None) -> LookupRecord:
    return evolve(
        LookupRecord.requested(cedula, START),
        status=LookupStatus.FOUND,
        next_attempt_at=None,
        fetched_at=START,
        voting_place=evolve(PLACE, match=match),
        source=AnswerSource.REGISTRADURIA,
    )


@pytest.fixture
def stored(repository, register):
    def store(*records: LookupRecord) -> None:
        for record in records:
            register(record.cedula)
            assert repository.add(record) is AddResult.ADDED

    return store


@pytest.fixture
def listed(repository) -> None:
    """The list the matches below name, where the repository needs it (Django's rows)."""
    if not isinstance(repository, InMemoryRepository):
        _load_in_django(CONGRESO, ELECTION, MEDELLIN)


def test_an_answer_matched_to_an_official_place_reads_back_with_it(repository, stored, listed):
    record = found_at(CEDULA, PlaceMatch.found(LA_ESPERANZA))
    stored(record)

    assert repository.get(CEDULA) == record


@pytest.mark.parametrize("reason", Unmatched)
def test_an_answer_matched_to_none_reads_back_with_why(repository, stored, reason):
    record = found_at(CEDULA, PlaceMatch.missing(reason))
    stored(record)

    assert repository.get(CEDULA) == record


def test_a_match_saved_later_reads_back(repository, stored, listed):
    stored(found_at(CEDULA, None))
    matched = found_at(CEDULA, PlaceMatch.found(LA_CANDELARIA))

    assert repository.save(matched)
    assert repository.get(CEDULA) == evolve(matched, version=1)


def test_without_official_place_lists_answers_never_matched_or_matched_to_none(
    repository, stored, listed
):
    stored(
        found_at(CEDULA, None),
        found_at(OTHER, PlaceMatch.missing(Unmatched.PUESTO)),
        found_at(THIRD, PlaceMatch.found(LA_ESPERANZA)),
        evolve(LookupRecord.requested(NEITHER, START), status=LookupStatus.NOT_FOUND),
    )

    assert sorted(repository.without_official_place(), key=str) == sorted([CEDULA, OTHER], key=str)
