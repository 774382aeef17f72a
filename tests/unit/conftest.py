"""Shared pieces of the domain's unit tests; no Django here, on purpose."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fakes import (
    CEDULA,
    INTERVAL,
    LEASE,
    START,
    FreePace,
    InMemoryPollingPlaces,
    InMemoryRepository,
    InMemorySource,
    RecordingQueue,
    ScriptedScraper,
    SettableClock,
    top_of_range,
)

from cedula_domain import BreakerPolicy, CedulaLookup, Pace, RefreshPolicy, RetryPolicy


@pytest.fixture
def retry_policy() -> RetryPolicy:
    return RetryPolicy(random=top_of_range)


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(START)


@pytest.fixture
def repository() -> InMemoryRepository:
    """CEDULA holds an account, as the person most tests follow; nobody else does."""
    return InMemoryRepository(registered=[CEDULA])


@pytest.fixture
def queue(clock) -> RecordingQueue:
    return RecordingQueue(clock)


@pytest.fixture
def source() -> InMemorySource:
    return InMemorySource()


@pytest.fixture
def places() -> InMemoryPollingPlaces:
    """The official list holds PLACE (CORFERIAS)."""
    return InMemoryPollingPlaces()


@pytest.fixture
def scraper() -> ScriptedScraper:
    return ScriptedScraper()


@pytest.fixture
def make_service(repository, queue, source, places, clock, retry_policy):
    """Builds services sharing the repository, queue, source and clock; one per worker."""

    def make(
        scraper: ScriptedScraper,
        refresh_policy: RefreshPolicy | None = None,
        pace: Pace | None = None,
    ) -> CedulaLookup:
        return CedulaLookup(
            repository=repository,
            queue=queue,
            scraper=scraper,
            source=source,
            places=places,
            pace=pace or FreePace(),
            clock=clock,
            retry_policy=retry_policy,
            refresh_policy=refresh_policy or RefreshPolicy(),
            breaker_policy=BreakerPolicy(),
            interval=INTERVAL,
            lease=LEASE,
            evidence_retention=timedelta(days=30),
        )

    return make


@pytest.fixture
def service(make_service, scraper) -> CedulaLookup:
    return make_service(scraper)
