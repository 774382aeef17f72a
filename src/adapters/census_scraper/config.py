"""How the census scraper is set up: a framework-free value object read from the environment."""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import shutil
from collections.abc import Mapping
from pathlib import Path

from attrs import field, frozen, validators

from adapters.census_scraper.egress import Origin
from adapters.census_scraper.portals import AUTO, PortalProfile, known_portals
from adapters.environment import Environment, given

DEFAULT_URL = "https://consultacenso.registraduria.gov.co/"
# The engines, in the order a chain tries them by default.
ENGINE_NAMES: tuple[str, ...] = ("stealth", "patchright")
DEFAULT_ENGINES = ENGINE_NAMES
SYSTEM_CHROMIUM = "/usr/bin/chromium"


class BrowserNotFound(RuntimeError):
    """No Chromium to drive: a deployment problem, not a census outcome."""


def parse_engines(text: str) -> tuple[str, ...]:
    """``"stealth, patchright"`` -> ``("stealth", "patchright")``; unknown names refused."""
    names: list[str] = []
    for raw in text.split(","):
        name = raw.strip().lower()
        if not name:
            continue
        if name not in ENGINE_NAMES:
            raise ValueError(
                f"unknown census scraper {name!r}; valid scrapers: {', '.join(ENGINE_NAMES)} "
                "(or a comma-separated chain of them)"
            )
        if name not in names:
            names.append(name)
    if not names:
        raise ValueError(f"no census scraper named; valid scrapers: {', '.join(ENGINE_NAMES)}")
    return tuple(names)


