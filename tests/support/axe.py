"""axe-core in the browser tests: the vendored engine run in the page as it stands, its
serious or critical violations (``support.accessibility.assert_accessible`` fails on them).

The engine goes in through the DevTools protocol (``page.evaluate``), which the page's
Content-Security-Policy does not govern: the pages are checked under their real policy,
and nothing is added to them that a visitor's browser would not run. A script tag would
be refused by ``default-src 'self'``; turning the policy off for the test (bypass_csp)
would check a page no visitor sees.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
# The standards the portal holds itself to: WCAG 2.1 A and AA, and axe's best practices.
RUN_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def blocking_violations(page: Page) -> list[dict[str, Any]]:
    return [found for found in axe_violations(page) if found["impact"] in BLOCKING_IMPACTS]


def axe_violations(page: Page) -> list[dict[str, Any]]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    # axe judges the contrast only of what is inside the viewport (what lies below is
    # "incomplete"), so the viewport grows to the whole page for the run.
    size = page.viewport_size
    assert size, "the page has no viewport to check"
    height = page.evaluate("() => document.documentElement.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    try:
        return page.evaluate("options => axe.run(document, options)", RUN_OPTIONS)["violations"]
    finally:
        page.set_viewport_size(size)


def describe(violations: list[dict[str, Any]], where: str) -> str:
    lines = [f"axe-core: {len(violations)} serious or critical violation(s) on {where}"]
    for found in violations:
        lines.append(f"- {found['id']} ({found['impact']}): {found['help']} <{found['helpUrl']}>")
        for node in found["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)
