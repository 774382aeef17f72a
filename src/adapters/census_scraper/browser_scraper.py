"""A census scraper on one engine: one browser per scraper object, reused across lookups.

The browser lives on a thread of its own. Playwright's sync API is bound to the thread that
started it and refuses to start where another driver already runs, so an owner thread per
engine lets a fallback chain hold two engines at once, and lets any thread call ``lookup``
(one at a time; callers queue). Each lookup gets a new context and page, closed afterwards;
the browser is recycled after ``recycle_after`` lookups and relaunched when it died.
Everything the browser asks of hosts other than the census origin goes through the
scraper's egress proxy, which refuses the worker's own machine and network.
"""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING

from attrs import evolve

from adapters.census_scraper.deadline import Deadline
from adapters.census_scraper.egress import EgressRule
from adapters.census_scraper.egress_proxy import EgressProxy
from adapters.census_scraper.owner_thread import OwnerThread
from adapters.census_scraper.page_driver import PageDriver, first_line
from adapters.census_scraper.probe import PortalProbe
from adapters.census_scraper.snapshots import SnapshotStore
from cedula_domain.outcomes import Outcome, Unavailable

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Browser, Playwright

    from adapters.census_scraper.config import ScraperConfig
    from adapters.census_scraper.engines import Engine
    from cedula_domain.cedula import Cedula

logger = logging.getLogger(__name__)

# Every wait inside a lookup respects the budget; this margin only covers a browser call
# that hangs regardless (a wedged browser). Past it the lookup is given up on.
OVERRUN_MARGIN_S = 5.0
CLOSE_TIMEOUT_S = 30.0
# Kept out of the page's waits so that closing the page and context fits in the budget.
CLEANUP_RESERVE_S = 0.3


