"""The composition point: the lookup service built from settings, once per process.

Each Django-Q2 worker process builds its own on its first task (after the fork), so each
has its own browser. The web process builds one too, but only to request lookups: its
scraper is never built, so the web host needs no browser installed.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings

from adapters.census_scraper import ScraperConfig, build_scraper
from adapters.clock import SystemClock
from adapters.django_q_queue import DjangoQTaskQueue
from adapters.django_repository import DjangoCedulaRepository
from adapters.polite_scraper import PoliteScraper
from cedula_domain import (
    Cedula,
    CedulaLookup,
    CensusScraper,
    Outcome,
    RefreshPolicy,
    RetryPolicy,
)


def scraper_config() -> ScraperConfig:
    """Raises ValueError for settings that make no scraper (see accounts.checks)."""
    return ScraperConfig(
        url=settings.CENSUS_URL,
        engines=settings.CENSUS_SCRAPER,
        executable=settings.CENSUS_BROWSER_EXECUTABLE or None,
        headless=settings.CENSUS_HEADLESS,
        display=os.environ.get("DISPLAY") or None,
        timeout_s=settings.CENSUS_TIMEOUT_S,
        recycle_after=settings.CENSUS_RECYCLE_AFTER,
        snapshot_dir=settings.CENSUS_SNAPSHOT_DIR,
    )


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


def retry_policy() -> RetryPolicy:
    return RetryPolicy(
        max_attempts=settings.CENSUS_MAX_ATTEMPTS,
        base_delay=timedelta(seconds=settings.CENSUS_RETRY_BASE_S),
        blocked_base_delay=timedelta(seconds=settings.CENSUS_BLOCKED_RETRY_BASE_S),
        max_delay=timedelta(seconds=settings.CENSUS_RETRY_MAX_S),
        min_delay=timedelta(seconds=settings.CENSUS_RETRY_MIN_S),
    )


@functools.cache
def lookup_service() -> CedulaLookup:
    clock = SystemClock()
    return CedulaLookup(
        repository=DjangoCedulaRepository(),
        queue=DjangoQTaskQueue(clock),
        scraper=PoliteScraper(
            ScraperOnFirstUse(lambda: build_scraper(scraper_config())),
            settings.CENSUS_MIN_INTERVAL_S,
        ),
        clock=clock,
        retry_policy=retry_policy(),
        refresh_policy=RefreshPolicy(
            interval=timedelta(seconds=settings.CENSUS_REFRESH_INTERVAL_S)
        ),
        lease=timedelta(seconds=settings.CENSUS_LEASE_S),
        evidence_retention=timedelta(days=settings.CENSUS_EVIDENCE_DAYS),
    )
