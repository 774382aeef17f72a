"""Wake-up calls for workers through Django-Q2: a task now, or a one-off schedule later.

A wake-up carries nothing: whichever worker takes it runs the lookup that goes first, as
the records say. So no task name, argument or result ever holds a cédula, and a lost or
doubled wake-up changes nothing but timing.
"""

from __future__ import annotations

from datetime import datetime

from django_q.brokers import get_broker
from django_q.models import Schedule
from django_q.tasks import async_task

from cedula_domain import Clock

RUN_NEXT = "census.tasks.run_lookup"
TASK_NAME = "censo-consulta"
SEND_TEXTS = "accounts.phone.tasks.send_texts"
TEXTS_TASK_NAME = "sms"


class DjangoQTaskQueue:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def wake(self, not_before: datetime | None = None) -> None:
        if not_before is None or not_before <= self._clock.now():
            async_task(RUN_NEXT, task_name=TASK_NAME)
            return
        # The cluster's scheduler wakes about twice a minute, so "later" is approximate;
        # the record's next_attempt_at stays the rule, the schedule only the reminder.
        Schedule.objects.create(
            name=TASK_NAME,
            func=RUN_NEXT,
            schedule_type=Schedule.ONCE,
            repeats=-1,
            next_run=not_before,
        )

    def waiting(self) -> int:
        # Wake-ups a cluster already pulled (at most its queue_limit) are not counted:
        # the sweep may add one of those twice, which runs nothing twice.
        return get_broker().queue_size()


def wake_text_sender() -> None:
    """A wake-up for the worker that sends text messages. Like a lookup's, it names no
    text, phone or cédula: the worker sends what the rows say is due."""
    async_task(SEND_TEXTS, task_name=TEXTS_TASK_NAME)
