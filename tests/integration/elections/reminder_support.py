"""People who asked (or not) for the reminder text, with or without a place on their card,
and SMS senders that stop the run where a test wants."""

from __future__ import annotations

from datetime import UTC, datetime

from attrs import evolve

from accounts.models import CustomUser
from adapters.sms.sender import Phone, SmsNotSent, e164
from cedula_domain import AnswerSource, LookupStatus
from elections.services import ask_for_reminder
from integration.portal.census_support import PLACE, store


def make_person(n: int, *, asks: bool = True, place: bool = True) -> CustomUser:
    person = CustomUser.objects.create_user(
        f"7000000{n:03d}",
        "Clave-de-prueba-2026",
        nombre_completo=f"Persona {n}",
        telefono=f"+57300100{n:04d}",
    )
    if asks:
        ask_for_reminder(user=person, wanted=True)
    if place:
        store(
            person,
            status=LookupStatus.FOUND,
            voting_place=evolve(PLACE, mesa=str(n)),
            source=AnswerSource.REGISTRADURIA,
            fetched_at=datetime.now(UTC),
        )
    else:
        store(person, status=LookupStatus.NOT_FOUND, fetched_at=datetime.now(UTC))
    return person


class Crash(Exception):
    """The process stops here (a kill, a crash): nothing after it runs."""


class Phones:
    """The SMS service as the tests see it: every text it accepted, in order. It may crash
    the run right after accepting the text number ``crash_after_accepting`` (the text left,
    its confirmation never written), or right before the text number
    ``crash_before_sending`` (claimed, never handed over), or refuse some numbers."""

    def __init__(self) -> None:
        self.accepted: list[tuple[str, str]] = []
        self.crash_after_accepting: int | None = None
        self.crash_before_sending: int | None = None
        self.refused: set[str] = set()
        self._calls = 0

    def send(self, to: Phone, text: str) -> None:
        self._calls += 1
        if self._calls == self.crash_before_sending:
            raise Crash
        if e164(to) in self.refused:
            raise SmsNotSent("HTTP 400 from the provider")
        self.accepted.append((e164(to), text))
        if len(self.accepted) == self.crash_after_accepting:
            raise Crash

    def restart(self) -> None:
        """A new process: no crash planned."""
        self.crash_after_accepting = self.crash_before_sending = None

    def texts_to(self, person: CustomUser) -> list[str]:
        return [text for to, text in self.accepted if to == e164(person.telefono)]
