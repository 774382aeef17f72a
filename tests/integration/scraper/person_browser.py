"""A plain Playwright Chromium driven as a person would drive the simulator's pages (no
scraper), noting what each page asked for and which scripts broke."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, Page, sync_playwright


@dataclass
class Visit:
    """A page of a plain Playwright Chromium, and what it asked for and broke."""

    page: Page
    urls: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def chromium(browser_executable: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=browser_executable, args=["--no-sandbox"]
        )
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def visiting(browser: Browser, base_url: str) -> Iterator[Visit]:
    """A new context and page on ``base_url``, closed afterwards."""
    context = browser.new_context(base_url=base_url, locale="es-CO")
    page = context.new_page()
    page.set_default_timeout(10_000)
    seen = Visit(page)
    page.on("request", lambda request: seen.urls.append(request.url))
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    try:
        yield seen
    finally:
        context.close()
