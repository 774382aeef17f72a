"""Shared integration fixtures: the census simulator, the browser and a virtual display
(from ``support.census_fixtures``), and a page of a real browser on the portal.

No Django import here, so the scraper suite runs with `-p no:django`; `browser_page`
only asks for pytest-django's live_server when a portal test uses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, sync_playwright
from support.census_fixtures import (  # noqa: F401
    browser_executable,
    census_sim,
    census_sim_server,
    xvfb_display,
)


@pytest.fixture
def browser_page(
    request: pytest.FixtureRequest, live_server: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Page]:
    """A page of a real Chromium, driven by Playwright, on the portal that live_server runs."""
    # Asked for by name: the browser fixture is imported into this module.
    executable = request.getfixturevalue("browser_executable")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # are still plain synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(base_url=live_server.url, locale="es-CO")
        page = context.new_page()
        page.set_default_timeout(10_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()
