"""wsp's PHP, as the server runs it once the edge has let a request through: the page with
its session cookies and token, and the consulta's checks in the order the site makes them
(session token, CAPTCHA, backend) before the census answer."""

from __future__ import annotations

import secrets
from http import HTTPStatus

from census_sim import wsp_answers, wsp_page
from census_sim.census import entry_for
from census_sim.edge import PAGE_CAPTCHAS
from census_sim.modes import Mode
from census_sim.replies import Reply
from census_sim.wsp_sessions import WspSessions

MIN_DIGITS, MAX_DIGITS = 2, 10  # the form's maxlength


def page_reply(
    mode: Mode, sessions: WspSessions, session_id: str | None, has_cookiesession: bool
) -> Reply:
    session_id, token, is_new = sessions.load_page(session_id)
    page = wsp_page.page(
        token=token, captcha=PAGE_CAPTCHAS.get(mode, ""), changed=mode is Mode.CHANGED_PAGE
    )
    reply = Reply(200, page)
    if is_new:
        reply = reply.with_headers(("Set-Cookie", f"PHPSESSID={session_id}; path=/"))
    if not has_cookiesession:
        # The load balancer's persistence cookie, present on every visit of the real site.
        value = secrets.token_hex(16).upper()
        reply = reply.with_headers(("Set-Cookie", f"cookiesession1={value};Path=/;HttpOnly"))
    return reply


def consulta_reply(
    mode: Mode,
    nuip: str,
    fields: dict[str, str],
    sessions: WspSessions,
    session_id: str | None,
) -> Reply:
    if not sessions.accepts(session_id, fields.get("token", "")):
        return wsp_answers.reload()
    captcha = fields.get("g-recaptcha-response") or fields.get("cf-turnstile-response") or ""
    if mode in PAGE_CAPTCHAS and not captcha.strip():
        return wsp_answers.failure(wsp_answers.CAPTCHA_MISSING)
    if mode is Mode.MALFORMED_JSON:
        return wsp_answers.truncated()
    if mode is Mode.STATUS_403_JSON:
        return wsp_answers.failure("Forbidden").with_status(HTTPStatus.FORBIDDEN.value)
    if mode is Mode.BACKEND_FAILURE:
        return wsp_answers.failure(wsp_answers.BACKEND_TIMEOUT)
    if mode is Mode.RELOAD:
        return wsp_answers.reload()
    if not (nuip.isascii() and nuip.isdigit() and MIN_DIGITS <= len(nuip) <= MAX_DIGITS):
        return wsp_answers.failure(wsp_answers.INVALID_NUIP)
    return wsp_answers.success(entry_for(nuip))