def _engines(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return parse_engines(value if isinstance(value, str) else ",".join(value))


def _positive(instance: object, attribute: object, value: float) -> None:
    if value <= 0:
        raise ValueError(f"{getattr(attribute, 'name', 'value')} must be positive, not {value}")


def _census_url(instance: object, attribute: object, value: str) -> None:
    # The census origin is the one place the browser may reach whatever its address:
    # it must be an http(s) origin, named when the settings load.
    try:
        Origin.of(value)
    except ValueError:
        raise ValueError(f"CENSUS_URL must be an http(s) URL with a host, not {value!r}") from None


def _known_portal(instance: object, attribute: object, value: str) -> None:
    if value != AUTO:
        try:
            known_portals().named(value)
        except ValueError as error:
            raise ValueError(f"CENSUS_PORTAL: {error}") from None


def _optional_origin(instance: object, attribute: object, value: str | None) -> None:
    if value is not None:
        try:
            Origin.of(value)
        except ValueError:
            raise ValueError(f"CENSUS_API_URL must be an http(s) URL, not {value!r}") from None


def _optional_path(value: str | Path | None) -> Path | None:
    if value is None or str(value).strip() == "":
        return None
    return Path(value)


@frozen(kw_only=True)
class ScraperConfig:
    url: str = field(default=DEFAULT_URL, validator=_census_url)
    # Which portal the page at ``url`` is (a profile of ``portals.toml``): "auto" knows
    # it by its host, or else by what the page shows.
    portal: str = field(default=AUTO, validator=_known_portal)
    # Where the portal's answer API lives when it is on another host and that host is not
    # public (a local replica): the browser may reach it as it reaches the census.
    api_url: str | None = field(default=None, validator=_optional_origin)
    # One engine, or a chain tried in order; the next one only after a block.
    engines: tuple[str, ...] = field(default=DEFAULT_ENGINES, converter=_engines)
    # None: Playwright's own Chromium if installed, else the system one (resolved when the
    # scraper is built, so that reading the settings never needs a browser).
    executable: str | None = None
    # For the stealth engine. Patchright runs headful whenever ``display`` is set (its
    # authors' advice: headless Chromium still says "HeadlessChrome"), headless otherwise.
    headless: bool = True
    display: str | None = field(default=None)
    # The whole lookup, launch included: every wait inside takes what is left of it.
    timeout_s: float = field(default=60.0, validator=_positive)
    # Relaunch the browser after this many lookups: memory grows in a long-lived browser.
    recycle_after: int = field(default=50, validator=[validators.instance_of(int), _positive])
    # Where HTML + PNG snapshots of blocks and changed pages go (None: not kept).
    snapshot_dir: Path | None = field(default=None, converter=_optional_path)
    snapshot_keep: int = field(default=50, validator=_positive)
    # How long a page that is not the form yet (a JS challenge, an unknown layout) gets to
    # turn into the form before we call it a block or a changed page.
    settle_grace_s: float = field(default=5.0, validator=_positive)

    @property
    def census_origin(self) -> Origin:
        """Where the census lives: the only origin the browser may reach at any address
        (with the answer API's, when ``api_url`` names one)."""
        return Origin.of(self.url)

    @property
    def trusted_origins(self) -> tuple[Origin, ...]:
        """The origins the browser may reach whatever their address."""
        api = () if self.api_url is None else (Origin.of(self.api_url),)
        return (self.census_origin, *api)

    @property
    def portals(self) -> tuple[PortalProfile, ...]:
        """The portals the page at ``url`` may be (one when forced or known by its host)."""
        return known_portals().candidates(self.url, self.portal)

    @display.validator
    def _headful_needs_a_display(self, attribute: object, display: str | None) -> None:
        # Checked however the config is built: a headful browser without a screen fails
        # only at its first launch, in the worker, long after the settings were read.
        if not self.headless and display is None:
            raise ValueError("CENSUS_HEADLESS=false needs a DISPLAY (for example, under Xvfb)")

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ScraperConfig:
        """Read ``CENSUS_*`` variables (and ``DISPLAY``) from an environment-like mapping;
        what is unset keeps the default above."""
        read = Environment(env)
        return cls(
            **given(
                url=read.text("CENSUS_URL"),
                portal=read.text("CENSUS_PORTAL"),
                api_url=read.text("CENSUS_API_URL"),
                engines=read.text("CENSUS_SCRAPER"),
                executable=read.text("CENSUS_BROWSER_EXECUTABLE"),
                headless=read.flag("CENSUS_HEADLESS"),
                display=read.text("DISPLAY"),
                timeout_s=read.number("CENSUS_TIMEOUT_S", float),
                recycle_after=read.number("CENSUS_RECYCLE_AFTER", int),
                snapshot_dir=read.text("CENSUS_SNAPSHOT_DIR"),
            )
        )


def resolve_executable(configured: str | None) -> str:
    """The Chromium binary to launch, or a message that says how to get one."""
    if configured is not None:
        # A bare name ("chromium") is looked up on the PATH.
        found = configured if os.sep in configured else shutil.which(configured)
        if found and os.path.isfile(found) and os.access(found, os.X_OK):
            return found
        raise BrowserNotFound(f"CENSUS_BROWSER_EXECUTABLE={configured!r} is not an executable file")
    for candidate in (_playwright_chromium(), SYSTEM_CHROMIUM):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise BrowserNotFound(
        "No Chromium found for the census scraper. Install one with "
        "`apt-get install -y chromium` (Debian's, at /usr/bin/chromium) or "
        "`playwright install chromium` (Playwright's own), "
        "or point CENSUS_BROWSER_EXECUTABLE at a Chromium binary."
    )


def _playwright_chromium() -> str | None:
    """Where ``playwright install chromium`` puts the browser this Playwright expects."""
    # find_spec, not import: reading the settings should not load Playwright.
    spec = importlib.util.find_spec("playwright")
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(spec.submodule_search_locations[0]) / "driver" / "package"
    try:
        browsers = json.loads((package / "browsers.json").read_text())["browsers"]
        revision = next(b["revision"] for b in browsers if b["name"] == "chromium")
    except (OSError, ValueError, KeyError, StopIteration):
        return None
    location = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if location == "0":
        root = package / ".local-browsers"
    elif location:
        root = Path(location)
    else:
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ms-playwright"
    arch = "chrome-linux-arm64" if platform.machine() in ("aarch64", "arm64") else "chrome-linux64"
    for folder in (arch, "chrome-linux"):
        candidate = root / f"chromium-{revision}" / folder / "chrome"
        if candidate.is_file():
            return str(candidate)
    return None
