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
import time
from http import HTTPStatus
from typing import TYPE_CHECKING

from attrs import evolve

from adapters.census_scraper.answer import outcome_from_table
from adapters.census_scraper.browser_view import look, look_when_changed
from adapters.census_scraper.egress import origin_text
from adapters.census_scraper.page_view import PageView
from adapters.census_scraper.probe import PortalCheck, PortalProbe
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
    from adapters.census_scraper.portals import PortalProfile, Step
    from adapters.census_scraper.snapshots import SnapshotStore
    from cedula_domain.cedula import Cedula

logger = logging.getLogger(__name__)

# Raw HTML kept as evidence: enough to recognise the page, not the whole of it.
HTML_EXCERPT = 8_000
# However long the budget, a portal that shows neither the form nor anything else within
# this long is not the portal we know.
FORM_WAIT_CAP_S = 30.0
SCREENSHOT_CAP_S = 5.0
# While the answer is awaited, how often the page is looked at for a challenge that popped
# up instead (invisible reCAPTCHA never sends the request).
ANSWER_LOOK_S = 0.1
# What a lookup misses when the site sends the main frame away from the census origin.
LEFT_THE_CENSUS = "la página del censo (el sitio llevó el navegador a otro servidor)"


def _is_answer(response: Response, profile: PortalProfile | None) -> bool:
    """The consulta's answer: the request the portal's profile names, or a native form
    post that brings a whole new page (no JSON at all)."""
    request = response.request
    if request.method != "POST" or profile is None:
        return False
    if request.resource_type == "document":
        return True
    return request.resource_type in ("xhr", "fetch") and profile.answer.matches(request.url)


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _may_clear(failure: object) -> bool:
    """A page that may still turn into the form: F5's JavaScript challenge reloads once
    run, and a server error may carry an app that draws its form after loading."""
    challenge = isinstance(failure, Blocked) and failure.block is BlockKind.JS_CHALLENGE
    return challenge or isinstance(failure, Unavailable)


class _Visit:
    """What one lookup has seen so far: its step, the portal it recognised, the main
    document's status, answers, and where the main frame was sent if it was sent away from
    the census."""

    def __init__(self, page: Page, census: Origin) -> None:
        # What the lookup was doing, as failures word it after "mientras".
        self.step = "empezaba"
        # Known once the page shows a portal's form.
        self.profile: PortalProfile | None = None
        self.status: int = HTTPStatus.OK
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
            evidence=f"mientras {self.step}, el sitio llevó el navegador a {self.sent_to}",
        )

    def found_form(self, view: PageView, profile: PortalProfile) -> None:
        self.automated = view.automated
        self.profile = profile
        # An error status whose document still drew the usable form is overruled by it:
        # an app that then takes its form down (a loading view, the answer's own route)
        # is judged by what it shows, and a new document brings its own status.
        self.status = HTTPStatus.OK

    def is_answer(self, response: Response) -> bool:
        return _is_answer(response, self.profile)

    def asks_census(self, url: str) -> bool:
        """Whether a request to ``url`` is the consulta of the portal recognised."""
        return self.profile is not None and self.profile.answer.matches(url)

    def _heard(self, response: Response) -> None:
        if self.is_answer(response):
            self.answers.append(response)
        elif response.request.resource_type == "document" and response.frame == self._main_frame:
            self.status = response.status


