"""In-memory stand-ins for the ports, a few lines each, behaving as the ports promise."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from attrs import Factory, define, evolve

from cedula_domain import (
    AddResult,
    AttemptTimes,
    Blocked,
    BlockKind,
    Breaker,
    Candidates,
    Cedula,
    Found,
    LookupRecord,
    OfficialPlace,
    Outcome,
    PageChanged,
    PlaceCode,
    PlaceMatch,
    Unavailable,
    VotingPlace,
    code_named,
    name_key,
)

START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)
# The fleet's spacing between two requests to the site.
INTERVAL = timedelta(seconds=15)
CEDULA = Cedula.parse("1.234.567.890")
PLACE = VotingPlace(
    departamento="BOGOTA D.C.",
    municipio="BOGOTA D.C.",
    puesto="CORFERIAS",
    direccion="CARRERA 37 # 24-67",
    mesa="12",
)
FOUND = Found(place=PLACE, engine="stealth", evidence='{"encontrado": true}')
# PLACE in the official list the fakes hold, and PLACE as the service records it.
CORFERIAS = OfficialPlace(
    election="congreso-2026",
    code=PlaceCode("16", "001", "13", "99"),
    departamento="BOGOTA D.C.",
    municipio="BOGOTA. D.C.",
    puesto="CORFERIAS",
    direccion="CARRERA 37 # 24-67",
)
PUBLISHED = date(2025, 12, 12)
PLACE_MATCHED = evolve(PLACE, match=PlaceMatch.found(CORFERIAS))


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
    "http_500": Unavailable(reason="el portal respondió HTTP 500"),
    "hang": Unavailable(reason="sin respuesta en los 60 s del presupuesto"),
    "changed_page": PageChanged(missing="#documento"),
    "malformed_json": PageChanged(missing="una respuesta JSON de la consulta"),
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
    # People who must accept a new version of the data policy first.
    awaiting_policy: set[Cedula] = Factory(set)

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
        return [record.cedula for record in self._due(now)]

    def next_due(self, now: datetime) -> LookupRecord | None:
        return min(self._due(now), key=lambda record: record.place_in_line, default=None)

    def count_due(self, now: datetime, before: LookupRecord | None = None) -> int:
        due = self._due(now)
        return sum(1 for r in due if before is None or r.place_in_line < before.place_in_line)

    def _due(self, now: datetime) -> list[LookupRecord]:
        return [
            record
            for cedula, record in self.records.items()
            if record.is_due(now) and cedula not in self.awaiting_policy
        ]

    def unrequested(self) -> list[Cedula]:
        return [cedula for cedula in self.registered if cedula not in self.records]

    def purge_evidence(self, cutoff: datetime) -> int:
        expired = [record for record in self.records.values() if record.evidence_expired(cutoff)]
        for record in expired:
            self.records[record.cedula] = evolve(record, evidence="")
        return len(expired)

    def without_official_place(self) -> list[Cedula]:
        places = [(r.cedula, r.voting_place) for r in self.records.values() if r.voting_place]
        return [c for c, place in places if not (place.match and place.match.official)]


@define(slots=False)  # so that tests may patch or spy on a method
class InMemoryPollingPlaces:
    """The lists loaded, by the day each was published: the latest is the current one."""

    lists: dict[date, list[OfficialPlace]] = Factory(lambda: {PUBLISHED: [CORFERIAS]})

    def candidates(self, place: VotingPlace) -> Candidates | None:
        if not self.lists:
            return None
        current = self.lists[max(self.lists)]
        code = code_named(place.coddivipol)
        municipio = name_key(place.municipio)
        return Candidates(
            of_municipio=tuple(p for p in current if name_key(p.municipio) == municipio),
            named_by_code=next((p for p in current if p.code == code), None),
        )


@define(slots=False)  # so that tests may patch or spy on a method
class RecordingQueue:
    """Every wake-up asked for (None: now). ``backlog`` counts those due now that no
    worker took yet: a test delivers one by taking it off, or flushes the broker with 0."""

    clock: SettableClock
    woken: list[datetime | None] = Factory(list)
    backlog: int = 0

    def wake(self, not_before: datetime | None = None) -> None:
        self.woken.append(not_before)
        if not_before is None or not_before <= self.clock.now():
            self.backlog += 1

    def waiting(self) -> int:
        return self.backlog


def ended_at(at: datetime, *, lasting: timedelta = timedelta(seconds=10)) -> AttemptTimes:
    """The times of an attempt that ended ``at``, due since it started."""
    return AttemptTimes(due_at=at - lasting, started_at=at - lasting, finished_at=at)


@define(slots=False)  # so that tests may patch or spy on a method
class InMemorySource:
    stored: Breaker = Factory(Breaker)
    # What each attempt came to and its times: the outcome's type, never its cédula or
    # evidence.
    attempts: list[tuple[type[Outcome], AttemptTimes]] = Factory(list)

    def breaker(self) -> Breaker:
        return self.stored

    def save_breaker(self, breaker: Breaker) -> bool:
        if breaker.version != self.stored.version:
            return False
        self.stored = evolve(breaker, version=breaker.version + 1)
        return True

    def log_attempt(self, outcome: Outcome, times: AttemptTimes) -> None:
        self.attempts.append((type(outcome), times))

    @property
    def ended(self) -> list[tuple[type[Outcome], datetime]]:
        """What each attempt came to, and when it ended."""
        return [(kind, times.finished_at) for kind, times in self.attempts]

    def recent_attempts(self, since: datetime, limit: int) -> list[AttemptTimes]:
        ended = [times for _, times in self.attempts if times.finished_at >= since]
        return sorted(ended, key=lambda times: times.finished_at)[-limit:] if limit else []

    def forget_attempts(self, cutoff: datetime) -> int:
        kept = [(kind, times) for kind, times in self.attempts if times.finished_at >= cutoff]
        forgotten, self.attempts = len(self.attempts) - len(kept), kept
        return forgotten


class FreePace:
    """A pace without an interval: every worker gets its turn at once."""

    def wait_turn(self) -> bool:
        return True


class NoTurnPace:
    """The fleet is busy: no turn comes within the wait allowed."""

    def wait_turn(self) -> bool:
        return False


@define
class Turns:
    """The fake's shared store of the pace: when the next turn may be taken."""

    next_at: float = 0.0
    lock: threading.Lock = Factory(threading.Lock)


@define
class SpacedPace:
    """One turn per ``interval_s`` among all the threads and paces sharing ``turns``;
    each caller waits ``max_wait_s`` at most."""

    interval_s: float
    max_wait_s: float
    turns: Turns = Factory(Turns)

    def wait_turn(self) -> bool:
        with self.turns.lock:
            now = time.monotonic()
            turn = max(now, self.turns.next_at)
            granted = turn - now <= self.max_wait_s
            if granted:
                self.turns.next_at = turn + self.interval_s
        time.sleep(min(turn - now, self.max_wait_s))
        return granted


@define(slots=False)  # so that tests may patch or spy on a method
class SettableClock:
    current: datetime

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        self.current += delta
