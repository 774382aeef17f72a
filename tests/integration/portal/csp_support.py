"""Watching a real browser's page for Content-Security-Policy violations."""

from __future__ import annotations

from playwright.sync_api import Page


def watch_for_violations(page: Page) -> list[str]:
    """Every CSP violation the page reports from now on, from the console and from the
    DOM's securitypolicyviolation event."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.expose_function("reportViolation", lambda text: violations.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (event) =>"
        " window.reportViolation(`${event.violatedDirective} ${event.blockedURI}`));"
    )
    return violations