class BrowserScraper:
    """``CensusScraper`` on one engine."""

    def __init__(
        self,
        config: ScraperConfig,
        engine: Engine,
        executable: str,
        turn: Callable[[], bool] | None = None,
    ) -> None:
        self._config = config
        self._engine = engine
        self._executable = executable
        self._errors = engine.errors()
        snapshots = (
            SnapshotStore(config.snapshot_dir, config.snapshot_keep)
            if config.snapshot_dir is not None
            else None
        )
        self._rule = EgressRule(*config.trusted_origins[:1], also=config.trusted_origins[1:])
        self._driver = PageDriver(
            url=config.url,
            portals=config.portals,
            census=config.census_origin,
            engine=engine.name,
            errors=self._errors,
            grace_s=config.settle_grace_s,
            snapshots=snapshots,
            turn=turn,
        )
        self._owner = OwnerThread(f"census-{engine.name}")
        self._lock = threading.Lock()
        self._closed = False
        # Touched only on the owner thread:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._proxy: EgressProxy | None = None
        self._lookups_on_browser = 0
        self._launches = 0
        self._wedged = False
        self._pid = os.getpid()

    @property
    def engine(self) -> str:
        return self._engine.name

    @property
    def launches(self) -> int:
        """How many times a browser was launched (recycles and relaunches included)."""
        return self._launches

    def lookup(self, cedula: Cedula) -> Outcome:
        return self.lookup_until(cedula, Deadline.after(self._config.timeout_s))

    def lookup_until(self, cedula: Cedula, deadline: Deadline) -> Outcome:
        with self._lock:
            if self._closed:
                raise RuntimeError("this census scraper is closed")
            if self._pid != os.getpid():
                # Inherited through a fork: the driver and browser are the parent's.
                self._pid = os.getpid()
                self._playwright = self._browser = self._proxy = None
            job = self._owner.submit(self._lookup, cedula, deadline)
        try:
            outcome = job.result(timeout=deadline.remaining_s() + OVERRUN_MARGIN_S)
        except FutureTimeout:
            # The owner thread is stuck in a browser call: have it start afresh next time.
            self._wedged = True
            outcome = Unavailable(
                reason=f"el navegador no terminó en los {deadline.budget_s:g} s del presupuesto"
            )
        return evolve(outcome, engine=self._engine.name)

    def probe(self) -> PortalProbe:
        """Which portal the configured page is, asking it nothing (no lookup)."""
        deadline = Deadline.after(self._config.timeout_s)
        with self._lock:
            job = self._owner.submit(self._probe, deadline)
        return job.result(timeout=deadline.remaining_s() + OVERRUN_MARGIN_S)

    def close(self) -> None:
        """Close the browser and stop the driver; no Chromium is left running."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        if self._pid != os.getpid():
            return  # a forked child never started a browser of its own
        try:
            self._owner.submit(self._shut_down).result(timeout=CLOSE_TIMEOUT_S)
        except FutureTimeout:
            logger.warning("the %s browser did not close within %s s", self.engine, CLOSE_TIMEOUT_S)
        finally:
            self._owner.stop()

    # --- on the owner thread ----------------------------------------------------------

    def _lookup(self, cedula: Cedula, deadline: Deadline) -> Outcome:
        try:
            browser = self._ready_browser(deadline)
        except self._errors.error as error:
            # The engine is the outcome's own field (lookup_until): no need to name it here.
            return Unavailable(reason=f"no se pudo abrir el navegador: {first_line(error)}")
        context = page = None
        try:
            try:
                context = self._engine.new_context(browser)
            except self._errors.error:
                # Died while idle (crash, killed, OOM): the sync API only hears of it at
                # the next call, which is this one. Relaunch once, within the budget.
                self._close_browser()
                context = self._engine.new_context(self._ready_browser(deadline))
            page = context.new_page()
            return self._driver.read(page, cedula, deadline.less(CLEANUP_RESERVE_S))
        except self._errors.error as error:
            # The browser went away under us (crash, killed): relaunch on the next lookup.
            self._close_browser()
            return Unavailable(reason=f"el navegador falló: {first_line(error)}")
        finally:
            # Page first, then context: what a long-lived browser needs to keep its memory.
            for closable in (page, context):
                if closable is not None:
                    try:
                        closable.close()
                    except self._errors.error:
                        logger.debug("closing after a lookup failed", exc_info=True)
            self._lookups_on_browser += 1

    def _probe(self, deadline: Deadline) -> PortalProbe:
        context = self._engine.new_context(self._ready_browser(deadline))
        try:
            return self._driver.probe(context.new_page(), deadline.less(CLEANUP_RESERVE_S))
        finally:
            context.close()

    def _ready_browser(self, deadline: Deadline) -> Browser:
        browser = self._browser
        if browser is not None and (
            self._wedged
            or not browser.is_connected()
            or self._lookups_on_browser >= self._config.recycle_after
            or self._proxy is None
            or not self._proxy.running
        ):
            self._close_browser()
        if self._browser is None:
            self._browser = self._launch(deadline)
        return self._browser

    def _launch(self, deadline: Deadline) -> Browser:
        if self._playwright is None:
            self._playwright = self._engine.start()
        proxy = self._egress()
        try:
            browser = self._engine.launch(
                self._playwright, self._config, self._executable, deadline.ms(), proxy
            )
        except self._errors.error:
            # The driver itself may be gone (killed): start a new one and try once more.
            self._stop_driver()
            self._playwright = self._engine.start()
            browser = self._engine.launch(
                self._playwright, self._config, self._executable, deadline.ms(), proxy
            )
        self._lookups_on_browser = 0
        self._launches += 1
        self._wedged = False
        return browser

    def _egress(self) -> dict[str, str]:
        """The browser's proxy settings, the proxy (re)started if it is not running."""
        if self._proxy is None or not self._proxy.running:
            self._stop_proxy()
            self._proxy = EgressProxy(self._rule).start()
        return self._proxy.browser_settings()

    def _stop_proxy(self) -> None:
        proxy, self._proxy = self._proxy, None
        if proxy is not None:
            proxy.stop()

    def _close_browser(self) -> None:
        browser, self._browser = self._browser, None
        if browser is not None:
            try:
                browser.close()
            except self._errors.error:
                logger.debug("closing the browser failed", exc_info=True)

    def _stop_driver(self) -> None:
        playwright, self._playwright = self._playwright, None
        if playwright is not None:
            try:
                playwright.stop()
            except Exception:  # a dead driver may fail to stop in many ways
                logger.debug("stopping the driver failed", exc_info=True)

    def _shut_down(self) -> None:
        self._close_browser()
        self._stop_driver()
        self._stop_proxy()