class PageDriver:
    def __init__(
        self,
        *,
        url: str,
        portals: tuple[PortalProfile, ...],
        engine: str,
        errors: ErrorTypes,
        census: Origin,
        grace_s: float,
        snapshots: SnapshotStore | None = None,
        turn: Callable[[], bool] | None = None,
    ) -> None:
        self._url = url
        # The portals the page may be: one forced or known by its host, or every one.
        self._portals = {profile.name: profile for profile in portals}
        self._fields = {profile.name: profile.field for profile in portals}
        self._refusals = tuple(words for profile in portals for words in profile.refusals)
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
            page.route(visit.asks_census, self._in_turn(visit))
        try:
            outcome = self._read(page, cedula, deadline, visit)
        except self._errors.timeout:
            outcome = self._judged(page, visit) or Unavailable(
                reason=f"sin respuesta en los {deadline.budget_s:g} s del presupuesto "
                f"mientras {visit.step}"
            )
        except self._errors.error as error:
            outcome = self._judged(page, visit) or Unavailable(
                reason=f"error del navegador mientras {visit.step}: {first_line(error)}"
            )
        if is_terminal(outcome):
            return outcome
        if left := visit.left():
            return left
        html = self._content(page)
        if isinstance(outcome, Unavailable) and not outcome.evidence:
            # The browser could not look (the budget ran out while the page was loading):
            # what its document would show still tells a block from an outage.
            outcome = judge_page(visit.status, PageView.from_html(html, self._fields)) or outcome
        if isinstance(outcome, Blocked | PageChanged):
            self._snapshot(page, outcome, html, deadline)
        return outcome if outcome.evidence else evolve(outcome, evidence=html[:HTML_EXCERPT])

    def probe(self, page: Page, deadline: Deadline) -> PortalProbe:
        """Which portal the page is and what stands in front of its form; the form is
        neither filled nor sent."""
        visit = _Visit(page, self._census)
        failure: Outcome | None
        try:
            page.goto(self._url, wait_until="domcontentloaded", timeout=deadline.ms())
            failure = self._until_form(page, deadline, visit)
        except self._errors.error as error:
            failure = Unavailable(reason=f"la página no cargó: {first_line(error)}")
        checks = tuple(self._check(page, profile) for profile in self._portals.values())
        try:
            title = page.title()
        except self._errors.error:
            title = ""
        return PortalProbe(
            url=self._url,
            status=visit.status,
            title=title,
            portal=visit.profile.name if visit.profile else "",
            failure=None if failure is None or is_terminal(failure) else failure,
            checks=checks,
        )

    def _check(self, page: Page, profile: PortalProfile) -> PortalCheck:
        selectors = dict.fromkeys([profile.field, *(step.selector for step in profile.steps)])
        shown = {selector: self._there(page, selector) for selector in selectors}
        return PortalCheck(
            portal=profile.name,
            description=profile.description,
            present=tuple(selector for selector, there in shown.items() if there),
            missing=tuple(selector for selector, there in shown.items() if not there),
        )

    def _there(self, page: Page, selector: str) -> bool:
        try:
            return page.locator(selector).count() > 0
        except self._errors.error:
            return False

    # --- the steps ------------------------------------------------------------------

    def _read(self, page: Page, cedula: Cedula, deadline: Deadline, visit: _Visit) -> Outcome:
        visit.step = "cargaba el portal"
        page.goto(self._url, wait_until="domcontentloaded", timeout=deadline.ms())

        visit.step = "esperaba el formulario"
        if early := self._until_form(page, deadline, visit):
            return early

        visit.step = "llenaba el formulario"
        if early := self._act(page, cedula, deadline, visit):
            return early

        visit.step = "esperaba la respuesta de la consulta"
        return self._answer(page, deadline, visit)

    def _until_form(self, page: Page, deadline: Deadline, visit: _Visit) -> Outcome | None:
        """None once the form shows with nothing in front of it; else what stands there.

        A JavaScript challenge may clear itself (F5 reloads once the browser has run it), a
        server error may still carry the app that draws the form, and some other form may
        be a page still being built: each gets a short grace.
        A page with no form at all gets up to ``FORM_WAIT_CAP_S``, then counts as the site
        not answering.
        """
        started = time.monotonic()
        grace_ends: float | None = None
        view = self._look(page, deadline)
        while True:
            if left := visit.left():
                return left
            failure = judge_page(visit.status, view, self._refusals)
            if failure is None and view.form:
                visit.found_form(view, self._portals[view.portal])
                return None
            if failure is not None and not _may_clear(failure):
                return failure
            if failure is not None or view.other_form:
                if grace_ends is None:
                    # The grace counts once the page has loaded: an app may draw its form
                    # only when its scripts have run, later on a busy machine.
                    self._until_loaded(page, deadline)
                    grace_ends = time.monotonic() + self._grace_s
                    view = self._look(page, deadline)
                    continue
                ends = grace_ends
            else:
                ends = started + FORM_WAIT_CAP_S
            if time.monotonic() >= ends:
                if failure is not None:
                    return failure
                if view.other_form:
                    # A form, but none we know: the page was redesigned.
                    wanted = " o ".join(self._fields.values())
                    return PageChanged(missing=f"el campo del formulario {wanted}")
                # No form at all (blank, "en mantenimiento", still loading on election
                # day): the site is not answering, which is no redesign to alarm about.
                return Unavailable(
                    reason=f"la página no mostró ningún formulario en {FORM_WAIT_CAP_S:g} s"
                )
            view = self._next_view(page, view, deadline, ends)

    def _until_loaded(self, page: Page, deadline: Deadline) -> None:
        """Wait up to the grace for the page's load event (a page that never finishes
        loading is judged as it is then)."""
        try:
            page.wait_for_load_state("load", timeout=deadline.ms(self._grace_s))
        except self._errors.timeout:
            if deadline.expired:
                raise
        except self._errors.error:
            pass  # the document was replaced meanwhile: the next look judges the new one

    def _next_view(self, page: Page, view: PageView, deadline: Deadline, ends: float) -> PageView:
        """The page once it changed, or as it is at ``ends``."""
        try:
            return look_when_changed(page, view, self._fields, deadline.ms(ends - time.monotonic()))
        except self._errors.timeout:
            if deadline.expired:
                raise
        except self._errors.error:
            # The document was replaced while we looked (a reload): look at the new one.
            page.wait_for_load_state("domcontentloaded", timeout=deadline.ms())
        return self._look(page, deadline)

    def _look(self, page: Page, deadline: Deadline) -> PageView:
        """What the page shows now. A challenge that passes reloads the page (once or
        more), and a look taken just then finds its document gone: it looks again at the
        new one, for up to the grace."""
        ends = time.monotonic() + self._grace_s
        while True:
            try:
                return look(page, self._fields)
            except self._errors.error:
                left_s = ends - time.monotonic()
                if left_s <= 0:
                    # A page that is not coming back is judged, not waited out.
                    raise
                page.wait_for_load_state("domcontentloaded", timeout=deadline.ms(left_s))

    def _act(self, page: Page, cedula: Cedula, deadline: Deadline, visit: _Visit) -> Outcome | None:
        """None once the portal's form is filled and sent. Each step gets a short grace,
        not the whole budget: the page may be replaced under our hands (a rejection
        written over it), and a submit that stays disabled waits for a CAPTCHA."""
        assert visit.profile is not None
        for step in visit.profile.steps:
            try:
                _take(page, step, cedula, deadline.ms(self._grace_s))
            except self._errors.timeout:
                if deadline.expired:
                    raise
                return (
                    self._judged(page, visit)
                    or self._captcha_in_front(page, step)
                    or PageChanged(missing=step.widget)
                )
            if left := visit.left():
                return left
        return None

    def _captcha_in_front(self, page: Page, step: Step) -> Blocked | None:
        """A submit that is there but never enabled, in a form holding a CAPTCHA's
        container (drawn or not): the page waits for a CAPTCHA we never solve."""
        try:
            waiting = step.action == "click" and page.locator(step.selector).count() > 0
            if waiting and look(page, self._fields).captcha_container:
                return Blocked(block=BlockKind.CAPTCHA)
        except self._errors.error:
            pass
        return None

    def _answer(self, page: Page, deadline: Deadline, visit: _Visit) -> Outcome:
        """The answer, or whatever shows instead: the request may never be sent."""
        while not visit.answers:
            try:
                page.wait_for_event("response", visit.is_answer, timeout=deadline.ms(ANSWER_LOOK_S))
            except self._errors.timeout:
                if deadline.expired:
                    raise
            if left := visit.left():
                return left
            if visit.no_turn:
                return Unavailable(
                    reason="la flota no dio a tiempo un turno para enviar la consulta"
                )
            if not visit.answers and (failure := self._judged(page, visit)):
                return failure
        response = visit.answers[0]
        visit.step = "leía la respuesta de la consulta"
        if response.request.resource_type == "document":
            return self._read_rendered(page, response.status, deadline)
        try:
            body = response.text()
        except self._errors.error as error:
            if not 300 <= response.status < 400:
                # The page went on (it reloads itself, say) before the answer was read.
                return Unavailable(
                    reason=f"la respuesta de la consulta quedó sin leer: {first_line(error)}"
                )
            body = ""  # a redirect has no body: judged as the unknown answer it is
        assert visit.profile is not None
        return judge_answer(
            response.status, body, visit.profile.answer.read, automated=visit.automated
        )

    def _read_rendered(self, page: Page, status: int, deadline: Deadline) -> Outcome:
        """No JSON came: the answer is the page the form post brought, read from the DOM."""
        page.wait_for_load_state("domcontentloaded", timeout=deadline.ms())
        if failure := judge_page(status, look(page, self._fields), self._refusals):
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
            return judge_page(visit.status, look(page, self._fields), self._refusals)
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


def _take(page: Page, step: Step, cedula: Cedula, timeout_ms: float) -> None:
    """One step of a portal's form (``select`` waits for the option, which a portal may
    fetch after the form shows; ``click`` waits for the button to be enabled)."""
    if step.action == "select":
        page.select_option(step.selector, step.value, timeout=timeout_ms)
    elif step.action == "fill":
        page.fill(step.selector, cedula.value, timeout=timeout_ms)
    else:
        page.click(step.selector, timeout=timeout_ms)
