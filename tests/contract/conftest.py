"""Each port's promises, written once and proven on both sides: the fake the unit tests
trust (id ``fake``) and the real adapter (``django``, ``browser``)."""

from __future__ import annotations

import os
import secrets
import threading
from ast import literal_eval
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import psutil
import pytest
from django.contrib.auth import get_user_model
from django_q.models import OrmQ, Schedule
from fakes import (
    START,
    InMemoryRepository,
    InMemorySource,
    RecordingQueue,
    SettableClock,
    SpacedPace,
    TroubledScraper,
    Turns,
)
from support.census_fixtures import (  # noqa: F401
    browser_executable,
    census_sim,
    census_sim_server,
    xvfb_display,
)

from accounts.privacy import policy
from adapters.census_scraper import ScraperConfig
from adapters.census_scraper.browser_scraper import BrowserScraper
from adapters.census_scraper.engines import StealthEngine
from adapters.django_q_queue import RUN_NEXT, DjangoQTaskQueue
from adapters.django_repository import DjangoCedulaRepository
from adapters.django_source import DjangoSourceRepository
from adapters.fleet_pace import BUCKET as PACE_BUCKET
from adapters.fleet_pace import FleetPace, shared_pace
from cedula_domain import (
    Cedula,
    CedulaRepository,
    CensusScraper,
    Pace,
    SourceRepository,
    TaskQueue,
)
from census.models import LookupAttempt

# Short, so that a site that never answers costs the suite only this much.
BUDGET_S = 10.0
SETTLE_GRACE_S = 1.0
RELEASE_WAIT_S = 10.0

# What a wake-up hands the function it runs: positional and keyword arguments.
Carried = tuple[tuple[Any, ...], dict[str, Any]]
# Whatever a scraper still holds: live processes and threads, or the fake's open state.
Held = Callable[[], list[Any]]


# The Django side runs on the test database, each test in a transaction rolled back. The
# mark, not a fixture asked for by name, is what tells pytest-django to create it.
FAKE_AND_DJANGO = ["fake", pytest.param("django", marks=pytest.mark.django_db)]


# CedulaRepository


@pytest.fixture(params=FAKE_AND_DJANGO)
def repository(request: pytest.FixtureRequest) -> CedulaRepository:
    return InMemoryRepository() if request.param == "fake" else DjangoCedulaRepository()


@pytest.fixture
def register(repository: CedulaRepository) -> Callable[[Cedula], None]:
    """Gives a cédula an account, as registration does: only registered people are
    looked up."""
    if isinstance(repository, InMemoryRepository):
        return repository.registered.append
    return _create_account


@pytest.fixture
def must_accept_new_policy(repository: CedulaRepository) -> Callable[[Cedula], None]:
    """Makes a registered person one who accepted only an older data policy."""
    if isinstance(repository, InMemoryRepository):
        return repository.awaiting_policy.add
    return _accepted_only_an_older_policy


def _accepted_only_an_older_policy(cedula: Cedula) -> None:
    user = get_user_model().objects.get(cedula=cedula.value)
    user.policy_acceptances.all().delete()
    user.policy_acceptances.create(version="2000-01", accepted_at=START)


def _create_account(cedula: Cedula) -> None:
    # No password: hashing one per person would only slow the suite down.
    user = get_user_model().objects.create_user(
        cedula.value, None, nombre_completo="Persona de Prueba", telefono="+573001234567"
    )
    # As the registration form does: an account that never accepted it is not looked up.
    user.policy_acceptances.create(version=policy.current_version(), accepted_at=START)


# TaskQueue


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(START)


@pytest.fixture(params=FAKE_AND_DJANGO)
def queue(request: pytest.FixtureRequest, clock: SettableClock) -> TaskQueue:
    return RecordingQueue(clock) if request.param == "fake" else DjangoQTaskQueue(clock)


@pytest.fixture
def scheduled(queue: TaskQueue, clock: SettableClock) -> Callable[[], list[datetime]]:
    """The probe: the times of the wake-ups kept for later."""
    if isinstance(queue, RecordingQueue):
        return lambda: [when for when in queue.woken if when is not None and when > clock.now()]
    return lambda: list(Schedule.objects.filter(func=RUN_NEXT).values_list("next_run", flat=True))


@pytest.fixture
def carried(queue: TaskQueue) -> Callable[[], list[Carried]]:
    """The probe: what each wake-up, for now or later, hands the task it runs."""
    if isinstance(queue, RecordingQueue):
        # The fake's wake() takes nothing but a time, so it hands nothing on.
        return lambda: [((), {}) for _ in queue.woken]
    return _django_q_carried


def _django_q_carried() -> list[Carried]:
    now = [
        (tuple(message.task["args"]), dict(message.task["kwargs"]))
        for message in OrmQ.objects.all()
        if message.task["func"] == RUN_NEXT
    ]
    later = [
        (_literal(schedule.args, ()), _literal(schedule.kwargs, {}))
        for schedule in Schedule.objects.filter(func=RUN_NEXT)
    ]
    return now + later


def _literal(text: str | None, empty: Any) -> Any:
    return literal_eval(text) if text else empty


# SourceRepository


@pytest.fixture(params=FAKE_AND_DJANGO)
def source(request: pytest.FixtureRequest) -> SourceRepository:
    return InMemorySource() if request.param == "fake" else DjangoSourceRepository()


