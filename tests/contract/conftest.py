"""Each port's promises, written once and proven on both sides: the fake the unit tests
trust (id ``fake``) and the real adapter (``django``, ``browser``)."""

from __future__ import annotations

import threading
from ast import literal_eval
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import psutil
import pytest
from django.contrib.auth import get_user_model
from django_q.models import OrmQ, Schedule
from fakes import START, InMemoryRepository, RecordingQueue, SettableClock, TroubledScraper
from support.census_fixtures import (  # noqa: F401
    browser_executable,
    census_sim,
    census_sim_server,
    xvfb_display,
)

from adapters.census_scraper import ScraperConfig
from adapters.census_scraper.browser_scraper import BrowserScraper
from adapters.census_scraper.engines import StealthEngine
from adapters.django_q_queue import RUN_LOOKUP, DjangoQTaskQueue, cedula_of_task
from adapters.django_repository import DjangoCedulaRepository
from cedula_domain import (
    AddResult,
    Cedula,
    CedulaRepository,
    CensusScraper,
    LookupRecord,
    TaskQueue,
)

# Short, so that a site that never answers costs the suite only this much.
BUDGET_S = 10.0
SETTLE_GRACE_S = 1.0
RELEASE_WAIT_S = 10.0

# (cédula, not before): None means "now".
WakeUp = tuple[Cedula, datetime | None]
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


def _create_account(cedula: Cedula) -> None:
    # No password: hashing one per person would only slow the suite down.
    get_user_model().objects.create_user(
        cedula.value, None, nombre_completo="Persona de Prueba", telefono="+573001234567"
    )


# TaskQueue


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(START)


@pytest.fixture(params=FAKE_AND_DJANGO)
def queue(request: pytest.FixtureRequest, clock: SettableClock) -> TaskQueue:
    return RecordingQueue() if request.param == "fake" else DjangoQTaskQueue(clock)


@pytest.fixture
def lookups_stored(queue: TaskQueue) -> Callable[..., None]:
    """Stores the lookups of registered people, for the wake-up calls to be about:
    Django-Q2's tasks name a lookup by its row, and wake up none that is not stored."""
    if isinstance(queue, RecordingQueue):
        return lambda *cedulas: None

    def store(*cedulas: Cedula) -> None:
        repository = DjangoCedulaRepository()
        for cedula in cedulas:
            _create_account(cedula)
            assert repository.add(LookupRecord.requested(cedula, START)) is AddResult.ADDED

    return store


@pytest.fixture
def wake_ups(queue: TaskQueue) -> Callable[[], list[WakeUp]]:
    """The probe: what the queue was asked for so far."""
    if isinstance(queue, RecordingQueue):
        return lambda: list(queue.enqueued)
    return _django_q_wake_ups


def _django_q_wake_ups() -> list[WakeUp]:
    """Tasks in the ORM broker run now; one-off schedules not before their next run."""
    now = [
        (cedula_of_task(*message.task["args"]), None)
        for message in OrmQ.objects.all()
        if message.task["func"] == RUN_LOOKUP
    ]
    later = [
        (cedula_of_task(*literal_eval(schedule.args)), schedule.next_run)
        for schedule in Schedule.objects.filter(func=RUN_LOOKUP)
    ]
    return now + later


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
