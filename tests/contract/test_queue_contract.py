"""TaskQueue: what can be promised and observed of a wake-up call, on the fake and on
Django-Q2 (its ORM broker and scheduler, as the settings configure them)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fakes import CEDULA

from cedula_domain import Cedula

OTHER = Cedula.parse("79123456")


@pytest.fixture(autouse=True)
def _lookups_of_cedula_and_other(lookups_stored):
    lookups_stored(CEDULA, OTHER)


def test_enqueue_asks_for_an_attempt_now(queue, wake_ups):
    queue.enqueue(CEDULA)

    assert wake_ups() == [(CEDULA, None)]


def test_enqueue_with_a_later_time_asks_for_an_attempt_not_before_it(queue, wake_ups, clock):
    later = clock.now() + timedelta(minutes=10)

    queue.enqueue(CEDULA, not_before=later)

    assert wake_ups() == [(CEDULA, later)]


def test_enqueue_with_a_time_already_reached_asks_for_an_attempt_now(queue, wake_ups, clock):
    queue.enqueue(CEDULA, not_before=clock.now())
    queue.enqueue(OTHER, not_before=clock.now() - timedelta(minutes=10))

    [(first, first_time), (second, second_time)] = wake_ups()
    assert (first, second) == (CEDULA, OTHER)
    # "Not before" a moment already past is "now", however a side writes it down.
    assert all(time is None or time <= clock.now() for time in (first_time, second_time))


def test_enqueuing_twice_is_allowed_and_each_is_a_wake_up_call(queue, wake_ups, clock):
    later = clock.now() + timedelta(minutes=10)

    for _ in range(2):
        queue.enqueue(CEDULA)
        queue.enqueue(CEDULA, not_before=later)

    assert sorted(wake_ups(), key=lambda wake_up: wake_up[1] is not None) == [
        (CEDULA, None),
        (CEDULA, None),
        (CEDULA, later),
        (CEDULA, later),
    ]


def test_each_cedula_gets_its_own_wake_up_call(queue, wake_ups):
    queue.enqueue(CEDULA)
    queue.enqueue(OTHER)

    assert sorted(wake_ups(), key=lambda wake_up: str(wake_up[0])) == [
        (CEDULA, None),
        (OTHER, None),
    ]
