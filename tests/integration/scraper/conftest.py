"""Scrapers shared by the scraper tests: one per engine for the whole session, so that
each engine launches its browser once (a lookup then costs a new context and page)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve

from adapters.census_scraper import ScraperConfig
from adapters.census_scraper.browser_scraper import BrowserScraper
from adapters.census_scraper.deadline import Deadline
from adapters.census_scraper.engines import Engine, PatchrightEngine, StealthEngine
from cedula_domain.cedula import Cedula
from cedula_domain.outcomes import Outcome

# Generous next to what a lookup takes here (about a second), so that "fast" means fast.
TIMEOUT_S = 20.0
# How long a challenge or an unknown page gets to become the form: short in tests.
GRACE_S = 1.0
SNAPSHOT_KEEP = 3


def make_config(url: str, **overrides: Any) -> ScraperConfig:
    config = ScraperConfig(
        url=url, engines=("stealth",), timeout_s=TIMEOUT_S, settle_grace_s=GRACE_S
    )
    return evolve(config, **overrides)


def make_scraper(engine: Engine, config: ScraperConfig, executable: str) -> BrowserScraper:
    return BrowserScraper(config, engine, executable)


def timed_lookup(scraper: Any, cedula: str, budget_s: float | None = None) -> tuple[Outcome, float]:
    """The outcome and how long it took; ``budget_s`` overrides the scraper's timeout."""
    started = time.monotonic()
    if budget_s is None:
        outcome = scraper.lookup(Cedula.parse(cedula))
    else:
        outcome = scraper.lookup_until(Cedula.parse(cedula), Deadline.after(budget_s))
    return outcome, time.monotonic() - started


@pytest.fixture(scope="session")
def snapshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("snapshots")


@pytest.fixture(scope="session")
def stealth_scraper(
    census_sim_server: Any, browser_executable: str, snapshot_dir: Path
) -> Iterator[BrowserScraper]:
    config = make_config(
        census_sim_server.url, snapshot_dir=snapshot_dir, snapshot_keep=SNAPSHOT_KEEP
    )
    scraper = make_scraper(StealthEngine(), config, browser_executable)
    yield scraper
    scraper.close()


@pytest.fixture(scope="session")
def patchright_scraper(
    census_sim_server: Any, browser_executable: str, xvfb_display: str
) -> Iterator[BrowserScraper]:
    """Patchright as deployed: headful, on a virtual display."""
    config = make_config(census_sim_server.url, engines=("patchright",), display=xvfb_display)
    scraper = make_scraper(PatchrightEngine(), config, browser_executable)
    yield scraper
    scraper.close()


@pytest.fixture(params=["stealth", "patchright"])
def scraper(request: pytest.FixtureRequest) -> BrowserScraper:
    """Each engine in turn."""
    return request.getfixturevalue(f"{request.param}_scraper")
