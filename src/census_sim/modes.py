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
    # The site's own backend fails behind a working page (wsp: "Curl error: Operation timed
    # out…", consultacenso: "ocurrió un error al procesar su solicitud", eleccionescolombia:
    # a JSON 504): a transient failure, not a changed page.
    BACKEND_FAILURE = "backend_failure"
    # The consulta is not answered and the page starts over (wsp: {"reload": true}).
    RELOAD = "reload"
    # The first GET of each page after the switch answers HTTP 500 carrying the whole usable
    # page; later GETs answer 200, and the consulta answers normally.
    GET_500 = "get_500"

    # Adversarial modes: pages that carry the look of a block without being blocked, and
    # blocks that only show once the client acts. Each is written from the site facts, not
    # from any client's assumptions.
    # The portal with large script bundles that hold, as strings, the rejection page, the
    # challenge markers and CAPTCHA names; none of it is shown and the form works.
    SPA_STRINGS = "spa_strings"
    # The portal plus hidden elements (hidden, display:none, visibility:hidden, template,
    # opacity:0, zero size, off-screen, closed dialog) holding the rejection text.
    HIDDEN_REJECTION = "hidden_rejection"
    # The portal plus <noscript> notices ("Please enable JavaScript…", "Request Rejected")
    # and an F5 TS cookie: F5 is present, nothing is blocked.
    NOSCRIPT_NOTICE = "noscript_notice"
    # An invisible reCAPTCHA is loaded (hidden badge, hidden challenge frame) and passes
    # on its own, as a good score does: the consulta answers.
    CAPTCHA_LOADED = "captcha_loaded"
    # The same invisible reCAPTCHA, but the submit pops the image challenge up instead of
    # sending the consulta.
    CAPTCHA_AFTER_SUBMIT = "captcha_after_submit"
    # A visible Cloudflare Turnstile-like widget; the submit waits for it, the API refuses.
    TURNSTILE = "turnstile"
    # The form shows; its submit replaces the whole document with the F5 rejection page.
    REJECTED_AFTER_FORM = "rejected_after_form"
    # The form shows, then delay_s later (while a client fills it) the document is
    # replaced with the F5 rejection page.
    REJECTED_DURING_FILL = "rejected_during_fill"
    # The consulta API answers HTTP 403 with {"ok": false, "error": "Forbidden"}.
    STATUS_403_JSON = "status_403_json"
    # The consulta API answers HTTP 429 "Too Many Requests" with Retry-After: 120.
    STATUS_429 = "status_429"

    # Hostile modes: a portal turned against its visitors, sending their browser to the
    # visitor's own machine or network (the target, by default the portal's own address).
    # The first page answers a redirect to the target.
    REDIRECT_PRIVATE = "redirect_private"
    # The consulta answers a 307 redirect to the target (the POST, cédula included, would
    # follow it).
    REDIRECT_PRIVATE_API = "redirect_private_api"
    # The form shows; its submit sends the whole page to the target, the cédula in the URL.
    NAVIGATE_PRIVATE = "navigate_private"
    # The portal works, and loads an image and a fetch() from the target on the side.
    SUBRESOURCE_PRIVATE = "subresource_private"
    # The portal works, and opens a WebRTC data channel and a WebTransport session to the
    # target's address and port: UDP, which no HTTP proxy sees.
    UDP_PRIVATE = "udp_private"

    @classmethod
    def parse(cls, text: str) -> Mode:
        try:
            return cls(text.strip().lower())
        except ValueError:
            valid = ", ".join(mode.value for mode in cls)
            raise ValueError(f"unknown mode {text!r}; valid modes: {valid}") from None
