"""Asking for the reminder text, or no longer: from the card or from /perfil/."""

from __future__ import annotations

from django import forms

from elections.presenter import REMINDER_CHOICE_ERROR


class ReminderForm(forms.Form):
    recordatorio = forms.TypedChoiceField(
        choices=[("si", "Quiero el recordatorio"), ("no", "Ya no quiero el recordatorio")],
        coerce=lambda value: value == "si",
        error_messages={"required": REMINDER_CHOICE_ERROR, "invalid_choice": REMINDER_CHOICE_ERROR},
    )
