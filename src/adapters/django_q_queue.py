"""Wake-up calls for lookups through Django-Q2: a task now, or a one-off schedule later.

A task names its lookup by the row's id, never by the cédula: task names, arguments and
results end up in the broker, the admin and the workers' logs.
"""

from __future__ import annotations

from datetime import datetime

from django_q.models import Schedule
from django_q.tasks import async_task

from cedula_domain import Cedula, Clock
from census.models import CedulaInfo

RUN_LOOKUP = "census.tasks.run_lookup"


class DjangoQTaskQueue:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def enqueue(self, cedula: Cedula, not_before: datetime | None = None) -> None:
        lookup_id = task_reference(cedula)
        if lookup_id is None:
            # No lookup is stored (the account went away): nothing to wake up for.
            return
        name = f"censo-consulta-{lookup_id}"
        if not_before is None or not_before <= self._clock.now():
            async_task(RUN_LOOKUP, lookup_id, task_name=name)
            return
        # The cluster's scheduler wakes about twice a minute, so "later" is approximate;
        # the record's next_attempt_at stays the rule, the schedule only the reminder.
        Schedule.objects.create(
            name=name,
            func=RUN_LOOKUP,
            args=repr((lookup_id,)),
            schedule_type=Schedule.ONCE,
            repeats=-1,
            next_run=not_before,
        )


def task_reference(cedula: Cedula) -> int | None:
    """What a task carries to name the lookup of ``cedula``."""
    return CedulaInfo.objects.filter(cedula=cedula.value).values_list("pk", flat=True).first()


def cedula_of_task(reference: object) -> Cedula | None:
    """The cédula a task's reference names; None when the lookup is gone, or for a
    reference of another kind (tasks queued before references were ids carried the
    cédula itself: they are dropped, and the sweep wakes their lookups again)."""
    if not isinstance(reference, int) or isinstance(reference, bool):
        return None
    cedula = CedulaInfo.objects.filter(pk=reference).values_list("cedula", flat=True).first()
    return Cedula(cedula) if cedula else None
