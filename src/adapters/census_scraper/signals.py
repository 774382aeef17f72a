"""What a page that is not the census form tells us: the signs of a block.

Only detection: the scraper reports a block and backs off; it never tries to get past one.
"""

from __future__ import annotations

import re

from attrs import frozen

from cedula_domain.outcomes import BlockKind

# The current portal's form.
FORM = "#documento"
ELECTION_OPTION = "#eleccion option[value='0']"
ELECTION = "#eleccion"
SUBMIT = "#submitBtn"

# A visible CAPTCHA widget: reCAPTCHA v2 or Cloudflare Turnstile.
CAPTCHA = ", ".join(
    (
        ".g-recaptcha",
        "iframe[src*='recaptcha']",
        "iframe[title*='reCAPTCHA']",
        ".cf-turnstile",
        "iframe[src*='challenges.cloudflare.com']",
    )
)

_REJECTION_TEXT = ("body:has-text('was rejected')", "body:has-text('Request Rejected')")

# While a page is given time to become the form: the form, or a rejection meanwhile.
FORM_OR_REJECTION = ", ".join((FORM, *_REJECTION_TEXT))

# Everything worth waking up for while the portal loads: the form, a block, or some other
# form (a redesign). One selector, so that a single wait races them all.
FORM_OR_SIGNAL = ", ".join(
    (
        FORM,
        "script[src*='/TSPD/']",
        CAPTCHA,
        *_REJECTION_TEXT,
        "form",
        "input:visible",
    )
)

_REJECTION = re.compile(
    r"requested URL was rejected|<title>\s*Request Rejected\s*</title>", re.IGNORECASE
)
_SUPPORT_ID = re.compile(r"support\s*ID\s*(?:is)?\s*:?\s*(\d{4,})", re.IGNORECASE)
# F5 JavaScript challenge (TSPD): scripts under /TSPD/, the bobcmn global.
_CHALLENGE = re.compile(r"""<script[^>]+src\s*=\s*["'][^"']*/TSPD/|\bbobcmn\b""", re.IGNORECASE)


@frozen
class BlockSignal:
    kind: BlockKind
    support_id: str = ""


def support_id_in(text: str) -> str:
    match = _SUPPORT_ID.search(text)
    return match[1] if match else ""


def block_in_html(html: str) -> BlockSignal | None:
    """A firewall rejection or a JavaScript challenge in a document's HTML, if any.

    CAPTCHAs are not judged here: a page may carry CAPTCHA code without showing a widget,
    so that takes a look at the rendered page.
    """
    if _CHALLENGE.search(html):
        return BlockSignal(BlockKind.JS_CHALLENGE, support_id_in(html))
    if _REJECTION.search(html):
        return BlockSignal(BlockKind.FIREWALL, support_id_in(html))
    return None


def looks_automated(webdriver: object, user_agent: str) -> bool:
    """The two classic signals that give an automated Chromium away."""
    return webdriver is True or "HeadlessChrome" in user_agent
