"""One lookup on one page, whatever the engine: open the portal, fill, submit, read.

Every wait takes its timeout from the lookup's deadline. Blocks are recognised as soon as
they show (one wait races "the form appeared" against every block signal), so a blocked
lookup ends in seconds, not at the timeout.
"""

from __future__ import annotations

import json
import logging
import re
from typing import TYPE_CHECKING

from adapters.census_scraper import signals
from adapters.census_scraper.answer import outcome_from_answer, outcome_from_table
from adapters.census_scraper.signals import BlockSignal, block_in_html, looks_automated
from cedula_domain.outcomes import (
    Blocked,
    BlockKind,
    Outcome,
    PageChanged,
    Unavailable,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page, Response

    from adapters.census_scraper.deadline import Deadline
    from adapters.census_scraper.engines import ErrorTypes
    from adapters.census_scraper.snapshots import SnapshotStore
    from cedula_domain.cedula import Cedula

logger = logging.getLogger(__name__)

# Raw HTML kept as evidence: enough to recognise the page, not the whole of it.
HTML_EXCERPT = 8_000
# However long the budget, a portal that shows neither the form nor anything we know
# within this long is not the portal we know.
FORM_WAIT_CAP_S = 30.0
SCREENSHOT_CAP_S = 5.0
# The consulta answer: the JSON API (any path that still says "consulta"), or a native
# form post that brings a whole new page (the legacy way: no JSON at all).
_CONSULTA_PATH = re.compile(r"consulta", re.IGNORECASE)


def _is_answer(response: Response) -> bool:
    request = response.request
    if request.method != "POST":
        return False
    if request.resource_type == "document":
        return True
    return request.resource_type in ("xhr", "fetch") and bool(_CONSULTA_PATH.search(request.url))


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class _Progress:
    """Which step the lookup is in, to say where the time ran out."""

    step = "starting"


class PageDriver:
    def __init__(
        self,
        *,
        url: str,
        engine: str,
        errors: ErrorTypes,
        grace_s: float,
        snapshots: SnapshotStore | None = None,
    ) -> None:
        self._url = url
        self._engine = engine
        self._errors = errors
        self._grace_s = grace_s
        self._snapshots = snapshots

    def read(self, page: Page, cedula: Cedula, deadline: Deadline) -> Outcome:
        """The census answer for ``cedula``; site trouble is an outcome, never an exception."""
        progress = _Progress()
        try:
            outcome = self._read(page, cedula, deadline, progress)
        except self._errors.timeout:
            outcome = Unavailable(
                reason=f"no answer within the {deadline.budget_s:g} s budget while {progress.step}",
                evidence=self._excerpt(page),
            )
        except self._errors.error as error:
            outcome = Unavailable(
                reason=f"browser error while {progress.step}: {first_line(error)}"
            )
        if isinstance(outcome, Blocked | PageChanged):
            self._snapshot(page, outcome, deadline)
        return outcome

    # --- the steps ------------------------------------------------------------------

    def _read(self, page: Page, cedula: Cedula, deadline: Deadline, progress: _Progress) -> Outcome:
        progress.step = "loading the portal"
        response = page.goto(self._url, wait_until="domcontentloaded", timeout=deadline.ms())
        if response is not None and (early := self._judge_document(page, response.status)):
            return early

        progress.step = "waiting for the form"
        if early := self._wait_for_form(page, deadline):
            return early

        progress.step = "filling the form"
        if early := self._fill(page, cedula, deadline):
            return early

        progress.step = "waiting for the consulta answer"
        with page.expect_response(_is_answer, timeout=deadline.ms()) as answer:
            page.click(signals.SUBMIT, timeout=deadline.ms())
        progress.step = "reading the consulta answer"
        return self._judge_answer(page, answer.value, deadline)

    def _judge_document(self, page: Page, status: int) -> Outcome | None:
        """The first document: a rejection or an HTTP error ends the lookup at once."""
        html = self._content(page)
        signal = block_in_html(html)
        # A JS challenge may clear itself: the form wait gives it a moment.
        if signal is not None and signal.kind is BlockKind.FIREWALL:
            return self._blocked(page, signal, html)
        if status >= 500:
            return Unavailable(
                reason=f"the portal answered HTTP {status}", evidence=html[:HTML_EXCERPT]
            )
        if status in (403, 429):
            return Blocked(block=BlockKind.FIREWALL, evidence=html[:HTML_EXCERPT])
        if status >= 400:
            return PageChanged(
                missing=f"the portal page ({self._url} answered HTTP {status})",
                evidence=html[:HTML_EXCERPT],
            )
        return None

    def _wait_for_form(self, page: Page, deadline: Deadline) -> Outcome | None:
        if not self._appears(page, signals.FORM_OR_SIGNAL, deadline, FORM_WAIT_CAP_S):
            return PageChanged(
                missing=f"the form ({signals.FORM}): nothing known appeared within "
                f"{FORM_WAIT_CAP_S:g} s",
                evidence=self._excerpt(page),
            )
        if self._present(page, signals.FORM):
            return None
        html = self._content(page)
        signal = block_in_html(html)
        if signal is not None and signal.kind is BlockKind.FIREWALL:
            return self._blocked(page, signal, html)
        if self._visible(page, signals.CAPTCHA):
            return Blocked(block=BlockKind.CAPTCHA, evidence=html[:HTML_EXCERPT])
        # A JavaScript challenge may clear itself (F5 reloads once the browser has run it)
        # and a page still being built may get there: either gets a short grace.
        if self._appears(page, signals.FORM_OR_REJECTION, deadline, self._grace_s) and (
            self._present(page, signals.FORM)
        ):
            return None
        html = self._content(page)
        if (signal := block_in_html(html)) is not None:
            return self._blocked(page, signal, html)
        return PageChanged(missing=f"the form field {signals.FORM}", evidence=html[:HTML_EXCERPT])

    def _fill(self, page: Page, cedula: Cedula, deadline: Deadline) -> Outcome | None:
        if self._visible(page, signals.CAPTCHA):
            # We never solve CAPTCHAs: the widget in front of the submit is the answer.
            return Blocked(block=BlockKind.CAPTCHA, evidence=self._excerpt(page))
        if not self._appears(page, signals.ELECTION_OPTION, deadline, self._grace_s):
            return PageChanged(
                missing=f"option 0 (Lugar de votación actual) of {signals.ELECTION}",
                evidence=self._excerpt(page),
            )
        if not self._appears(page, signals.SUBMIT, deadline, self._grace_s):
            return PageChanged(
                missing=f"the submit button {signals.SUBMIT}", evidence=self._excerpt(page)
            )
        page.select_option(signals.ELECTION, "0", timeout=deadline.ms())
        page.fill(signals.FORM, cedula.value, timeout=deadline.ms())
        if not self._appears(page, f"{signals.SUBMIT}:enabled", deadline, self._grace_s):
            # A submit that stays disabled behind some CAPTCHA code is a CAPTCHA block.
            if self._present(page, signals.CAPTCHA):
                return Blocked(block=BlockKind.CAPTCHA, evidence=self._excerpt(page))
            return PageChanged(
                missing=f"an enabled submit button {signals.SUBMIT}", evidence=self._excerpt(page)
            )
        return None

    def _judge_answer(self, page: Page, response: Response, deadline: Deadline) -> Outcome:
        if response.request.resource_type == "document":
            return self._read_rendered(page, response.status, deadline)
        status = response.status
        try:
            body = response.text()
        except self._errors.error:
            body = ""
        if (signal := block_in_html(body)) is not None:
            return self._blocked(page, signal, body)
        if status >= 500:
            return Unavailable(reason=f"the consulta answered HTTP {status}", evidence=body)
        if status in (403, 429):
            return Blocked(block=BlockKind.FIREWALL, evidence=body)
        try:
            data = json.loads(body)
        except ValueError:
            return PageChanged(
                missing=f"a JSON answer from the consulta (HTTP {status}: {body[:60]!r})",
                evidence=body,
            )
        return outcome_from_answer(data, raw=body)

    def _read_rendered(self, page: Page, status: int, deadline: Deadline) -> Outcome:
        """No JSON came: the answer is the page the form post brought, read from the DOM."""
        page.wait_for_load_state("domcontentloaded", timeout=deadline.ms())
        html = self._content(page)
        if (signal := block_in_html(html)) is not None:
            return self._blocked(page, signal, html)
        if status >= 500:
            return Unavailable(
                reason=f"the consulta answered HTTP {status}", evidence=html[:HTML_EXCERPT]
            )
        table = page.locator("table").first
        headers = table.locator("th").all_inner_texts()
        cells = table.locator("tbody tr").first.locator("td").all_inner_texts()
        text = page.locator("body").inner_text(timeout=deadline.ms())
        return outcome_from_table(headers, cells, text, raw=html[:HTML_EXCERPT])

    # --- helpers --------------------------------------------------------------------

    def _blocked(self, page: Page, signal: BlockSignal, html: str) -> Blocked:
        kind = signal.kind
        # F5 answers bot detection with the same rejection page as any other rule: when
        # our own browser shows the classic automation signals, that is the likely cause,
        # and the operator's fix (the engine) differs, so say so.
        if kind is BlockKind.FIREWALL and self._automated(page):
            kind = BlockKind.BOT_DETECTED
        return Blocked(block=kind, support_id=signal.support_id, evidence=html[:HTML_EXCERPT])

    def _automated(self, page: Page) -> bool:
        try:
            webdriver, user_agent = page.evaluate(
                "() => [navigator.webdriver, navigator.userAgent]"
            )
        except self._errors.error:
            return False
        return looks_automated(webdriver, str(user_agent))

    def _appears(self, page: Page, selector: str, deadline: Deadline, cap_s: float) -> bool:
        """Wait up to ``cap_s`` (within the budget) for ``selector``; False when it did not
        come in time. Running out of the whole budget raises, like any other wait."""
        try:
            page.wait_for_selector(selector, state="attached", timeout=deadline.ms(cap_s))
        except self._errors.timeout:
            if deadline.expired:
                raise
            return False
        return True

    def _present(self, page: Page, selector: str) -> bool:
        try:
            return page.locator(selector).count() > 0
        except self._errors.error:
            return False

    def _visible(self, page: Page, selector: str) -> bool:
        try:
            return any(widget.is_visible() for widget in page.locator(selector).all())
        except self._errors.error:
            return False

    def _content(self, page: Page) -> str:
        # content() fails while a navigation replaces the document; one more try after it.
        for _ in range(2):
            try:
                return page.content()
            except self._errors.error:
                try:
                    page.wait_for_load_state("domcontentloaded", timeout=2_000)
                except self._errors.error:
                    break
        return ""

    def _excerpt(self, page: Page) -> str:
        return self._content(page)[:HTML_EXCERPT]

    def _snapshot(self, page: Page, outcome: Blocked | PageChanged, deadline: Deadline) -> None:
        if self._snapshots is None:
            return
        kind = outcome.block.value if isinstance(outcome, Blocked) else outcome.kind.value
        html = self._content(page)
        try:
            png: bytes | None = page.screenshot(
                timeout=deadline.ms(SCREENSHOT_CAP_S), full_page=True
            )
        except self._errors.error:
            png = None
        try:
            self._snapshots.save(f"{self._engine}-{kind}", html, png)
        except OSError:
            logger.warning(
                "could not write a snapshot to %s", self._snapshots.directory, exc_info=True
            )
