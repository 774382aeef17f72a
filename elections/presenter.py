"""Every Spanish word of election day: the countdown, the day itself, the reminder text
and its consent. Dates are written here (not by the active locale), so a text sent from a
worker reads as the card does."""

from __future__ import annotations

from datetime import date

from cedula_domain import VotingPlace
from elections.rules.election import Election

WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)

REMINDER_OFFER = (
    "Te enviamos un SMS el día antes con tu puesto y tu mesa. Nunca lleva tu cédula. "
    "Puedes cancelarlo cuando quieras en tu perfil."
)
REMINDER_ON = "Te enviaremos un SMS el día antes con tu puesto y tu mesa."
REMINDER_MESSAGES = {
    True: "Listo: el día antes de las elecciones te enviamos un SMS con tu puesto y tu mesa.",
    False: "Listo: ya no te enviaremos el SMS del día antes de las elecciones.",
}
REMINDER_CHOICE_ERROR = "Elige si quieres o no el recordatorio."


def day_words(day: date) -> str:
    """'domingo 8 de marzo'."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} de {MONTHS[day.month - 1]}"


def _elections(election: Election) -> str:
    return f"las elecciones de {election.name}" if election.name else "las elecciones"


def countdown_sentence(election: Election, days_left: int) -> str:
    """The card before the day: 'Faltan 12 días para las elecciones de …, el domingo 8 de
    marzo.'; the day before, 'Mañana, domingo 8 de marzo, son las elecciones de ….'"""
    if days_left == 1:
        return f"Mañana, {day_words(election.day)}, son {_elections(election)}."
    return f"Faltan {days_left} días para {_elections(election)}, el {day_words(election.day)}."


def today_sentence(election: Election) -> str:
    return f"Hoy, {day_words(election.day)}, son {_elections(election)}."


def reminder_text(election: Election, place: VotingPlace, address: str) -> str:
    """The text the day before: where and at which mesa, what to bring; never the cédula."""
    where = f"{place.puesto}, mesa {place.mesa}"
    if address:
        where += f" ({address}, {place.municipio})"
    return (
        f"Página Madre: mañana, {day_words(election.day)}, son {_elections(election)}. "
        f"Votas en {where}. Lleva tu cédula original."
    )
