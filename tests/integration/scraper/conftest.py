"""Scrapers shared by the scraper tests: one per engine for the whole session, so that
each engine launches its browser once (a lookup then costs a new context and page); and
the worker's own machine, which their browsers must never reach."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from adapters.census_scraper.browser_scraper import BrowserScraper
from adapters.census_scraper.engines import PatchrightEngine, PlainEngine, StealthEngine
from integration.scraper.scraper_support import SNAPSHOT_KEEP, InternalEndpoint, make_config


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
    scraper = BrowserScraper(config, StealthEngine(), browser_executable)
    yield scraper
    scraper.close()


@pytest.fixture(scope="session")
def patchright_scraper(
    census_sim_server: Any, browser_executable: str, xvfb_display: str
) -> Iterator[BrowserScraper]:
    """Patchright as deployed: headful, on a virtual display."""
    config = make_config(census_sim_server.url, engines=("patchright",), display=xvfb_display)
    scraper = BrowserScraper(config, PatchrightEngine(), browser_executable)
    yield scraper
    scraper.close()


@pytest.fixture(params=["stealth", "patchright"])
def scraper(request: pytest.FixtureRequest) -> BrowserScraper:
    """Each engine in turn."""
    return request.getfixturevalue(f"{request.param}_scraper")


@pytest.fixture(scope="session")
def headless_playwright(
    census_sim_server: Any, browser_executable: str
) -> Iterator[BrowserScraper]:
    """Stock Playwright, nothing added: what bot checks are there to catch."""
    config = make_config(census_sim_server.url)
    scraper = BrowserScraper(config, PlainEngine(), browser_executable)
    yield scraper
    scraper.close()


@pytest.fixture
def internal_endpoint() -> Iterator[InternalEndpoint]:
    """A server on the worker's own machine that the census browser must never reach."""
    endpoint = InternalEndpoint()
    yield endpoint
    endpoint.stop()
