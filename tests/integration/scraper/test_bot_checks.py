"""What the simulator's bot checks see of each engine: stealth and patchright (headful)
pass; stock Playwright is turned away, by its user agent headless and by
navigator.webdriver even headful."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from adapters.census_scraper.browser_scraper import BrowserScraper
from adapters.census_scraper.engines import PatchrightEngine, PlainEngine
from cedula_domain.outcomes import Blocked, BlockKind, Found
from integration.scraper.scraper_support import make_config, timed_lookup

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def headful_playwright(
    census_sim_server: Any, browser_executable: str, xvfb_display: str
) -> Iterator[BrowserScraper]:
    config = make_config(census_sim_server.url, headless=False, display=xvfb_display)
    scraper = BrowserScraper(config, PlainEngine(), browser_executable)
    yield scraper
    scraper.close()


@pytest.fixture(scope="module")
def headless_patchright(
    census_sim_server: Any, browser_executable: str
) -> Iterator[BrowserScraper]:
    config = make_config(census_sim_server.url, engines=("patchright",), display=None)
    scraper = BrowserScraper(config, PatchrightEngine(), browser_executable)
    yield scraper
    scraper.close()


@pytest.fixture
def bot_check(census_sim: Any) -> Any:
    census_sim.set_mode("bot_check")
    return census_sim


def test_stealth_passes_both_bot_checks(stealth_scraper: BrowserScraper, bot_check: Any):
    outcome, _ = timed_lookup(stealth_scraper, "1020304050")

    assert isinstance(outcome, Found)
    assert bot_check.requests("GET /rejected") == 0


def test_stealth_speaks_colombian_spanish_with_a_plain_chrome_user_agent(
    stealth_scraper: BrowserScraper, bot_check: Any
):
    timed_lookup(stealth_scraper, "1020304050")

    call = bot_check.stats()["consultas"][0]
    assert call["accept_language"].startswith("es-CO")
    assert "HeadlessChrome" not in call["user_agent"]
    assert "Linux" in call["user_agent"]


def test_headful_patchright_passes_both_bot_checks(
    patchright_scraper: BrowserScraper, bot_check: Any
):
    outcome, _ = timed_lookup(patchright_scraper, "1020304050")

    assert isinstance(outcome, Found)


def test_headless_patchright_is_rejected_for_its_user_agent(
    headless_patchright: BrowserScraper, bot_check: Any
):
    outcome, _ = timed_lookup(headless_patchright, "1020304050")

    assert isinstance(outcome, Blocked)
    assert outcome.block is BlockKind.BOT_DETECTED
    assert outcome.engine == "patchright"


def test_plain_headless_playwright_is_rejected_for_its_user_agent(
    headless_playwright: BrowserScraper, bot_check: Any
):
    outcome, _ = timed_lookup(headless_playwright, "1020304050")

    assert isinstance(outcome, Blocked)
    assert outcome.block is BlockKind.BOT_DETECTED
    assert outcome.support_id
    # Turned away by the server, before the page's script could run.
    assert bot_check.requests("GET /rejected") == 0


def test_plain_playwright_is_rejected_by_the_webdriver_check_even_headful(
    headful_playwright: BrowserScraper, bot_check: Any
):
    outcome, _ = timed_lookup(headful_playwright, "1020304050")

    assert isinstance(outcome, Blocked)
    assert outcome.block is BlockKind.BOT_DETECTED
    # The page's own script saw navigator.webdriver === true and sent it away.
    assert bot_check.requests("GET /rejected") == 1
    assert bot_check.requests("POST /back/api/consulta") == 0


def test_a_rejection_without_automation_signals_is_a_plain_firewall_block(
    stealth_scraper: BrowserScraper, census_sim: Any
):
    census_sim.set_mode("firewall")

    outcome, _ = timed_lookup(stealth_scraper, "1020304050")

    assert isinstance(outcome, Blocked)
    assert outcome.block is BlockKind.FIREWALL
