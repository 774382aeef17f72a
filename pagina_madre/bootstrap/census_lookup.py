"""The composition root's census part: the lookup service and what a lookup leaves behind.

Entry points (views, tasks, signals, commands, the admin) ask here for the lookup service
and never build adapters themselves; nothing else reads the census settings. Each Django-Q2
worker process builds its own service on its first task (after the fork), so each has its
own browser. The web process builds one too, but only to request lookups: its scraper is
never built, so the web host needs no browser installed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from attrs import evolve, frozen
from django.conf import settings

from adapters.census_scraper import ENGINE_NAMES, BrowserNotFound, build_scraper, resolve_executable
from adapters.census_scraper.config import parse_engines
from adapters.census_scraper.factory import build_prober
from adapters.census_scraper.probe import PortalProbe
from adapters.census_scraper.snapshots import SnapshotStore, about, subject_of
from adapters.clock import SystemClock
from adapters.django_polling_places import DjangoPollingPlaces
from adapters.django_q_queue import DjangoQTaskQueue
from adapters.django_q_results import forget_mentions, purge_results
from adapters.django_repository import DjangoCedulaRepository
from adapters.django_source import DjangoSourceRepository
from adapters.fleet_pace import CONSULTAS, STARTS, shared_pace
from cedula_domain import Cedula, CedulaLookup, CensusScraper, Outcome, Pace
from pagina_madre.config import CensusConfig

__all__ = [
    "build_one_off_scraper",
    "census_config",
    "forget_in_queue",
    "forget_snapshots",
    "lease",
    "lookup_service",
    "missing_browser",
    "newest_snapshot",
    "official_page_url",
    "probe_census_page",
    "purge_expired_traces",
    "snapshot_file",
]


def census_config() -> CensusConfig:
    return settings.CENSUS


def official_page_url() -> str:
    """The Registraduría's page people are sent to, to look themselves up: the public page
    of the portal the operator configured (``CENSUS_URL``, ``CENSUS_PORTAL``)."""
    return census_config().scraper.url


def lease() -> timedelta:
    """How long a worker holds a lookup; tied to the task timeout, so it lives with the
    cluster's settings."""
    return timedelta(seconds=settings.CENSUS_LEASE_S)


def missing_browser() -> str | None:
    """What is wrong with the configured browser, if it cannot be found."""
    try:
        resolve_executable(census_config().scraper.executable)
    except BrowserNotFound as error:
        return str(error)
    return None


# What a command that runs the scraper by hand tells people: the engines it may name (and
# how a list of them is read), and the error of a missing browser.
__all__ = ["ENGINE_NAMES", "BrowserNotFound", "parse_engines"]


def build_one_off_scraper(**overrides: Any) -> CensusScraper:
    """The configured scraper with some settings changed (``url``, ``engines``), for a
    lookup outside the queue. Raises ValueError for bad overrides, ``BrowserNotFound``."""
    return build_scraper(evolve(census_config().scraper, **overrides))


def probe_census_page(**overrides: Any) -> PortalProbe:
    """Which known portal the configured page (or ``url``) is, asking it nothing. Raises
    ValueError for bad overrides, ``BrowserNotFound``."""
    prober = build_prober(evolve(census_config().scraper, **overrides))
    try:
        return prober.probe()
    finally:
        prober.close()


class ScraperOnFirstUse:
    """Builds the configured scraper at the first lookup, not before."""

    def __init__(self, build: Callable[[], CensusScraper]) -> None:
        self._build = build
        self._scraper: CensusScraper | None = None

    def lookup(self, cedula: Cedula) -> Outcome:
        if self._scraper is None:
            self._scraper = self._build()
        # Snapshots the lookup takes can be found again when the person is forgotten.
        with about(_snapshot_subject(cedula)):
            return self._scraper.lookup(cedula)

    def close(self) -> None:
        if self._scraper is not None:
            self._scraper.close()


