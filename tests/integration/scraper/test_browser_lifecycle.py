"""One browser per scraper, reused, recycled, relaunched, and gone after close()."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import pytest

from adapters.census_scraper.browser_scraper import BrowserScraper
from adapters.census_scraper.engines import StealthEngine
from cedula_domain.outcomes import Blocked, Found, PageChanged, Unavailable
from integration.scraper.scraper_support import (
    SNAPSHOT_KEEP,
    WELL_BEFORE_THE_BUDGET_S,
    make_config,
    timed_lookup,
)

pytestmark = pytest.mark.browser

LOOKUPS = 6
RECYCLE_AFTER = 2


def _descendants() -> list[psutil.Process]:
    return psutil.Process().children(recursive=True)


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _name(process: psutil.Process) -> str:
    try:
        return process.name()
    except psutil.Error:
        return ""


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:  # gone, or a zombie waiting to be reaped
        return []


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


@dataclass
class Series:
    """What happened over LOOKUPS lookups on a fresh scraper, then its close()."""

    outcomes: list[Any] = field(default_factory=list)
    rss_after_each: list[int] = field(default_factory=list)
    processes: dict[int, psutil.Process] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)
    launches: int = 0
    left_after_close: list[psutil.Process] = field(default_factory=list)


@pytest.fixture(scope="module")
def series(census_sim_server: Any, browser_executable: str) -> Series:
    before = {process.pid for process in _descendants()}
    config = make_config(census_sim_server.url, recycle_after=RECYCLE_AFTER)
    scraper = BrowserScraper(config, StealthEngine(), browser_executable)
    result = Series()
    try:
        for n in range(LOOKUPS):
            outcome, _ = timed_lookup(scraper, str(52_000_000 + n))
            result.outcomes.append(outcome)
            ours = [process for process in _descendants() if process.pid not in before]
            result.processes.update({process.pid: process for process in ours})
            result.names.update(_name(process) for process in ours)
            # This process (driving Playwright) and the browser tree it started.
            result.rss_after_each.append(sum(map(_rss, [psutil.Process(), *ours])))
        result.launches = scraper.launches
    finally:
        scraper.close()
    # Wait (bounded) for the processes to be gone, rather than sleeping.
    _, result.left_after_close = psutil.wait_procs(list(result.processes.values()), timeout=10)
    result.left_after_close = [p for p in result.left_after_close if _alive(p)]
    return result


def test_lookups_in_a_row_all_get_an_answer(series: Series):
    assert all(not isinstance(outcome, Unavailable) for outcome in series.outcomes)


def test_the_browser_is_recycled_after_the_configured_number_of_lookups(series: Series):
    assert series.launches == LOOKUPS // RECYCLE_AFTER


def test_the_lookups_ran_in_chromium_processes_of_our_own(series: Series):
    assert any("chrom" in name for name in series.names), series.names


def test_no_browser_process_is_left_after_close(series: Series):
    assert series.left_after_close == []


def test_memory_stays_flat_across_recycles(series: Series):
    first_cycle = max(series.rss_after_each[:RECYCLE_AFTER])
    last_cycle = max(series.rss_after_each[-RECYCLE_AFTER:])

    assert last_cycle < first_cycle * 1.3, series.rss_after_each


def test_a_browser_that_died_between_lookups_is_relaunched(
    census_sim_server: Any, browser_executable: str
):
    before = {process.pid for process in _descendants()}
    scraper = BrowserScraper(
        make_config(census_sim_server.url), StealthEngine(), browser_executable
    )
    try:
        assert isinstance(timed_lookup(scraper, "1020304050")[0], Found)
        # The browser's main process: the one Playwright talks to, not a renderer/helper.
        browsers = [
            process
            for process in _descendants()
            if process.pid not in before
            and "--remote-debugging-pipe" in _cmdline(process)
            and not any(arg.startswith("--type=") for arg in _cmdline(process))
        ]
        assert len(browsers) == 1
        browsers[0].kill()
        psutil.wait_procs(browsers, timeout=5)

        outcome, _ = timed_lookup(scraper, "1020304050")

        assert isinstance(outcome, Found)
        assert scraper.launches == 2
    finally:
        scraper.close()


def test_an_unreachable_portal_is_unavailable_at_once(browser_executable: str):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    scraper = BrowserScraper(
        make_config(f"http://127.0.0.1:{port}/"), StealthEngine(), browser_executable
    )
    try:
        outcome, elapsed = timed_lookup(scraper, "1020304050")
    finally:
        scraper.close()

    assert isinstance(outcome, Unavailable)
    assert "ERR_CONNECTION_REFUSED" in outcome.reason
    assert elapsed < WELL_BEFORE_THE_BUDGET_S  # refused, not waited out


@pytest.fixture
def snapshots(snapshot_dir: Path) -> Path:
    for path in snapshot_dir.iterdir():
        path.unlink()
    return snapshot_dir


def test_blocks_and_changed_pages_leave_a_snapshot_and_old_ones_are_pruned(
    stealth_scraper: BrowserScraper, census_sim: Any, snapshots: Path
):
    census_sim.set_mode("firewall")
    for _ in range(SNAPSHOT_KEEP):
        assert isinstance(timed_lookup(stealth_scraper, "1020304050")[0], Blocked)
    census_sim.set_mode("changed_page")
    assert isinstance(timed_lookup(stealth_scraper, "1020304050")[0], PageChanged)

    pages = sorted(snapshots.glob("*.html"))
    assert len(pages) == SNAPSHOT_KEEP
    assert len(list(snapshots.glob("*.png"))) == SNAPSHOT_KEEP
    assert pages[-1].name.endswith("-stealth-page_changed.html")
    assert "numeroDocumento" in pages[-1].read_text()


def test_answers_leave_no_snapshot(
    stealth_scraper: BrowserScraper, census_sim: Any, snapshots: Path
):
    timed_lookup(stealth_scraper, "1020304050")

    assert list(snapshots.iterdir()) == []


def test_a_closed_scraper_refuses_more_lookups(census_sim_server: Any, browser_executable: str):
    scraper = BrowserScraper(
        make_config(census_sim_server.url), StealthEngine(), browser_executable
    )
    scraper.close()

    with pytest.raises(RuntimeError, match="closed"):
        timed_lookup(scraper, "1020304050")
