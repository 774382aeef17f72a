"""Every real portal, read by each engine through its profile: answers, blocks and the
site's own failures, each ending in its outcome within the budget, no browser left behind.

The simulator plays the three portals at their real paths (census_sim.portals); the
scraper is pointed at each page by address only, so that each is recognised by what it
shows (CENSUS_PORTAL=auto), as a page at an unknown address is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
import pytest

from adapters.census_scraper.browser_scraper import BrowserScraper
from adapters.census_scraper.engines import PatchrightEngine, StealthEngine
from cedula_domain.outcomes import (
    Blocked,
    BlockKind,
    Cancelled,
    Found,
    NotEnabled,
    NotFound,
    Unavailable,
)
from census_sim.census import MODE_TRIGGERS
from census_sim.modes import Mode
from census_sim.portals import Portal
from integration.scraper.scraper_support import (
    TIMEOUT_S,
    WELL_BEFORE_THE_BUDGET_S,
    make_config,
    timed_lookup,
)

pytestmark = pytest.mark.browser

SLOW_CEDULA = next(cedula for cedula, mode in MODE_TRIGGERS.items() if mode is Mode.SLOW)


@dataclass(frozen=True)
class Case:
    name: str
    mode: str
    outcome: type
    cedula: str = "1020304050"
    block: BlockKind | None = None

    def __str__(self) -> str:
        return self.name


CASES = [
    Case("found", "normal", Found),
    Case("not-found", "normal", NotFound, cedula="1000000001"),
    Case("cancelled", "normal", Cancelled, cedula="20000021"),
    Case("not-enabled", "normal", NotEnabled, cedula="20000098"),
    Case("captcha", "captcha", Blocked, block=BlockKind.CAPTCHA),
    Case("turnstile", "turnstile", Blocked, block=BlockKind.CAPTCHA),
    Case("site-backend-failure", "backend_failure", Unavailable),
    Case("reload", "reload", Unavailable),
    Case("f5-block", "firewall_api", Blocked, block=BlockKind.FIREWALL),
    Case("get-500-usable-page", "get_500", Found),
]


@pytest.fixture(scope="module")
def launched() -> set[int]:
    """The browsers (their roots' pids) that started during this module's own tests."""
    return set()


@pytest.fixture(autouse=True)
def _note_launched(launched: set[int]) -> Iterator[None]:
    # A worker runs one test at a time, but may run other modules' tests between these
    # (xdist hands them out in chunks), and their browsers are not ours to close.
    before = set(_browsers())
    yield
    launched.update(set(_browsers()) - before)


@pytest.fixture(scope="module")
def portal_scrapers(
    census_sim_server: Any,
    browser_executable: str,
    xvfb_display: str,
    tmp_path_factory: Any,
    launched: set[int],
) -> Iterator[Callable[[Portal, str], BrowserScraper]]:
    """One scraper per portal and engine, each pointed at the portal's page by address."""
    built: dict[tuple[Portal, str], BrowserScraper] = {}
    api = census_sim_server.url.replace("127.0.0.1", "localhost")
    snapshots: Path = tmp_path_factory.mktemp("portal-snapshots")

    def scraper(portal: Portal, engine: str) -> BrowserScraper:
        if (portal, engine) not in built:
            page = census_sim_server.url.rstrip("/") + portal.path
            config = make_config(page, api_url=api, snapshot_dir=snapshots)
            if engine == "patchright":
                config = make_config(
                    page, api_url=api, engines=("patchright",), display=xvfb_display
                )
                built[portal, engine] = BrowserScraper(
                    config, PatchrightEngine(), browser_executable
                )
            else:
                built[portal, engine] = BrowserScraper(config, StealthEngine(), browser_executable)
        return built[portal, engine]

    yield scraper
    ours = [
        process
        for root, processes in _browsers().items()
        if root in launched
        for process in processes
    ]
    for each in built.values():
        each.close()
    _, alive = psutil.wait_procs(ours, timeout=10)
    assert not alive, f"browsers left after closing the scrapers: {alive}"


def _browsers() -> dict[int, list[psutil.Process]]:
    """Every Chromium process of this test run, by the browser it belongs to (its root's
    pid): other suites' long-lived browsers start new renderers while these tests run."""
    by_root: dict[int, list[psutil.Process]] = {}
    for process in psutil.Process().children(recursive=True):
        try:
            if "chrom" not in process.name():
                continue
            root = process
            while (parent := root.parent()) is not None and "chrom" in parent.name():
                root = parent
        except psutil.Error:
            continue
        by_root.setdefault(root.pid, []).append(process)
    return by_root


@pytest.mark.parametrize("engine", ["stealth", "patchright"])
@pytest.mark.parametrize("portal", list(Portal), ids=lambda portal: portal.value)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_each_portal_ends_each_case_in_its_outcome(
    portal_scrapers: Callable[[Portal, str], BrowserScraper],
    census_sim: Any,
    portal: Portal,
    engine: str,
    case: Case,
):
    scraper = portal_scrapers(portal, engine)
    census_sim.set_mode(case.mode)

    outcome, elapsed = timed_lookup(scraper, case.cedula)

    assert isinstance(outcome, case.outcome), outcome
    if case.block is not None:
        assert isinstance(outcome, Blocked)
        assert outcome.block is case.block
    ends_by = WELL_BEFORE_THE_BUDGET_S if case.outcome in (Blocked, Unavailable) else TIMEOUT_S
    assert elapsed < ends_by, f"{case} on {portal.value} took {elapsed:.1f} s"


@pytest.mark.parametrize("portal", list(Portal), ids=lambda portal: portal.value)
def test_a_captcha_enforced_portal_is_never_asked(
    portal_scrapers: Callable[[Portal, str], BrowserScraper], census_sim: Any, portal: Portal
):
    census_sim.set_mode("captcha")

    outcome, _ = timed_lookup(portal_scrapers(portal, "stealth"), "1020304050")

    assert isinstance(outcome, Blocked)
    assert census_sim.stats()["consultas"] == []


def test_each_portal_reads_its_own_found_answer_into_the_same_place(
    portal_scrapers: Callable[[Portal, str], BrowserScraper], census_sim: Any
):
    places = {}
    for portal in Portal:
        outcome, _ = timed_lookup(portal_scrapers(portal, "stealth"), "1020304050")
        assert isinstance(outcome, Found), (portal, outcome)
        places[portal] = (outcome.place.municipio, outcome.place.mesa)

    assert len(set(places.values())) == 1, places


@pytest.mark.parametrize("engine", ["stealth", "patchright"])
def test_a_usable_page_served_as_http_500_is_still_read_after_its_app_takes_the_form_down(
    portal_scrapers: Callable[[Portal, str], BrowserScraper], census_sim: Any, engine: str
):
    # The slow cédula keeps eleccionescolombia's loading view (no form) on screen for a
    # second: long enough for the driver to look at it while the answer is on its way.
    census_sim.set_mode("get_500", delay_s=1.0)

    outcome, _ = timed_lookup(portal_scrapers(Portal.ELECCIONESCOLOMBIA, engine), SLOW_CEDULA)

    assert isinstance(outcome, Found), outcome
