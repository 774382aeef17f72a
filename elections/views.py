"""HTTP entry points of election day: asking for the reminder text or no longer."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from elections.forms import ReminderForm
from elections.presenter import REMINDER_MESSAGES
from elections.services import ask_for_reminder

# Where the person asked from (the form's "desde"): back there after.
BACK = {"inicio": "census:home", "perfil": "accounts:profile"}


@require_POST
def reminder(request: HttpRequest) -> HttpResponse:
    """Grant or withdraw, from the card on the home page or on /perfil/."""
    form = ReminderForm(request.POST)
    back = BACK.get(request.POST.get("desde", ""), "accounts:profile")
    if not form.is_valid():
        messages.error(request, form.errors["recordatorio"][0])
        return redirect(back)
    wanted = form.cleaned_data["recordatorio"]
    ask_for_reminder(user=request.user, wanted=wanted)
    messages.success(request, REMINDER_MESSAGES[wanted])
    return redirect(back)
