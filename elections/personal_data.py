"""What elections holds about a person, as a section of /perfil/mis-datos/: whether they
asked for the reminder text (every request and withdrawal), and the reminders sent."""

from __future__ import annotations

from typing import Any

from accounts.models import CustomUser
from accounts.privacy.data_sections import DataSection, add_data_section
from elections.models import CHANGE_WORDS, STATUS_WORDS, ElectionReminder, ReminderConsentLine
from elections.rules.reminder import ReminderStatus
from elections.rules.reminder_consent import ReminderConsent


def reminders(user: CustomUser) -> dict[str, Any] | None:
    """None for whoever never asked for the text: we hold nothing about them here."""
    lines = list(ReminderConsentLine.objects.filter(user=user).order_by("pk"))
    sent = ElectionReminder.objects.filter(user=user).order_by("election_day")
    if not lines and not sent.exists():
        return None
    return {
        "quieres_el_sms_del_día_antes": ReminderConsent.from_ledger(
            line.to_domain() for line in lines
        ).granted,
        "historial_de_tu_autorización": [
            {"cambio": CHANGE_WORDS[line.to_domain().change], "fecha": line.at} for line in lines
        ],
        "recordatorios": [
            {
                "elección_del": reminder.election_day.isoformat(),
                "estado": STATUS_WORDS[ReminderStatus(reminder.status)],
                "fecha": reminder.answered_at or reminder.claimed_at,
            }
            for reminder in sent
        ],
    }


add_data_section(DataSection("recordatorios", "Recordatorio de elecciones", reminders))
