"""Wake-up calls for lookups through Django-Q2: a task now, or a one-off schedule later."""

from __future__ import annotations

from datetime import datetime

from django_q.models import Schedule
from django_q.tasks import async_task

from cedula_domain import Cedula, Clock

RUN_LOOKUP = "accounts.tasks.run_lookup"


class DjangoQTaskQueue:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def enqueue(self, cedula: Cedula, not_before: datetime | None = None) -> None:
        if not_before is None or not_before <= self._clock.now():
            async_task(RUN_LOOKUP, cedula.value, task_name=f"censo-{cedula.value}")
            return
        # The cluster's scheduler wakes about twice a minute, so "later" is approximate;
        # the record's next_attempt_at stays the rule, the schedule only the reminder.
        Schedule.objects.create(
            name=f"censo-{cedula.value}",
            func=RUN_LOOKUP,
            args=repr((cedula.value,)),
            schedule_type=Schedule.ONCE,
            repeats=-1,
            next_run=not_before,
        )
