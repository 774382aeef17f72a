"""The fallback chain tries the next engine after a block, and only after a block."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.census_scraper import ScraperConfig, build_scraper
from adapters.census_scraper.browser_scraper import BrowserScraper
from adapters.census_scraper.chain import FallbackScraper
from cedula_domain.outcomes import Blocked, Found, PageChanged, Unavailable
from integration.scraper.scraper_support import CLOSING_S, timed_lookup

pytestmark = pytest.mark.browser


@pytest.fixture
def chain(stealth_scraper: BrowserScraper, patchright_scraper: BrowserScraper) -> FallbackScraper:
    # Not closed here: the engines are the session's, closed at its end.
    return FallbackScraper([stealth_scraper, patchright_scraper], timeout_s=20.0)


def test_after_a_block_the_next_engine_is_tried(chain: FallbackScraper, census_sim: Any):
    census_sim.set_mode("firewall")

    outcome, _ = timed_lookup(chain, "1020304050")

    assert isinstance(outcome, Blocked)
    assert outcome.engine == "patchright"
    assert census_sim.requests("GET /") == 2


def test_the_next_engine_can_get_through_where_the_first_was_blocked(
    headless_playwright: BrowserScraper, patchright_scraper: BrowserScraper, census_sim: Any
):
    census_sim.set_mode("bot_check")
    chain = FallbackScraper([headless_playwright, patchright_scraper], timeout_s=20.0)

    outcome, _ = timed_lookup(chain, "1020304050")

    assert isinstance(outcome, Found)
    assert outcome.engine == "patchright"


@pytest.mark.parametrize(
    ("mode", "outcome_type"),
    [("normal", Found), ("http_503", Unavailable), ("changed_page", PageChanged)],
)
def test_no_other_engine_is_tried_after_an_answer_or_a_non_block_failure(
    chain: FallbackScraper, census_sim: Any, mode: str, outcome_type: type
):
    census_sim.set_mode(mode)

    outcome, _ = timed_lookup(chain, "1020304050")

    assert isinstance(outcome, outcome_type)
    assert outcome.engine == "stealth"
    assert census_sim.requests("GET /") == 1


def test_the_chain_shares_one_budget(chain: FallbackScraper, census_sim: Any):
    census_sim.set_mode("hang")

    outcome, elapsed = timed_lookup(chain, "1020304050", budget_s=1.5)

    assert isinstance(outcome, Unavailable)
    assert outcome.engine == "stealth"
    assert elapsed < 1.5 + CLOSING_S


def test_the_default_configuration_builds_the_stealth_then_patchright_chain(
    browser_executable: str,
):
    scraper = build_scraper(ScraperConfig(executable=browser_executable))
    try:
        assert isinstance(scraper, FallbackScraper)
        assert [engine.engine for engine in scraper.scrapers] == ["stealth", "patchright"]
    finally:
        scraper.close()  # nothing was launched: closing is immediate


def test_a_single_engine_builds_a_plain_scraper(browser_executable: str):
    scraper = build_scraper(ScraperConfig(engines=("patchright",), executable=browser_executable))
    try:
        assert isinstance(scraper, BrowserScraper)
        assert scraper.engine == "patchright"
    finally:
        scraper.close()
