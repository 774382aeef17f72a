"""Creates (or corrects) the cluster's periodic sweep; safe to run any number of times."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django_q.models import Schedule

SWEEP_NAME = "censo: barrido de consultas"
SWEEP_FUNC = "census.tasks.sweep"


class Command(BaseCommand):
    help = "Programa el barrido periódico de consultas del censo (cada minuto)."

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
