"""Building the configured scraper: the one place that turns names into engines."""

from __future__ import annotations

from collections.abc import Callable

from adapters.census_scraper.browser_scraper import BrowserScraper
from adapters.census_scraper.chain import FallbackScraper
from adapters.census_scraper.config import ScraperConfig, resolve_executable
from adapters.census_scraper.engines import ENGINES
from cedula_domain.ports import CensusScraper


def build_scraper(config: ScraperConfig, turn: Callable[[], bool] | None = None) -> CensusScraper:
    """The scraper ``config`` asks for; ``turn`` (the fleet's consulta pace) is waited
    for before each consulta is sent. Raises ``BrowserNotFound`` when no Chromium is
    installed; nothing is launched until the first lookup."""
    executable = resolve_executable(config.executable)
    scrapers = [
        BrowserScraper(config, ENGINES[name](), executable, turn) for name in config.engines
    ]
    if len(scrapers) == 1:
        return scrapers[0]
    return FallbackScraper(scrapers, config.timeout_s)


def build_prober(config: ScraperConfig) -> BrowserScraper:
    """A scraper on the configured first engine, to probe the page (``probe()``)."""
    name = config.engines[0]
    return BrowserScraper(config, ENGINES[name](), resolve_executable(config.executable))
