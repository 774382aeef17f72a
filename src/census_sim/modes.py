"""The ways the simulated portal can behave, globally or for reserved cédulas."""

from __future__ import annotations

import enum


class Mode(enum.Enum):
    NORMAL = "normal"
    # The portal plus F5-like bot checks: a HeadlessChrome user agent is rejected by the
    # server, navigator.webdriver === true by the page script.
    BOT_CHECK = "bot_check"
    # F5 "Request Rejected" page (HTTP 200) instead of the portal.
    FIREWALL = "firewall"
    # The portal loads, the consulta API answers with the rejection page.
    FIREWALL_API = "firewall_api"
    # A visible reCAPTCHA-like widget keeps the submit disabled; the API refuses.
    CAPTCHA = "captcha"
    # A TSPD-like JavaScript challenge page that never lets the browser through.
    JS_CHALLENGE = "js_challenge"
    # The same challenge, passed by any browser that runs JavaScript (cookie + reload).
    JS_CHALLENGE_PASS = "js_challenge_pass"
    # The consulta API answers after a delay (seconds, configurable).
    SLOW = "slow"
    # The consulta API never answers.
    HANG = "hang"
    # The consulta API fails with HTTP 500.
    HTTP_500 = "http_500"
    # The whole portal (page and API) answers HTTP 503.
    HTTP_503 = "http_503"
    # The consulta API answers truncated JSON.
    MALFORMED_JSON = "malformed_json"
    # The form ids were renamed by a redesign.
    CHANGED_PAGE = "changed_page"
    # The form posts natively and the answer comes back as a server-rendered table,
    # like the legacy portal: no JSON at all.
    HTML_ANSWER = "html_answer"

    @classmethod
    def parse(cls, text: str) -> Mode:
        try:
            return cls(text.strip().lower())
        except ValueError:
            valid = ", ".join(mode.value for mode in cls)
            raise ValueError(f"unknown mode {text!r}; valid modes: {valid}") from None
