"""The cédula's account passed to another person: the lookup keeps what is the cédula's."""

from __future__ import annotations

from datetime import timedelta

from fakes import CEDULA, FOUND, PLACE_MATCHED

from cedula_domain import AnswerSource, LookupStatus, Priority, Unavailable
from cedula_domain.service import RACE_TRIES
from unit.cedula_lookup.builders import CAPTCHA, OTHER, deliver


def told_by_the_previous_holder(service, scraper, clock, queue, stored):
    """The lookup gave up and the holder then told where the cédula votes."""
    scraper.steps += [Unavailable(reason="down")] * 3
    service.request_first(CEDULA)
    for _ in range(3):
        clock.current = stored().next_attempt_at
        deliver(queue, service)
    assert service.report_answer(CEDULA, FOUND).accepted
    queue.woken.clear()
    return stored()


def test_the_registradurias_answer_stays_for_the_new_holder(service, finished, stored, queue):
    assert service.hand_over(CEDULA) == finished == stored()
    assert queue.woken == []


def test_the_previous_holders_word_goes_and_the_census_is_asked_first_thing(
    service, scraper, clock, queue, stored
):
    told_by_the_previous_holder(service, scraper, clock, queue, stored)
    clock.advance(timedelta(minutes=1))

    record = service.hand_over(CEDULA)

    assert record == stored()
    assert (record.status, record.priority) == (LookupStatus.PENDING, Priority.FIRST)
    assert (record.voting_place, record.source) == (None, None)
    assert queue.woken == [None]
    scraper.steps.append(FOUND)
    deliver(queue, service)
    assert (stored().voting_place, stored().source) == (PLACE_MATCHED, AnswerSource.REGISTRADURIA)


def test_the_previous_holders_word_goes_from_a_lookup_waiting_its_retry_which_keeps_it(
    service, scraper, queue, stored
):
    scraper.steps.append(CAPTCHA)
    service.request_first(CEDULA)
    deliver(queue, service)
    assert service.report_answer(CEDULA, FOUND).accepted
    queue.woken.clear()
    waiting = stored()

    record = service.hand_over(CEDULA)

    assert (record.status, record.next_attempt_at) == (
        LookupStatus.PENDING,
        waiting.next_attempt_at,
    )
    assert (record.voting_place, record.source) == (None, None)
    assert queue.woken == []  # its wake-up was sent when the retry was set


def test_a_cedula_never_looked_up_has_nothing_to_hand_over(service, repository, queue):
    assert service.hand_over(OTHER) is None
    assert repository.records == {}
    assert queue.woken == []


def test_a_hand_over_that_keeps_losing_races_leaves_what_is_stored(
    service, scraper, clock, queue, stored, repository, mocker
):
    told = told_by_the_previous_holder(service, scraper, clock, queue, stored)
    mocker.patch.object(repository, "save", return_value=False)
    read = mocker.spy(repository, "get")

    assert service.hand_over(CEDULA) == told
    assert read.call_count == RACE_TRIES + 1
    assert queue.woken == []
