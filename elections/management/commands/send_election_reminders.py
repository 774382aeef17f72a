"""Sends the reminder texts of the day before the election, now, at REMINDER_RATE."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from elections.services import send_due_reminders


class Command(BaseCommand):
    help = (
        "Envía los SMS de recordatorio del día antes de la elección (ELECTION_DATE) a quienes "
        "los pidieron y tienen lugar de votación, a REMINDER_RATE. Solo el día antes, de 9:00 "
        "a 20:00 (hora de Colombia); nunca dos a la misma persona para la misma elección: "
        "puede correrse de nuevo tras una caída."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        run = send_due_reminders()
        if not run.due:
            self.stdout.write(
                "No hay recordatorios que enviar ahora: sin ELECTION_DATE, o no es el día "
                "antes de la elección entre las 9:00 y las 20:00 (hora de Colombia)."
            )
            return
        self.stdout.write(f"Recordatorios enviados: {run.sent}; no enviados: {run.failed}.")
