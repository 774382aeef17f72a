"""TaskQueue: what can be promised and observed of a wake-up call, on the fake and on
Django-Q2 (its ORM broker and scheduler, as the settings configure them)."""

from __future__ import annotations

from datetime import timedelta

from fakes import CEDULA

MINUTES = timedelta(minutes=10)


def test_a_wake_up_for_now_waits_to_be_delivered(queue, scheduled):
    before = queue.waiting()

    queue.wake()

    assert queue.waiting() == before + 1
    assert scheduled() == []


def test_each_wake_up_for_now_waits_on_its_own(queue):
    before = queue.waiting()

    queue.wake()
    queue.wake()

    assert queue.waiting() == before + 2


def test_a_wake_up_for_later_is_kept_for_its_time_and_does_not_wait_now(queue, scheduled, clock):
    before = queue.waiting()
    later = clock.now() + MINUTES

    queue.wake(not_before=later)

    assert queue.waiting() == before
    assert scheduled() == [later]


def test_a_wake_up_for_a_time_already_reached_waits_now(queue, scheduled, clock):
    before = queue.waiting()

    queue.wake(not_before=clock.now())
    queue.wake(not_before=clock.now() - MINUTES)

    assert queue.waiting() == before + 2
    assert scheduled() == []


def test_a_wake_up_names_no_lookup_and_hands_nothing_on(queue, carried, clock):
    queue.wake()
    queue.wake(not_before=clock.now() + MINUTES)

    handed = carried()

    assert handed == [((), {}), ((), {})]
    assert CEDULA.value not in repr(handed)
