"""In-memory stand-ins for the ports, a few lines each, behaving as the ports promise."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from attrs import Factory, define, evolve

from cedula_domain import (
    AddResult,
    Blocked,
    BlockKind,
    Cedula,
    Found,
    LookupRecord,
    Outcome,
    PageChanged,
    Unavailable,
    VotingPlace,
)

START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)
CEDULA = Cedula.parse("1.234.567.890")
PLACE = VotingPlace(
    departamento="BOGOTA D.C.",
    municipio="BOGOTA D.C.",
    puesto="CORFERIAS",
    direccion="CARRERA 37 # 24-67",
    mesa="12",
)
FOUND = Found(place=PLACE, engine="stealth", evidence='{"encontrado": true}')


def top_of_range(low: float, high: float) -> float:
    """A jitter source that always draws the ceiling, so delays are exact."""
    return high


# What a scripted scraper answers: an outcome, an exception to raise, or a callable run
# at that moment (to make things happen while the "site" is being read).
Step = Outcome | BaseException | Callable[[], Outcome]


@define(slots=False)  # so that tests may patch or spy on a method
class ScriptedScraper:
    steps: list[Step] = Factory(list)
    calls: list[Cedula] = Factory(list)

    def lookup(self, cedula: Cedula) -> Outcome:
        self.calls.append(cedula)
        step = self.steps.pop(0)
        if isinstance(step, BaseException):
            raise step
        return step() if callable(step) else step

    def close(self) -> None:
        pass


# What each trouble of the site (named as census_sim's modes) comes to for a scraper.
TROUBLES: dict[str, Outcome] = {
    "firewall": Blocked(block=BlockKind.FIREWALL, support_id="1234567890123456789"),
    "captcha": Blocked(block=BlockKind.CAPTCHA),
    "http_500": Unavailable(reason="HTTP 500"),
    "hang": Unavailable(reason="no answer within the budget"),
    "changed_page": PageChanged(missing="#documento"),
    "malformed_json": PageChanged(missing="a JSON answer"),
}


@define
class TroubledScraper:
    """A census scraper whose site is in ``trouble``: every lookup meets its outcome."""

    trouble: str
    closed: bool = False

    def lookup(self, cedula: Cedula) -> Outcome:
        return TROUBLES[self.trouble]

    def close(self) -> None:
        self.closed = True


@define(slots=False)  # so that tests may patch or spy on a method
class InMemoryRepository:
    records: dict[Cedula, LookupRecord] = Factory(dict)
    # People with an account, whether or not their lookup was ever requested.
    registered: list[Cedula] = Factory(list)

    def get(self, cedula: Cedula) -> LookupRecord | None:
        return self.records.get(cedula)

    def add(self, record: LookupRecord) -> AddResult:
        if record.cedula not in self.registered:
            return AddResult.NO_ACCOUNT
        if record.cedula in self.records:
            return AddResult.EXISTS
        self.records[record.cedula] = record
        return AddResult.ADDED

    def save(self, record: LookupRecord) -> bool:
        stored = self.records.get(record.cedula)
        if stored is None or stored.version != record.version:
            return False
        self.records[record.cedula] = evolve(record, version=record.version + 1)
        return True

    def due(self, now: datetime) -> list[Cedula]:
        return [cedula for cedula, record in self.records.items() if record.is_due(now)]

    def unrequested(self) -> list[Cedula]:
        return [cedula for cedula in self.registered if cedula not in self.records]

    def purge_evidence(self, cutoff: datetime) -> int:
        expired = [record for record in self.records.values() if record.evidence_expired(cutoff)]
        for record in expired:
            self.records[record.cedula] = evolve(record, evidence="")
        return len(expired)


@define(slots=False)  # so that tests may patch or spy on a method
class RecordingQueue:
    enqueued: list[tuple[Cedula, datetime | None]] = Factory(list)

    def enqueue(self, cedula: Cedula, not_before: datetime | None = None) -> None:
        self.enqueued.append((cedula, not_before))


@define(slots=False)  # so that tests may patch or spy on a method
class SettableClock:
    current: datetime

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        self.current += delta
