"""The next election (``ELECTION_DATE``, ``ELECTION_NAME``) and how fast its reminders
leave (``REMINDER_RATE``). Without a date no election is announced: the card counts down
to nothing and no reminder is sent."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from attrs import frozen

from adapters.environment import Environment, given


@frozen(kw_only=True)
class ElectionsConfig:
    # The day of the next election, in Colombia; None: none announced.
    election_date: date | None = None
    # As the card says it: "las elecciones de {name}".
    election_name: str = ""
    # Reminder texts per period, for the whole portal. An SMS provider's long code takes
    # about one message a second (Twilio's figure); a Messaging Service or a short code more.
    reminder_rate: str = "60/m"

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> ElectionsConfig:
        """Raises ValueError naming the variable that makes no sense."""
        read = Environment(environ)
        return cls(
            election_date=_iso_date(read.text("ELECTION_DATE")),
            **given(
                election_name=read.text("ELECTION_NAME"),
                reminder_rate=read.rate("REMINDER_RATE"),
            ),
        )


def _iso_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"ELECTION_DATE must be a date written YYYY-MM-DD (e.g. 2026-03-08), not {value!r}"
        ) from None
