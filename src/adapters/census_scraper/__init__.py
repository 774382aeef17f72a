"""The census scraper: reads the Registraduría portal with a real browser.

Public names: ``ScraperConfig`` (``ScraperConfig.from_env(os.environ)``), ``build_scraper``,
``ENGINE_NAMES``, ``BrowserNotFound``. No Django here: the settings build the config.
"""

from adapters.census_scraper.config import (
    ENGINE_NAMES,
    BrowserNotFound,
    ScraperConfig,
    resolve_executable,
)
from adapters.census_scraper.factory import build_scraper

__all__ = [
    "ENGINE_NAMES",
    "BrowserNotFound",
    "ScraperConfig",
    "build_scraper",
    "resolve_executable",
]
