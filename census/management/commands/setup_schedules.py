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


class Command(BaseCommand):
    help = (
        "Programa el barrido periódico de consultas del censo y los recordatorios de la "
        "elección por SMS (cada minuto)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        _, created = Schedule.objects.update_or_create(
            name=SWEEP_NAME,
            defaults={
                "func": SWEEP_FUNC,
                "schedule_type": Schedule.MINUTES,
                "minutes": 1,
                "repeats": -1,
            },
        )
        verb = "creado" if created else "actualizado"
        self.stdout.write(f"Barrido de consultas {verb}: {SWEEP_FUNC}, cada minuto.")
        _, created = Schedule.objects.update_or_create(
            name=REMINDERS_NAME,
            defaults={
                "func": REMINDERS_FUNC,
                "schedule_type": Schedule.MINUTES,
                "minutes": 1,
                "repeats": -1,
            },
        )
        verb = "creados" if created else "actualizados"
        self.stdout.write(f"Recordatorios de la elección {verb}: {REMINDERS_FUNC}, cada minuto.")
