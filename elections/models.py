"""The consent ledger for reminder texts and the reminders themselves, as rows; the rules
live in ``elections.rules`` (reminder_consent, reminder)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from elections.rules.reminder import ReminderStatus
from elections.rules.reminder_consent import ConsentChange, ConsentEntry

CHANGE_WORDS = {
    ConsentChange.GRANTED: "Pidió el recordatorio",
    ConsentChange.WITHDRAWN: "Dejó de pedirlo",
}
STATUS_WORDS = {
    ReminderStatus.CLAIMED: "Sin confirmar",
    ReminderStatus.SENT: "Enviado",
    ReminderStatus.FAILED: "No se pudo enviar",
}


class ReminderConsentLine(models.Model):
    """One line of a person's ledger of consent to reminder texts: appended, never edited;
    it goes with the account."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_consent_lines",
        verbose_name="persona",
    )
    change = models.CharField(
        "cambio",
        max_length=10,
        choices=[(change.value, words) for change, words in CHANGE_WORDS.items()],
    )
    at = models.DateTimeField("fecha")

    class Meta:
        verbose_name = "autorización de recordatorio por SMS"
        verbose_name_plural = "autorizaciones de recordatorio por SMS"
        # The order of writing is the ledger's order (see ReminderConsent).
        ordering = ["user", "pk"]

    def __str__(self) -> str:
        return f"{self.get_change_display()} el {self.at:%Y-%m-%d %H:%M}"

    def to_domain(self) -> ConsentEntry:
        return ConsentEntry(change=ConsentChange(self.change), at=self.at)


class ElectionReminder(models.Model):
    """The reminder text of one person for one election: claimed before it is sent (one
    row per person and election, so never two), then marked sent or failed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="election_reminders",
        verbose_name="persona",
    )
    election_day = models.DateField("día de la elección")
    status = models.CharField(
        "estado",
        max_length=10,
        choices=[(status.value, words) for status, words in STATUS_WORDS.items()],
        default=ReminderStatus.CLAIMED.value,
    )
    claimed_at = models.DateTimeField("tomado para enviar el")
    answered_at = models.DateTimeField("respuesta del servicio el", null=True, blank=True)
    # Why the SMS service refused it, as the service said (never the number or the text).
    error = models.CharField("error", max_length=200, blank=True)

    class Meta:
        verbose_name = "recordatorio de elección por SMS"
        verbose_name_plural = "recordatorios de elección por SMS"
        ordering = ["-claimed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "election_day"], name="one_reminder_per_person_and_election"
            )
        ]
        indexes = [models.Index(fields=["election_day", "status"])]

    def __str__(self) -> str:
        return f"Recordatorio del {self.election_day:%Y-%m-%d}: {self.get_status_display()}"