@pytest.fixture
def attempts_kept(source: SourceRepository) -> Callable[[], list[str]]:
    """The probe: everything kept of each attempt logged, as text."""
    if isinstance(source, InMemorySource):
        return lambda: [repr(attempt) for attempt in source.attempts]
    return lambda: [repr(row) for row in LookupAttempt.objects.values()]


# CensusScraper


def _browser_scraper(url: str, executable: str) -> BrowserScraper:
    config = ScraperConfig(
        url=url, engines=("stealth",), timeout_s=BUDGET_S, settle_grace_s=SETTLE_GRACE_S
    )
    return BrowserScraper(config, StealthEngine(), executable)


@pytest.fixture(scope="module")
def browser_scraper(request: pytest.FixtureRequest) -> Iterator[BrowserScraper]:
    """One browser for the troubles, launched once."""
    # Asked for by name: the simulator and browser fixtures are imported into this module.
    scraper = _browser_scraper(
        request.getfixturevalue("census_sim_server").url,
        request.getfixturevalue("browser_executable"),
    )
    yield scraper
    scraper.close()


@pytest.fixture(params=["fake", "browser"])
def site_in_trouble(request: pytest.FixtureRequest) -> Callable[[str], CensusScraper]:
    """A scraper whose census site is in the trouble named (as census_sim's modes)."""
    if request.param == "fake":
        return TroubledScraper
    simulator = request.getfixturevalue("census_sim")
    scraper = request.getfixturevalue("browser_scraper")

    def meet(trouble: str) -> CensusScraper:
        simulator.set_mode(trouble)
        return scraper

    return meet


@pytest.fixture(params=["fake", "browser"])
def scraper_and_holdings(request: pytest.FixtureRequest) -> Iterator[tuple[CensusScraper, Held]]:
    """A scraper of its own, and the probe of what it still holds."""
    if request.param == "fake":
        fake = TroubledScraper("http_500")
        yield fake, lambda: [] if fake.closed else [fake]
        return
    simulator = request.getfixturevalue("census_sim")
    executable = request.getfixturevalue("browser_executable")
    processes_before = {process.pid for process in psutil.Process().children(recursive=True)}
    threads_before = set(threading.enumerate())
    scraper = _browser_scraper(simulator.url, executable)

    def held() -> list[Any]:
        started = [
            process
            for process in psutil.Process().children(recursive=True)
            if process.pid not in processes_before
        ]
        _, alive = psutil.wait_procs(started, timeout=RELEASE_WAIT_S)
        threads = [thread for thread in threading.enumerate() if thread not in threads_before]
        for thread in threads:
            thread.join(RELEASE_WAIT_S)
        return [p for p in alive if _running(p)] + [t for t in threads if t.is_alive()]

    try:
        yield scraper, held
    finally:
        scraper.close()


def _running(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


# Pace

REDIS_URL = "redis://127.0.0.1:6379/14"  # a spare database of the local server
POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "connect_timeout": 2}
# Make a pace taking turns every ``interval_s``, each caller waiting ``max_wait_s`` at most.
MakePace = Callable[[float, float], Pace]


@pytest.fixture(params=["fake", "sqlite", "redis", "postgres"])
def pace_store(request: pytest.FixtureRequest) -> dict[str, Any] | None:
    """Where the fleet keeps its pace, as shared_pace's arguments: a SQLite file (the
    embedded default), Redis or PostgreSQL; None for the fake."""
    if request.param == "fake":
        return None
    return request.getfixturevalue(f"{request.param}_pace_store")


@pytest.fixture
def sqlite_pace_store(tmp_path) -> dict[str, Any]:
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3")}
    return {"redis_url": "", "database": database}


@pytest.fixture
def redis_pace_store() -> Iterator[dict[str, Any]]:
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisUnreachable

    redis = Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        redis.ping()
    except RedisUnreachable as error:
        pytest.skip(f"Redis is unreachable at {REDIS_URL}: {error}")

    def forget_the_pace() -> None:
        for key in redis.scan_iter(f"pagina_madre:{PACE_BUCKET}*"):
            redis.delete(key)

    forget_the_pace()
    yield {"redis_url": REDIS_URL, "database": {"ENGINE": "django.db.backends.sqlite3"}}
    forget_the_pace()
    redis.close()


@pytest.fixture
def postgres_pace_store() -> Iterator[dict[str, Any]]:
    """A fresh database of the local PostgreSQL server, dropped afterwards."""
    import psycopg

    name = f"pace_contract_{os.getpid()}_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(dbname="postgres", autocommit=True, **POSTGRES)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL is unreachable at 127.0.0.1:5432: {error}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        database = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": POSTGRES["user"],
            "HOST": POSTGRES["host"],
            "PORT": POSTGRES["port"],
        }
        yield {"redis_url": "", "database": database}
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def make_pace(pace_store: dict[str, Any] | None) -> Iterator[MakePace]:
    """Paces sharing one store, as the workers of a fleet do; closed afterwards."""
    made: list[FleetPace] = []
    turns = Turns()

    def make(interval_s: float, max_wait_s: float) -> Pace:
        if pace_store is None:
            return SpacedPace(interval_s, max_wait_s, turns)
        pace = shared_pace(interval_s=interval_s, max_wait_s=max_wait_s, **pace_store)
        made.append(pace)
        return pace

    yield make
    for pace in made:
        pace.close()
