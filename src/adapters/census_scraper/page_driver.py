"""One lookup on one page, whatever the engine: open the portal, fill, submit, read.

Every wait takes its timeout from the lookup's deadline. The page is judged by what it
shows (``verdict``), at each step: a block ends the lookup as soon as it shows, whether it
replaced the portal, stands in front of the form or pops up after the submit. When a step
fails, what the page shows then decides what the failure was. A main-frame navigation
away from the census origin ends the lookup at the driver's next look, and nothing the page
shows after it is judged or kept (the egress proxy has refused it already if it was bound
for the worker's own machine or network).
"""

from __future__ import annotations

import logging
import re
import time
from typing import TYPE_CHECKING

from attrs import evolve

from adapters.census_scraper import portal
from adapters.census_scraper.answer import outcome_from_table
from adapters.census_scraper.browser_view import look, look_when_changed
from adapters.census_scraper.egress import origin_text
from adapters.census_scraper.page_view import PageView
from adapters.census_scraper.verdict import judge_answer, judge_page
from cedula_domain.outcomes import (
    Blocked,
    BlockKind,
    Outcome,
    PageChanged,
    Unavailable,
    is_terminal,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page, Request, Response, Route

    from adapters.census_scraper.deadline import Deadline
    from adapters.census_scraper.egress import Origin
    from adapters.census_scraper.engines import ErrorTypes
    from adapters.census_scraper.snapshots import SnapshotStore
    from cedula_domain.cedula import Cedula

logger = logging.getLogger(__name__)

# Form actions, each taking a timeout in ms, with the widget it needs (for PageChanged).
Steps = tuple[tuple["Callable[[float], object]", str], ...]

# Raw HTML kept as evidence: enough to recognise the page, not the whole of it.
HTML_EXCERPT = 8_000
# However long the budget, a portal that shows neither the form nor anything else within
# this long is not the portal we know.
FORM_WAIT_CAP_S = 30.0
SCREENSHOT_CAP_S = 5.0
# While the answer is awaited, how often the page is looked at for a challenge that popped
# up instead (invisible reCAPTCHA never sends the request).
ANSWER_LOOK_S = 0.1
# The consulta answer: the JSON API (any path that still says "consulta"), or a native
# form post that brings a whole new page (the legacy way: no JSON at all).
_CONSULTA_PATH = re.compile(r"consulta", re.IGNORECASE)
# What a lookup misses when the site sends the main frame away from the census origin.
LEFT_THE_CENSUS = "the census page: the site sent the browser to another host"


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


def _is_challenge(failure: object) -> bool:
    return isinstance(failure, Blocked) and failure.block is BlockKind.JS_CHALLENGE


class _Visit:
    """What one lookup has seen so far: its step, the main document's status, answers,
    and where the main frame was sent if it was sent away from the census."""

    def __init__(self, page: Page, census: Origin) -> None:
        self.step = "starting"
        self.status = 200
        self.answers: list[Response] = []
        # What the page last showed of our own browser (webdriver, HeadlessChrome).
        self.automated = False
        # The origin the main frame was sent to, away from the census.
        self.sent_to: str | None = None
        # The fleet gave no turn to send the consulta within the wait allowed.
        self.no_turn = False
        self._census = census
        self._main_frame = page.main_frame
        page.on("response", self._heard)
        page.on("request", self._asked)

    def _asked(self, request: Request) -> None:
        # Redirect hops come here too (a route handler would not see them). Only noted:
        # a page closed from inside an event handler, mid-navigation, can hang Playwright.
        if (
            self.sent_to is None
            and request.is_navigation_request()
            and request.frame == self._main_frame
            and not self._census.holds(request.url)
        ):
            self.sent_to = origin_text(request.url)

    def left(self) -> PageChanged | None:
        """The outcome of a main frame sent away from the census, if it was."""
        if self.sent_to is None:
            return None
        # Whatever the page showed after that is not the census's: keep none of it.
        return PageChanged(
            missing=LEFT_THE_CENSUS,
            evidence=f"while {self.step}, the main frame was sent to {self.sent_to}",
        )

    def _heard(self, response: Response) -> None:
        if _is_answer(response):
            self.answers.append(response)
        elif response.request.resource_type == "document" and response.frame == self._main_frame:
            self.status = response.status


class PageDriver:
    def __init__(
        self,
        *,
        url: str,
        engine: str,
        errors: ErrorTypes,
        census: Origin,
        grace_s: float,
        snapshots: SnapshotStore | None = None,
        turn: Callable[[], bool] | None = None,
    ) -> None:
        self._url = url
        self._census = census
        # The fleet's turn to send a consulta, waited for right before the submit.
        self._turn = turn
        self._engine = engine
        self._errors = errors
        self._grace_s = grace_s
        self._snapshots = snapshots

    def read(self, page: Page, cedula: Cedula, deadline: Deadline) -> Outcome:
        """The census answer for ``cedula``; site trouble is an outcome, never an exception."""
        visit = _Visit(page, self._census)
        if self._turn is not None:
            page.route(lambda url: bool(_CONSULTA_PATH.search(url)), self._in_turn(visit))
        try:
            outcome = self._read(page, cedula, deadline, visit)
        except self._errors.timeout:
            outcome = self._judged(page, visit) or Unavailable(
                reason=f"no answer within the {deadline.budget_s:g} s budget while {visit.step}"
            )
        except self._errors.error as error:
            outcome = self._judged(page, visit) or Unavailable(
                reason=f"browser error while {visit.step}: {first_line(error)}"
            )
        if is_terminal(outcome):
            return outcome
        if left := visit.left():
            return left
        html = self._content(page)
        if isinstance(outcome, Unavailable) and not outcome.evidence:
            # The browser could not look (the budget ran out while the page was loading):
            # what its document would show still tells a block from an outage.
            outcome = judge_page(visit.status, PageView.from_html(html)) or outcome
        if isinstance(outcome, Blocked | PageChanged):
            self._snapshot(page, outcome, html, deadline)
        return outcome if outcome.evidence else evolve(outcome, evidence=html[:HTML_EXCERPT])

    # --- the steps ------------------------------------------------------------------

    def _read(self, page: Page, cedula: Cedula, deadline: Deadline, visit: _Visit) -> Outcome:
        visit.step = "loading the portal"
        page.goto(self._url, wait_until="domcontentloaded", timeout=deadline.ms())

        visit.step = "waiting for the form"
        if early := self._until_form(page, deadline, visit):
            return early

        visit.step = "filling the form"
        if early := self._fill(page, cedula, deadline, visit):
            return early

        visit.step = "waiting for the consulta answer"
        return self._answer(page, deadline, visit)

    def _until_form(self, page: Page, deadline: Deadline, visit: _Visit) -> Outcome | None:
        """None once the form shows with nothing in front of it; else what stands there.

        A JavaScript challenge may clear itself (F5 reloads once the browser has run it),
        and some other form may be a page still being built: both get a short grace.
        Nothing known at all gets up to ``FORM_WAIT_CAP_S``.
        """
        started = time.monotonic()
        grace_ends: float | None = None
        view = look(page)
        while True:
            if left := visit.left():
                return left
            failure = judge_page(visit.status, view)
            if failure is None and view.form:
                visit.automated = view.automated
                return None
            if failure is not None and not _is_challenge(failure):
                return failure
            if failure is not None or view.other_form:
                grace_ends = grace_ends or time.monotonic() + self._grace_s
                ends = grace_ends
            else:
                ends = started + FORM_WAIT_CAP_S
            if time.monotonic() >= ends:
                return failure or PageChanged(
                    missing=f"the form field {portal.DOCUMENT_FIELD}"
                    if view.other_form
                    else f"the form ({portal.DOCUMENT_FIELD}): nothing known appeared within "
                    f"{FORM_WAIT_CAP_S:g} s"
                )
            view = self._next_view(page, view, deadline, ends)

    def _next_view(self, page: Page, view: PageView, deadline: Deadline, ends: float) -> PageView:
        """The page once it changed, or as it is at ``ends``."""
        try:
            return look_when_changed(page, view, deadline.ms(ends - time.monotonic()))
        except self._errors.timeout:
            if deadline.expired:
                raise
        except self._errors.error:
            # The document was replaced while we looked (a reload): look at the new one.
            page.wait_for_load_state("domcontentloaded", timeout=deadline.ms())
        return look(page)

    def _fill(
        self, page: Page, cedula: Cedula, deadline: Deadline, visit: _Visit
    ) -> Outcome | None:
        """None once the form is sent."""
        filling: Steps = (
            # Waits for the election options, which the portal fetches after the form shows.
            (
                lambda ms: page.select_option(portal.ELECTION, portal.CURRENT_ELECTION, timeout=ms),
                f"option {portal.CURRENT_ELECTION} (Lugar de votación actual) of {portal.ELECTION}",
            ),
            (
                lambda ms: page.fill(portal.DOCUMENT_FIELD, cedula.value, timeout=ms),
                f"the form field {portal.DOCUMENT_FIELD}",
            ),
        )
        # The click waits for the button to be enabled.
        sending: Steps = (
            (
                lambda ms: page.click(portal.SUBMIT, timeout=ms),
                f"an enabled submit button {portal.SUBMIT}",
            ),
        )
        return self._act(page, deadline, visit, filling) or self._act(
            page, deadline, visit, sending
        )

    def _act(self, page: Page, deadline: Deadline, visit: _Visit, steps: Steps) -> Outcome | None:
        """Each widget gets a short grace, not the whole budget: the page may be replaced
        under our hands (a rejection written over it)."""
        for act, widget in steps:
            try:
                act(deadline.ms(self._grace_s))
            except self._errors.timeout:
                if deadline.expired:
                    raise
                return self._judged(page, visit) or PageChanged(missing=widget)
            if left := visit.left():
                return left
        return None

    def _answer(self, page: Page, deadline: Deadline, visit: _Visit) -> Outcome:
        """The answer, or whatever shows instead: the request may never be sent."""
        while not visit.answers:
            try:
                page.wait_for_event("response", _is_answer, timeout=deadline.ms(ANSWER_LOOK_S))
            except self._errors.timeout:
                if deadline.expired:
                    raise
            if left := visit.left():
                return left
            if visit.no_turn:
                return Unavailable(reason="the fleet gave no turn to send the consulta in time")
            if not visit.answers and (failure := self._judged(page, visit)):
                return failure
        response = visit.answers[0]
        visit.step = "reading the consulta answer"
        if response.request.resource_type == "document":
            return self._read_rendered(page, response.status, deadline)
        try:
            body = response.text()
        except self._errors.error:
            body = ""
        return judge_answer(response.status, body, automated=visit.automated)

    def _read_rendered(self, page: Page, status: int, deadline: Deadline) -> Outcome:
        """No JSON came: the answer is the page the form post brought, read from the DOM."""
        page.wait_for_load_state("domcontentloaded", timeout=deadline.ms())
        if failure := judge_page(status, look(page)):
            return failure
        table = page.locator("table").first
        headers = table.locator("th").all_inner_texts()
        cells = table.locator("tbody tr").first.locator("td").all_inner_texts()
        text = page.locator("body").inner_text(timeout=deadline.ms())
        return outcome_from_table(headers, cells, text, raw=self._content(page)[:HTML_EXCERPT])

    # --- helpers --------------------------------------------------------------------

    def _in_turn(self, visit: _Visit) -> Callable[[Route], None]:
        """A route holding the consulta until the fleet's turn: what the site sees is
        spaced by the interval, however long each page took to load (held here, at the
        network, not at the click: the page's own scripts take their time too)."""
        assert self._turn is not None
        turn = self._turn

        def hold(route: Route) -> None:
            if route.request.method != "POST" or turn():
                route.fallback()
            else:
                visit.no_turn = True
                route.abort()

        return hold

    def _judged(self, page: Page, visit: _Visit) -> Outcome | None:
        """What the page shows now, if it shows a failure; None when it shows nothing wrong
        or cannot be looked at (closed, navigating, sent away)."""
        if visit.sent_to is not None:
            return None
        try:
            return judge_page(visit.status, look(page))
        except self._errors.error:
            return None

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

    def _snapshot(
        self, page: Page, outcome: Blocked | PageChanged, html: str, deadline: Deadline
    ) -> None:
        if self._snapshots is None:
            return
        try:
            png: bytes | None = page.screenshot(
                timeout=deadline.ms(SCREENSHOT_CAP_S), full_page=True
            )
        except self._errors.error:
            png = None
        try:
            kind = outcome.block.value if isinstance(outcome, Blocked) else outcome.kind.value
            self._snapshots.save(f"{self._engine}-{kind}", html, png)
        except OSError:
            logger.warning(
                "could not write a snapshot to %s", self._snapshots.directory, exc_info=True
            )
