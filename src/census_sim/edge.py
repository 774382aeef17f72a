"""What stands in front of every portal: the firewall, the bot checks, the web server's own
failures. The same edge answers for the three pages and their consultas, before a portal's
own code runs (the portal modules only say what the site itself answers)."""

from __future__ import annotations

from http import HTTPStatus

from census_sim import pages
from census_sim.modes import Mode
from census_sim.replies import Reply, error_reply, rejection_reply

# Modes whose consulta is answered with the F5 rejection page.
REJECTING_MODES = (
    Mode.FIREWALL,
    Mode.FIREWALL_API,
    Mode.REJECTED_AFTER_FORM,
    Mode.REJECTED_DURING_FILL,
)
# The CAPTCHA each mode puts in front of the wsp and eleccionescolombia submits.
PAGE_CAPTCHAS: dict[Mode, str] = {Mode.CAPTCHA: "recaptcha", Mode.TURNSTILE: "turnstile"}


def _redirect(status: HTTPStatus, target: str) -> Reply:
    return Reply(status.value, "", headers=(("Location", target),))


def page_reply(mode: Mode, *, headless: bool, passed_challenge: bool, target: str) -> Reply | None:
    """The edge's answer to a page GET, or None to let the portal answer."""
    if mode is Mode.REDIRECT_PRIVATE:
        return _redirect(HTTPStatus.FOUND, target)
    if mode is Mode.HTTP_503:
        return error_reply(HTTPStatus.SERVICE_UNAVAILABLE)
    if mode is Mode.FIREWALL or (mode is Mode.BOT_CHECK and headless):
        return rejection_reply()
    if mode is Mode.JS_CHALLENGE or (mode is Mode.JS_CHALLENGE_PASS and not passed_challenge):
        return Reply(200, pages.challenge_page(pages.new_support_id()))
    return None


def consulta_reply(mode: Mode, *, headless: bool, target: str) -> Reply | None:
    """The edge's answer to a consulta (after any slow or hanging wait), or None."""
    if mode is Mode.REDIRECT_PRIVATE_API:
        # 307: a browser repeats the POST, body and all, at the new address.
        return _redirect(HTTPStatus.TEMPORARY_REDIRECT, target)
    if mode in REJECTING_MODES or (mode is Mode.BOT_CHECK and headless):
        return rejection_reply()
    if mode is Mode.JS_CHALLENGE:
        return Reply(200, pages.challenge_page(pages.new_support_id()))
    if mode is Mode.HTTP_500:
        return error_reply(HTTPStatus.INTERNAL_SERVER_ERROR)
    if mode is Mode.HTTP_503:
        return error_reply(HTTPStatus.SERVICE_UNAVAILABLE)
    if mode is Mode.STATUS_429:
        return Reply(
            HTTPStatus.TOO_MANY_REQUESTS.value,
            "Too Many Requests",
            "text/plain",
            (("Retry-After", "120"),),
        )
    return None
