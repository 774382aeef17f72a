"""The HTTP server of the simulated portal (stdlib only: one daemon thread per request)."""

from __future__ import annotations

import json
import logging
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from census_sim import adversary, hostile, pages
from census_sim.census import MODE_TRIGGERS, answer_for
from census_sim.modes import Mode
from census_sim.stats import Stats

logger = logging.getLogger(__name__)

# A request held by the "hang" mode is released at reset or shutdown, and at the latest
# after this long, so that no thread outlives a test run by much.
HANG_LIMIT_S = 600.0
DEFAULT_DELAY_S = 3.0
# The delay of the timed modes when neither the mode switch nor --delay gives one.
MODE_DELAYS_S: dict[Mode, float] = {Mode.REJECTED_DURING_FILL: 0.3}
DEFAULT_SPINNER_MS = 200
CHALLENGE_COOKIE = "TS01a2b3c4d"
MIN_DIGITS, MAX_DIGITS = 2, 12  # what the portal itself accepts
CAPTCHA_REFUSAL = {
    "ok": False,
    "error": "Captcha inválido. Resuelva el captcha e intente de nuevo.",
}
# Modes whose consulta API refuses a request that carries no CAPTCHA token.
CAPTCHA_MODES = (Mode.CAPTCHA, Mode.CAPTCHA_AFTER_SUBMIT, Mode.TURNSTILE)
# Modes whose consulta API answers with the F5 rejection page.
REJECTING_MODES = (
    Mode.FIREWALL,
    Mode.FIREWALL_API,
    Mode.REJECTED_AFTER_FORM,
    Mode.REJECTED_DURING_FILL,
)


class SimulatorState:
    """The mode and the stats, shared by the request threads."""

    def __init__(self, mode: Mode, delay_s: float | None, target: str | None = None) -> None:
        self._lock = threading.Lock()
        # The delay given at start (--delay), if any: it wins over each mode's default.
        self._default_delay_s = delay_s
        # Where the hostile modes send the browser (--target), unless a mode switch says.
        self._default_target = hostile.check_target(target or hostile.DEFAULT_TARGET)
        self.mode = mode
        self.delay_s = self._delay_for(mode, None)
        self.target = self._default_target
        self.stats = Stats()
        self._release = threading.Event()

    def _delay_for(self, mode: Mode, delay_s: float | None) -> float:
        if delay_s is not None:
            return delay_s
        if self._default_delay_s is not None:
            return self._default_delay_s
        return MODE_DELAYS_S.get(mode, DEFAULT_DELAY_S)

    def set_mode(self, mode: Mode, delay_s: float | None = None, target: str | None = None) -> None:
        checked = self._default_target if target is None else hostile.check_target(target)
        with self._lock:
            self.mode = mode
            self.delay_s = self._delay_for(mode, delay_s)
            self.target = checked

    def reset(self) -> None:
        self.set_mode(Mode.NORMAL)
        self.stats.clear()
        self.release_held()

    def release_held(self) -> None:
        """Let every held (slow or hanging) request go."""
        with self._lock:
            self._release.set()
            self._release = threading.Event()

    def hold(self, seconds: float) -> bool:
        """Wait up to ``seconds``; True if released early by a reset."""
        with self._lock:
            release = self._release
        return release.wait(seconds)

    def as_json(self) -> dict[str, Any]:
        return {"mode": self.mode.value, "delay_s": self.delay_s, "target": self.target}


def _support_id() -> str:
    return pages.new_support_id()


