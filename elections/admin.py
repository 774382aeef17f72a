"""Election reminders in the admin: how many left for the next election, failed, are
unknown (claimed, never confirmed) and still wait, above the list of them. Read-only: only
the sender writes them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from accounts.privacy.audit import AuditedReads
from elections.models import ElectionReminder
from elections.presenter import day_words
from elections.selectors import ReminderCount, reminder_counts
from pagina_madre.bootstrap.elections import next_election
from portal.admin_permissions import ReadOnly

COUNT_WORDS = {
    ReminderCount.SENT: "Enviados",
    ReminderCount.FAILED: "No se pudieron enviar (el servicio de SMS los rechazó)",
    ReminderCount.UNKNOWN: (
        "Sin confirmar: el envío se interrumpió entre tomarlos y la respuesta del servicio; "
        "no se reenvían (la persona pudo recibirlo)"
    ),
    ReminderCount.PENDING: "Por enviar (lo pidieron y tienen lugar de votación)",
    ReminderCount.WITHOUT_PLACE: (
        "Lo pidieron pero su consulta no tiene lugar de votación: no se les envía"
    ),
}


@admin.register(ElectionReminder)
class ElectionReminderAdmin(AuditedReads, ReadOnly, admin.ModelAdmin):
    list_display = ("user", "election_day", "status", "claimed_at", "answered_at", "error")
    list_filter = ("election_day", "status")
    search_fields = ("user__nombre_completo", "user__cedula")
    list_select_related = ("user",)
    fields = readonly_fields = list_display

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        election = next_election()
        counts = reminder_counts(election=election) if election else {}
        extra_context = {
            **(extra_context or {}),
            "election_name": election.name if election else "",
            "election_day": day_words(election.day) if election else "",
            "reminder_counts": [
                (kind.value, COUNT_WORDS[kind], count) for kind, count in counts.items()
            ],
        }
        return super().changelist_view(request, extra_context)
