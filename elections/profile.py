"""The reminder card on /perfil/, added through accounts' profile sections: ask for the
text of the day before, or stop asking."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accounts.identity.profile_sections import ProfileSection, add_profile_section
from elections.presenter import REMINDER_OFFER, day_words
from elections.selectors import reminder_consent_of
from pagina_madre.bootstrap.elections import next_election


def reminder_card(request: HttpRequest) -> dict[str, Any]:
    election = next_election()
    return {
        "consent": reminder_consent_of(user=request.user),
        "election_day": day_words(election.day) if election else "",
        "offer": REMINDER_OFFER,
    }


add_profile_section(ProfileSection("elections/perfil_recordatorio.html", reminder_card))
