"""The composition root: the one place that turns settings into working parts.

Entry points (views, tasks, signals, commands, the admin) ask here for the lookup service
and never build adapters themselves; nothing else reads the census settings. Each Django-Q2
worker process builds its own service on its first task (after the fork), so each has its
own browser. The web process builds one too, but only to request lookups: its scraper is
never built, so the web host needs no browser installed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from attrs import evolve
from django.conf import settings

from adapters.census_scraper import BrowserNotFound, build_scraper, resolve_executable
from adapters.clock import SystemClock
from adapters.django_q_queue import DjangoQTaskQueue, cedula_of_task
from adapters.django_repository import DjangoCedulaRepository
from adapters.polite_scraper import PoliteScraper
from cedula_domain import Cedula, CedulaLookup, CensusScraper, Outcome
from pagina_madre.census_config import CensusConfig

__all__ = [
    "build_one_off_scraper",
    "cedula_of_task",
    "census_config",
    "lease",
    "lookup_service",
    "missing_browser",
]


def census_config() -> CensusConfig:
    return settings.CENSUS


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


def build_one_off_scraper(**overrides: Any) -> CensusScraper:
    """The configured scraper with some settings changed (``url``, ``engines``), for a
    lookup outside the queue. Raises ValueError for bad overrides, ``BrowserNotFound``."""
    return build_scraper(evolve(census_config().scraper, **overrides))


class ScraperOnFirstUse:
    """Builds the configured scraper at the first lookup, not before."""

    def __init__(self, build: Callable[[], CensusScraper]) -> None:
        self._build = build
        self._scraper: CensusScraper | None = None

    def lookup(self, cedula: Cedula) -> Outcome:
        if self._scraper is None:
            self._scraper = self._build()
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
        scraper=PoliteScraper(
            ScraperOnFirstUse(lambda: build_scraper(config.scraper)), config.min_interval_s
        ),
        clock=clock,
        retry_policy=config.retry,
        refresh_policy=config.refresh,
        lease=lease(),
        evidence_retention=config.evidence_retention,
    )
