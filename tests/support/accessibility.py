"""``assert_accessible(page, name)``: the page as it stands, checked by both engines the
browser tests carry, axe-core (``axe.py``) and HTML_CodeSniffer (``htmlcs.py``), and on a
phone's width also measured for touch targets and focus rings (``touch.py``); every finding
is listed, one per line, in one failure.

With ``PAGINA_MADRE_SCREENSHOTS`` set to a folder, each checked page is also saved there
as a full-page PNG named after the check, for people to look at.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from playwright.sync_api import Page
from support import axe, htmlcs, touch

# Below Bootstrap's "sm" breakpoint the pages take their phone layout: where fingers tap.
PHONE_MAX_WIDTH = 575


def assert_accessible(page: Page, name: str = "") -> None:
    """No serious or critical axe-core violation, no HTML_CodeSniffer WCAG 2 AA error and,
    on a phone, no control too small to tap or with a faint focus ring on ``page``;
    ``name`` says which check this is in the failure and names its screenshot."""
    _save_screenshot(page, name)
    where = f"{name or 'page'} at {page.url}"
    findings = []
    violations = axe.blocking_violations(page)
    if violations:
        findings.append(axe.describe(violations, where))
    errors = htmlcs.htmlcs_errors(page)
    if errors:
        findings.append(htmlcs.describe(errors, where))
    size = page.viewport_size
    if size and size["width"] <= PHONE_MAX_WIDTH:
        measured, failures = touch.touch_and_focus_failures(page)
        if failures:
            findings.append(touch.describe(failures, measured, where))
    assert not findings, "\n".join(findings)


def _save_screenshot(page: Page, name: str) -> None:
    folder = os.environ.get("PAGINA_MADRE_SCREENSHOTS")
    if not folder:
        return
    width = page.viewport_size["width"] if page.viewport_size else 0
    slug = re.sub(r"[^a-z0-9]+", "-", f"{name or page.url}-{width}".lower()).strip("-")
    Path(folder).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=Path(folder) / f"{slug}.png", full_page=True)
