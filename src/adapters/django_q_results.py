"""What Django-Q2 keeps in the database besides wake-ups: stored results and schedules.

Wake-ups carry nothing (``django_q_queue``), so no task name, argument or result names a
person by design. What stays is kept briefly anyway (results of a crash may quote
anything), and forgetting a person still looks through all of it, decoded, as a check
that costs little: the tables hold a few dozen rows.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django_q.models import Failure, OrmQ, Schedule, Success, Task


def purge_results(*, successes_before: datetime, failures_before: datetime) -> int:
    """Drop stored results older than their retention; how many."""
    successes, _ = Success.objects.filter(stopped__lt=successes_before).delete()
    failures, _ = Failure.objects.filter(stopped__lt=failures_before).delete()
    return successes + failures


def forget_mentions(text: str) -> int:
    """Drop every queued task, schedule and stored result whose name, arguments or result
    mention ``text``; how many."""
    mentioning = Q(name__contains=text) | Q(args__contains=text) | Q(kwargs__contains=text)
    schedules, _ = Schedule.objects.filter(mentioning).delete()
    results = [task.pk for task in Task.objects.all() if text in _decoded(task)]
    Task.objects.filter(pk__in=results).delete()
    queued = [row.pk for row in OrmQ.objects.all() if text in repr(row.task)]
    OrmQ.objects.filter(pk__in=queued).delete()
    return schedules + len(results) + len(queued)


def _decoded(task: Task) -> str:
    return repr((task.name, task.func, task.args, task.kwargs, task.result))