class PortalHandler(BaseHTTPRequestHandler):
    server: CensusSimulator
    server_version = "Apache"
    sys_version = ""

    # --- plumbing -----------------------------------------------------------------

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s - %s", self.address_string(), format % args)

    @property
    def state(self) -> SimulatorState:
        return self.server.state

    @property
    def user_agent(self) -> str:
        return self.headers.get("User-Agent", "")

    def _send(
        self, status: int, body: str, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        payload = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def _html(self, body: str, status: int = 200, headers: dict[str, str] | None = None) -> None:
        self._send(status, body, "text/html", headers)

    def _json(self, data: Any, status: int = 200) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False), "application/json")

    def _error(self, status: HTTPStatus) -> None:
        self._html(pages.error_page(status.value, status.phrase), status.value)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _looks_headless(self) -> bool:
        return "HeadlessChrome" in self.user_agent

    def _has_challenge_cookie(self) -> bool:
        return f"{CHALLENGE_COOKIE}=" in self.headers.get("Cookie", "")

    # --- routes -------------------------------------------------------------------

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        self.state.stats.count("GET", path)
        mode = self.state.mode
        if path == "/":
            self._portal(mode)
        elif path == "/back/api/elecciones":
            if mode is Mode.HTTP_503:
                self._error(HTTPStatus.SERVICE_UNAVAILABLE)
            else:
                self._send(200, pages.elections_json(), "application/json")
        elif path.startswith("/TSPD/"):
            passes = mode is Mode.JS_CHALLENGE_PASS
            self._send(200, pages.challenge_script(passes=passes), "application/javascript")
        elif path == "/rejected":
            self._html(pages.rejection_page(_support_id()))
        elif (resource := adversary.static_resource(path, mode)) is not None:
            self._send(200, resource[1], resource[0])
        elif path == "/__sim/stats":
            self._json({**self.state.stats.as_json(), **self.state.as_json()})
        elif path == "/__sim/mode":
            self._json(self.state.as_json())
        else:
            self._error(HTTPStatus.NOT_FOUND)

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        self.state.stats.count("POST", path)
        if path == "/back/api/consulta":
            self._consulta()
        elif path == "/consultar":
            self._legacy_consulta()
        elif path == "/__sim/mode":
            self._set_mode()
        elif path == "/__sim/reset":
            self.state.reset()
            self._json(self.state.as_json())
        else:
            self._error(HTTPStatus.NOT_FOUND)

    def _redirect(self, status: HTTPStatus) -> None:
        self.send_response(status.value)
        self.send_header("Location", self.state.target)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def _portal(self, mode: Mode) -> None:
        if mode is Mode.REDIRECT_PRIVATE:
            self._redirect(HTTPStatus.FOUND)
        elif mode is Mode.HTTP_503:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE)
        elif mode is Mode.FIREWALL or (mode is Mode.BOT_CHECK and self._looks_headless()):
            self._html(pages.rejection_page(_support_id()))
        elif mode is Mode.JS_CHALLENGE or (
            mode is Mode.JS_CHALLENGE_PASS and not self._has_challenge_cookie()
        ):
            self._html(pages.challenge_page(_support_id()))
        else:
            page = pages.portal_page(
                bot_check=mode is Mode.BOT_CHECK,
                captcha=mode is Mode.CAPTCHA,
                changed=mode is Mode.CHANGED_PAGE,
                html_answer=mode is Mode.HTML_ANSWER,
                spinner_ms=self.server.spinner_ms,
                extras=hostile.portal_extras(mode, self.state.target)
                or adversary.portal_extras(mode, self.state.delay_s),
            )
            self._html(page, headers=adversary.portal_headers(mode))

    def _consulta(self) -> None:
        try:
            request = json.loads(self._body() or b"{}")
        except ValueError:
            request = {}
        if not isinstance(request, dict):
            request = {}
        cedula = str(request.get("documento", "")).strip()
        self.state.stats.consulta(cedula, self.user_agent, self.headers.get("Accept-Language", ""))
        mode = MODE_TRIGGERS.get(cedula, self.state.mode)
        if mode is Mode.HANG:
            # Hold the connection without a byte of answer; the client must give up.
            self.state.hold(HANG_LIMIT_S)
            self.close_connection = True
            return
        if mode is Mode.SLOW:
            self.state.hold(self.state.delay_s)
        if mode is Mode.REDIRECT_PRIVATE_API:
            # 307: a browser repeats the POST, body and all, at the new address.
            self._redirect(HTTPStatus.TEMPORARY_REDIRECT)
        elif mode in REJECTING_MODES or (mode is Mode.BOT_CHECK and self._looks_headless()):
            self._html(pages.rejection_page(_support_id()))
        elif mode is Mode.JS_CHALLENGE:
            self._html(pages.challenge_page(_support_id()))
        elif mode is Mode.HTTP_500:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR)
        elif mode is Mode.HTTP_503:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE)
        elif mode is Mode.MALFORMED_JSON:
            self._send(
                200, '{"ok": true, "encontrado": true, "data": {"nuip": "', "application/json"
            )
        elif mode is Mode.STATUS_403_JSON:
            self._json({"ok": False, "error": "Forbidden"}, HTTPStatus.FORBIDDEN.value)
        elif mode is Mode.STATUS_429:
            self._send(
                HTTPStatus.TOO_MANY_REQUESTS.value,
                "Too Many Requests",
                "text/plain",
                {"Retry-After": "120"},
            )
        elif mode in CAPTCHA_MODES and not str(request.get("token", "")).strip():
            self._json(CAPTCHA_REFUSAL)
        elif not (
            cedula.isascii() and cedula.isdigit() and MIN_DIGITS <= len(cedula) <= MAX_DIGITS
        ):
            self._json({"ok": False, "error": "El número de documento no es válido."})
        else:
            self._json(answer_for(cedula))

    def _legacy_consulta(self) -> None:
        form = parse_qs(self._body().decode("utf-8", "replace"))
        cedula = form.get("documento", [""])[0].strip()
        self.state.stats.consulta(cedula, self.user_agent, self.headers.get("Accept-Language", ""))
        self._html(pages.legacy_answer_page(cedula, answer_for(cedula)))

    def _set_mode(self) -> None:
        try:
            request = json.loads(self._body() or b"{}")
            mode = Mode.parse(str(request["mode"]))
            delay = request.get("delay_s")
            target = request.get("target")
            self.state.set_mode(
                mode,
                None if delay is None else float(delay),
                None if target is None else str(target),
            )
        except (ValueError, KeyError, TypeError) as error:
            self._json({"ok": False, "error": str(error)}, 400)
            return
        # Requests held by the previous mode should not outlive it.
        self.state.release_held()
        self._json(self.state.as_json())


class CensusSimulator(ThreadingHTTPServer):
    """The simulated portal. ``serve_forever()`` in the foreground, or ``start()`` to run
    it on a daemon thread (handy in-process, e.g. for a benchmark)."""

    daemon_threads = True
    allow_reuse_address = True
    # Chromium opens several connections at once; the default backlog of 5 is tight.
    request_queue_size = 64

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        mode: Mode = Mode.NORMAL,
        delay_s: float | None = None,
        spinner_ms: int = DEFAULT_SPINNER_MS,
        target: str | None = None,
    ) -> None:
        super().__init__((host, port), PortalHandler)
        self.state = SimulatorState(mode, delay_s, target)
        self.spinner_ms = spinner_ms
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def start(self) -> CensusSimulator:
        self._thread = threading.Thread(target=self.serve_forever, name="census-sim", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.state.release_held()
        self.shutdown()
        self.server_close()
