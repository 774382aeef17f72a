"""The browsers a lookup can drive, behind one small interface.

- ``stealth``: stock Playwright with playwright-stealth 2.x on top (one ``Stealth`` for the
  process), Spanish (Colombia) languages and the platform this machine really has, so that
  the user agent and ``navigator.platform`` agree.
- ``patchright``: the patched Playwright, without stealth on top (stealth only accepts
  stock Playwright objects); headful when a display (e.g. Xvfb) is available, because
  headless Chromium still says "HeadlessChrome" in its user agent.
- ``playwright``: stock Playwright, nothing added. Not offered as a setting: tests and the
  benchmark use it to show what an undisguised browser looks like to a bot check.

The libraries are imported when an engine starts, so reading the settings stays cheap.
"""

from __future__ import annotations

import functools
import os
import platform
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from attrs import frozen

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Playwright
    from playwright_stealth import Stealth

    from adapters.census_scraper.config import ScraperConfig

# Without the background-networking flags Chromium keeps calling Google services, which on a
# closed network fills the logs with refused connections; the rest keeps it lean. WebRTC
# would otherwise send UDP past the egress proxy, to any address a page names (Chromium's
# switch is --webrtc-ip-handling-policy; the "force-" spelling found online does nothing).
LAUNCH_FLAGS: tuple[str, ...] = (
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--webrtc-ip-handling-policy=disable_non_proxied_udp",
)
LOCALE = "es-CO"
LANGUAGES: tuple[str, str] = ("es-CO", "es")
TIMEZONE = "America/Bogota"


def launch_args() -> list[str]:
    return list(LAUNCH_FLAGS)


def sandboxed(euid: int | None = None) -> bool:
    """Whether Chromium runs its sandbox: always, except as root, where Chromium refuses
    to start it (Playwright then passes ``--no-sandbox``). Run the worker unprivileged."""
    if euid is None:
        euid = os.geteuid() if hasattr(os, "geteuid") else None
    return euid != 0


def navigator_platform() -> str:
    """What ``navigator.platform`` natively says on this machine (the UA says the same)."""
    if sys.platform.startswith("linux"):
        return f"Linux {platform.machine()}"
    if sys.platform == "darwin":
        return "MacIntel"
    return "Win32"


@functools.cache
def shared_stealth() -> Stealth:
    """The process's one Stealth: its scripts are built once and reused by every context."""
    from playwright_stealth import Stealth

    return Stealth(
        navigator_languages_override=LANGUAGES,
        navigator_platform_override=navigator_platform(),
    )


@frozen
class ErrorTypes:
    """The exception classes of one engine's library (patchright has its own copies)."""

    error: type[Exception]
    timeout: type[Exception]


class Engine(Protocol):
    name: str

    def errors(self) -> ErrorTypes: ...

    def start(self) -> Playwright:
        """Start the library's driver (sync API) on the calling thread."""
        ...

    def launch(
        self,
        playwright: Playwright,
        config: ScraperConfig,
        executable: str,
        timeout_ms: float,
        proxy: Mapping[str, str] | None = None,
    ) -> Browser:
        """``proxy``: Playwright's proxy settings (``server``, ``bypass``), for every context."""
        ...

    def new_context(self, browser: Browser) -> BrowserContext: ...


class _Chromium:
    """Launching Chromium and opening a context: the same for every engine, but for when
    it runs headless."""

    name: ClassVar[str]

    def headless(self, config: ScraperConfig) -> bool:
        return config.headless

    def launch(
        self,
        playwright: Playwright,
        config: ScraperConfig,
        executable: str,
        timeout_ms: float,
        proxy: Mapping[str, str] | None = None,
    ) -> Browser:
        headless = self.headless(config)
        options: dict[str, Any] = {}
        if not headless and config.display:
            options["env"] = {**os.environ, "DISPLAY": config.display}
        if proxy is not None:
            options["proxy"] = dict(proxy)
        return playwright.chromium.launch(
            executable_path=executable,
            headless=headless,
            args=launch_args(),
            chromium_sandbox=sandboxed(),
            timeout=timeout_ms,
            **options,
        )

    def new_context(self, browser: Browser) -> BrowserContext:
        return browser.new_context(locale=LOCALE, timezone_id=TIMEZONE)


class _StockPlaywright(_Chromium):
    def errors(self) -> ErrorTypes:
        import playwright.sync_api as api

        return ErrorTypes(error=api.Error, timeout=api.TimeoutError)


class StealthEngine(_StockPlaywright):
    name = "stealth"

    def start(self) -> Playwright:
        from playwright.sync_api import sync_playwright

        # use_sync hooks this Playwright's launchers: every context then gets the evasions,
        # the AutomationControlled blink feature off and the Accept-Language flag.
        return shared_stealth().use_sync(sync_playwright()).start()


class PlainEngine(_StockPlaywright):
    name = "playwright"

    def start(self) -> Playwright:
        from playwright.sync_api import sync_playwright

        return sync_playwright().start()


class PatchrightEngine(_Chromium):
    name = "patchright"

    def errors(self) -> ErrorTypes:
        import patchright.sync_api as api

        return ErrorTypes(error=api.Error, timeout=api.TimeoutError)

    def start(self) -> Playwright:
        from patchright.sync_api import sync_playwright

        return sync_playwright().start()  # type: ignore[return-value]  # same API, own classes

    def headless(self, config: ScraperConfig) -> bool:
        # Headful whenever a display is set: what patchright's evasions are made for.
        return config.display is None


ENGINES: dict[str, type[Engine]] = {
    StealthEngine.name: StealthEngine,
    PatchrightEngine.name: PatchrightEngine,
}
