"""Judging what the census site showed: one classification for every path, no browser.

The first document, a rendered answer page and a JSON answer are all judged here, from
the HTTP status and what a person would see (``PageView``), never from source code:
single-page apps ship their error pages as strings, and a ``noscript`` notice or a hidden
template is on no one's screen. Only detection: a block is reported and backed off from,
never worked around.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from attrs import evolve

from adapters.census_scraper.answer import plain
from adapters.census_scraper.page_view import PageView
from cedula_domain.outcomes import (
    Blocked,
    BlockKind,
    Failure,
    Outcome,
    PageChanged,
    Unavailable,
)

# A block on every path, whatever the body says.
BLOCK_STATUSES = frozenset({403, 429})
# F5 BIG-IP ASM's rejection page, often customised by operators: matched by its phrases.
_REJECTION = re.compile(
    r"requested URL was rejected|\bRequest Rejected\b|URL solicitada (?:fue|ha sido) rechazada",
    re.IGNORECASE,
)
_SUPPORT_ID = re.compile(r"support\s*ID\s*(?:is)?\s*:?\s*(\d{4,})", re.IGNORECASE)


def looks_automated(webdriver: object, user_agent: str) -> bool:
    """The two classic signals that give an automated Chromium away."""
    return webdriver is True or "HeadlessChrome" in user_agent


def support_id_in(text: str) -> str:
    match = _SUPPORT_ID.search(text)
    return match[1] if match else ""


# A reader of an answer: (HTTP status, parsed JSON, raw body) -> outcome.
Reader = Callable[[int, object, str], Outcome]


def judge_page(status: int, view: PageView, refusals: Iterable[str] = ()) -> Failure | None:
    """What a page shows, as a failure; None when nothing stands in the way.

    ``refusals``: what the portal's own page says when it refuses a submit for a missing
    CAPTCHA, a CAPTCHA whose widget may not have drawn."""
    if status in BLOCK_STATUSES or _REJECTION.search(view.words):
        return _rejected(view)
    if view.captcha or _says_any(view, refusals):
        return Blocked(block=BlockKind.CAPTCHA)
    if view.challenge and not view.form:
        return Blocked(block=BlockKind.JS_CHALLENGE, support_id=support_id_in(view.words))
    if view.form:
        # An error status that still carries the whole usable form: use it, not retry it.
        return None
    if status >= 500:
        return Unavailable(reason=f"el portal respondió HTTP {status}")
    if status >= 400:
        return PageChanged(missing=f"la página del portal (respondió HTTP {status})")
    return None


def judge_answer(status: int, body: str, read: Reader, automated: bool = False) -> Outcome:
    """The consulta's answer: JSON is read by the portal's ``read``er, anything else is
    judged as a page (a WAF answers a JSON request with HTML, often as HTTP 200).

    ``automated`` is what the page the request came from showed of our own browser.
    """
    if status in BLOCK_STATUSES:
        return _with_evidence(_rejected(_page_in(body, automated)), body)
    try:
        data = json.loads(body)
    except ValueError:
        failure = judge_page(status, _page_in(body, automated))
        if failure is None:
            failure = PageChanged(
                missing=f"una respuesta JSON de la consulta (HTTP {status}: {body[:60]!r})"
            )
        return _with_evidence(failure, body)
    outcome = read(status, data, body)
    if status >= 500 and isinstance(outcome, PageChanged):
        # An unknown shape with a server error is an outage, not a redesign.
        return Unavailable(reason=f"la consulta respondió HTTP {status}", evidence=body)
    return outcome


def _says_any(view: PageView, phrases: Iterable[str]) -> bool:
    words = plain(view.words)
    return any(plain(phrase) in words for phrase in phrases)


def _rejected(view: PageView) -> Blocked:
    # F5 answers bot detection with the same rejection as any other rule: when our own
    # browser shows the classic automation signals, that is the likely cause, and the
    # operator's fix (the engine) differs, so say so.
    kind = BlockKind.BOT_DETECTED if view.automated else BlockKind.FIREWALL
    return Blocked(block=kind, support_id=support_id_in(view.words))


def _page_in(body: str, automated: bool) -> PageView:
    return evolve(PageView.from_html(body), automated=automated)


def _with_evidence(failure: Failure, body: str) -> Failure:
    return evolve(failure, evidence=body)