@functools.cache
def lookup_service() -> CedulaLookup:
    config = census_config()
    clock = SystemClock()
    return CedulaLookup(
        repository=DjangoCedulaRepository(),
        queue=DjangoQTaskQueue(clock),
        # Lookups start at the fleet's pace, and each sends its consulta at that pace too:
        # pages load in more or less time, and the site must see the interval.
        scraper=ScraperOnFirstUse(
            lambda: build_scraper(config.scraper, turn=_consulta_pace().wait_turn)
        ),
        source=DjangoSourceRepository(),
        places=DjangoPollingPlaces(),
        pace=PaceOnFirstUse(STARTS, lambda config: config.pace_wait_s),
        clock=clock,
        retry_policy=config.retry,
        refresh_policy=config.refresh,
        breaker_policy=config.breaker,
        interval=timedelta(seconds=config.pace_interval_s),
        lease=lease(),
        evidence_retention=config.evidence_retention,
    )


def _consulta_pace() -> PaceOnFirstUse:
    # Lookups already start at the fleet's pace: a consulta waits only for the pages
    # that loaded slower than its own, within half the lookup's budget.
    return PaceOnFirstUse(CONSULTAS, lambda config: config.scraper.timeout_s / 2)


class PaceOnFirstUse:
    """Connects to where the fleet keeps the pace named ``key`` at the first turn asked,
    not before: the web process never asks for one."""

    def __init__(self, key: str, max_wait_s: Callable[[CensusConfig], float]) -> None:
        self._key = key
        self._max_wait_s = max_wait_s
        self._pace: Pace | None = None

    def wait_turn(self) -> bool:
        if self._pace is None:
            config = census_config()
            self._pace = shared_pace(
                interval_s=config.pace_interval_s,
                max_wait_s=self._max_wait_s(config),
                redis_url=settings.REDIS_URL,
                database=settings.DATABASES["default"],
                key=self._key,
            )
        return self._pace.wait_turn()


# --- What a lookup leaves besides its record: snapshots, the queue's stored results -----


def forget_snapshots(cedula: Cedula) -> None:
    """Remove the snapshots of this cédula's lookups. They are files on the host that took
    them: a fleet shares CENSUS_SNAPSHOT_DIR, or the other hosts' go with the retention."""
    store = _snapshot_store()
    if store is not None:
        store.forget(_snapshot_subject(cedula))


def forget_in_queue(cedula: Cedula) -> None:
    """Remove whatever of the queue's mentions this cédula (nothing, by design)."""
    forget_mentions(cedula.value)


def purge_expired_traces(now: datetime) -> None:
    """The sweep's housekeeping: snapshots older than the evidence's retention, the
    queue's stored results older than theirs."""
    retention = census_config().evidence_retention
    store = _snapshot_store()
    if store is not None:
        store.purge(now - retention)
    purge_results(
        successes_before=now - timedelta(minutes=settings.QCLUSTER_RESULTS_MINUTES),
        failures_before=now - retention,
    )


@frozen
class Snapshot:
    """One snapshot operators may open: its name and the files saved under it."""

    name: str
    taken_at: datetime
    # File names in CENSUS_SNAPSHOT_DIR, the screenshot first when there is one.
    files: tuple[str, ...]


_OPENED = (".png", ".html")


def newest_snapshot() -> Snapshot | None:
    """The snapshot written last (a changed page, or a block), or None when none is kept."""
    files = _snapshot_files()
    if not files:
        return None
    newest = max(files, key=lambda path: (path.stat().st_mtime, path.name))
    same = sorted(
        (path for path in files if path.stem == newest.stem),
        key=lambda path: _OPENED.index(path.suffix),
    )
    return Snapshot(
        name=newest.stem,
        taken_at=datetime.fromtimestamp(newest.stat().st_mtime, tz=UTC),
        files=tuple(path.name for path in same),
    )


def snapshot_file(name: str) -> Path | None:
    """The snapshot file called ``name`` in CENSUS_SNAPSHOT_DIR; None for any other name
    (never a path outside it)."""
    return next((path for path in _snapshot_files() if path.name == name), None)


def _snapshot_files() -> list[Path]:
    store = _snapshot_store()
    if store is None or not store.directory.is_dir():
        return []
    return [path for path in store.directory.iterdir() if path.suffix in _OPENED and path.is_file()]


def _snapshot_store() -> SnapshotStore | None:
    directory = census_config().scraper.snapshot_dir
    return None if directory is None else SnapshotStore(directory)


def _snapshot_subject(cedula: Cedula) -> str:
    # Keyed with the secret every host shares, so the portal names the files a worker wrote.
    return subject_of(cedula.value, key=settings.SECRET_KEY.encode())
