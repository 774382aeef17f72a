"""Creates (or corrects) the cluster's periodic jobs, all declared here: the census sweep,
and the election reminders (elections.tasks, named by string: census imports nothing of
elections). Safe to run any number of times."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django_q.models import Schedule

SWEEP_NAME = "censo: barrido de consultas"
SWEEP_FUNC = "census.tasks.sweep"
# Every minute too: on other days it finds nothing due and ends at once; the day before the
# election each run sends for at most half a minute (elections.tasks.RUN_SECONDS).
REMINDERS_NAME = "elecciones: recordatorios por SMS"
REMINDERS_FUNC = "elections.tasks.send_reminders"
# Each job, and what the command says once it was created or updated.
JOBS = (
    (SWEEP_NAME, SWEEP_FUNC, ("Barrido de consultas creado", "Barrido de consultas actualizado")),
    (
        REMINDERS_NAME,
        REMINDERS_FUNC,
        ("Recordatorios de la elección creados", "Recordatorios de la elección actualizados"),
    ),
)


class Command(BaseCommand):
    help = (
        "Programa el barrido periódico de consultas del censo y los recordatorios de la "
        "elección por SMS (cada minuto)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for name, func, (created_words, updated_words) in JOBS:
            words = created_words if _every_minute(name, func) else updated_words
            self.stdout.write(f"{words}: {func}, cada minuto.")


def _every_minute(name: str, func: str) -> bool:
    """The job ``name`` runs ``func`` every minute from now on; whether it was new."""
    _, created = Schedule.objects.update_or_create(
        name=name,
        defaults={"func": func, "schedule_type": Schedule.MINUTES, "minutes": 1, "repeats": -1},
    )
    return created
