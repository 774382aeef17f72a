"""Every place an answer gives is matched to the official list before it is recorded,
whoever gives it; stored answers without an official place are matched again when a list
arrives."""

from __future__ import annotations

import logging

import pytest
from attrs import evolve
from fakes import CEDULA, CORFERIAS, FOUND, LEASE, PLACE, PUBLISHED, START

from cedula_domain import (
    AnswerSource,
    Found,
    LookupStatus,
    MatchCounts,
    NotFound,
    PlaceMatch,
    Unmatched,
)
from unit.cedula_lookup.builders import CAPTCHA, OTHER, deliver

ELSEWHERE = Found(place=evolve(PLACE, puesto="COLISEO EL SALITRE"))
LATER = evolve(CORFERIAS, election="presidencia-2026")


def reason(record) -> Unmatched | None:
    return record.voting_place.match.unmatched


def test_the_census_answer_is_recorded_with_its_official_place(service, scraper, queue, stored):
    scraper.steps.append(FOUND)
    service.request_first(CEDULA)

    deliver(queue, service)

    assert stored().voting_place.match == PlaceMatch.found(CORFERIAS)


def test_a_census_answer_the_list_lacks_is_recorded_with_the_reason(
    service, scraper, queue, stored
):
    scraper.steps.append(ELSEWHERE)
    service.request_first(CEDULA)

    deliver(queue, service)

    assert (stored().status, reason(stored())) == (LookupStatus.FOUND, Unmatched.PUESTO)


def test_without_a_list_an_answer_is_recorded_as_matched_to_none(
    service, scraper, queue, stored, places
):
    places.lists.clear()
    scraper.steps.append(FOUND)
    service.request_first(CEDULA)

    deliver(queue, service)

    assert reason(stored()) is Unmatched.NO_LIST


def test_an_unreadable_list_never_costs_the_answer(service, scraper, queue, stored, places, caplog):
    places.candidates = lambda place: 1 / 0
    scraper.steps.append(FOUND)
    service.request_first(CEDULA)

    with caplog.at_level(logging.ERROR):
        deliver(queue, service)

    assert (stored().status, stored().voting_place) == (LookupStatus.FOUND, PLACE)
    assert "could not be read" in caplog.text


def test_the_persons_answer_is_matched_before_it_is_recorded(service, scraper, queue, stored):
    scraper.steps.append(CAPTCHA)
    service.request_first(CEDULA)
    deliver(queue, service)

    assert service.report_answer(CEDULA, ELSEWHERE).accepted

    assert (stored().source, reason(stored())) == (AnswerSource.PERSON, Unmatched.PUESTO)


def test_an_operators_answer_is_matched_before_it_is_recorded(service, finished, stored):
    told = Found(place=evolve(PLACE, puesto="Corferias "))

    assert service.report_answer(CEDULA, told, source=AnswerSource.OPERATOR).accepted

    assert stored().voting_place.match == PlaceMatch.found(CORFERIAS)


def test_an_answer_without_a_place_is_recorded_as_told(service, finished, stored):
    assert service.report_answer(CEDULA, NotFound(), source=AnswerSource.OPERATOR).accepted

    assert stored().voting_place is None


@pytest.fixture
def answered_before_the_list(service, scraper, queue, places, stored, pending):
    """CEDULA found at CORFERIAS and OTHER at a place of no list, both while no list was
    loaded; then the list arrives."""
    loaded, places.lists = places.lists, {}
    scraper.steps += [FOUND, ELSEWHERE]
    service.request_first(CEDULA)
    deliver(queue, service)
    pending(OTHER)
    deliver(queue, service)
    places.lists = loaded
    return stored(CEDULA), stored(OTHER)


def test_stored_answers_are_matched_once_a_list_is_loaded(
    service, answered_before_the_list, stored
):
    counts = service.match_stored_places()

    assert counts == MatchCounts(matched=1, unmatched=1)
    assert stored(CEDULA).voting_place.match == PlaceMatch.found(CORFERIAS)
    assert reason(stored(OTHER)) is Unmatched.PUESTO


def test_matching_again_changes_nothing_already_matched(service, answered_before_the_list, stored):
    service.match_stored_places()
    before = stored(CEDULA), stored(OTHER)

    assert service.match_stored_places() == MatchCounts(matched=0, unmatched=1)
    assert (stored(CEDULA), stored(OTHER)) == before


def test_an_answer_matched_to_an_older_list_keeps_its_place(
    service, answered_before_the_list, stored, places
):
    service.match_stored_places()
    places.lists[PUBLISHED.replace(year=2026)] = [LATER]

    service.match_stored_places()

    assert stored(CEDULA).voting_place.match == PlaceMatch.found(CORFERIAS)


def test_a_lookup_whose_attempt_runs_is_left_to_it(
    service, answered_before_the_list, stored, repository, clock
):
    running = stored(CEDULA).restart(START).claim(clock.now(), LEASE)
    repository.records[CEDULA] = running

    assert service.match_stored_places() == MatchCounts(matched=0, unmatched=2)
    assert stored(CEDULA) == running


def test_a_record_changed_meanwhile_is_matched_as_it_stands_then(
    service, answered_before_the_list, stored, repository
):
    save = repository.save
    lost = []

    def changed_first(record):
        if not lost:
            lost.append(record)
            current = repository.records[record.cedula]
            repository.records[record.cedula] = evolve(current, version=current.version + 1)
            return False
        return save(record)

    repository.save = changed_first

    assert service.match_stored_places().matched == 1
    assert stored(CEDULA).voting_place.match == PlaceMatch.found(CORFERIAS)


def test_a_record_that_keeps_changing_is_counted_as_it_stands(
    service, answered_before_the_list, repository
):
    repository.save = lambda record: False

    assert service.match_stored_places() == MatchCounts(matched=0, unmatched=2)


def test_a_record_matched_meanwhile_is_counted_matched_and_left_as_it_is(
    service, answered_before_the_list, repository, stored
):
    matched = evolve(stored(CEDULA), voting_place=evolve(PLACE, match=PlaceMatch.found(LATER)))
    get = repository.get
    repository.get = lambda cedula: matched if cedula == CEDULA else get(cedula)

    assert service.match_stored_places().matched == 1
    assert reason(repository.records[CEDULA]) is Unmatched.NO_LIST


def test_a_record_gone_meanwhile_is_counted_unmatched(
    service, answered_before_the_list, repository
):
    get = repository.get
    repository.get = lambda cedula: None if cedula == CEDULA else get(cedula)

    assert service.match_stored_places() == MatchCounts(matched=0, unmatched=2)
