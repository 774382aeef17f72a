"""The HTTP server of the simulated portal (stdlib only: one daemon thread per request)."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from census_sim import adversary, edge, elecciones, elecciones_api, hostile, pages, wsp
from census_sim.census import MODE_TRIGGERS, answer_for, census_record
from census_sim.forms import form_fields
from census_sim.modes import Mode
from census_sim.portals import ELECCIONES_API_PATH, PAGE_PATHS, Portal, portal_at
from census_sim.replies import Reply
from census_sim.stats import Stats
from census_sim.wsp_sessions import WspSessions

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
REJECTING_MODES = edge.REJECTING_MODES
# consultacenso's own backend failing (reported for election days).
CONSULTACENSO_BACKEND_FAILURE = {"ok": False, "error": "ocurrió un error al procesar su solicitud"}
# The closest consultacenso has to wsp's reload: an answer the app takes as "start over".
CONSULTACENSO_RELOAD = {"ok": False, "reload": True}


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
        self.wsp_sessions = WspSessions()
        self.spent_tokens = elecciones_api.SpentTokens()
        # Pages whose first GET the get_500 mode has already answered with a 500.
        self._served_500: set[Portal] = set()

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
            self._served_500.clear()

    def first_get_fails(self, portal: Portal) -> bool:
        """In get_500 mode, True for the first GET of ``portal``'s page since the switch."""
        with self._lock:
            if self.mode is not Mode.GET_500 or portal in self._served_500:
                return False
            self._served_500.add(portal)
            return True

    def reset(self) -> None:
        self.set_mode(Mode.NORMAL)
        self.stats.clear()
        self.wsp_sessions.clear()
        self.spent_tokens.clear()
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
        self,
        status: int,
        body: str,
        content_type: str,
        headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
    ) -> None:
        payload = body.encode("utf-8")
        self.send_response(status)
        if payload or status not in (204, 301, 302, 307):
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        pairs = headers.items() if isinstance(headers, Mapping) else (headers or ())
        for name, value in pairs:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def _reply(self, reply: Reply, *extra: tuple[str, str]) -> None:
        self._send(reply.status, reply.body, reply.content_type, reply.headers + extra)

    def _cookie(self, name: str) -> str | None:
        cookies: SimpleCookie = SimpleCookie()
        try:
            cookies.load(self.headers.get("Cookie", ""))
        except CookieError:
            return None
        morsel = cookies.get(name)
        return morsel.value if morsel else None

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
        url = urlsplit(self.path)
        path = url.path
        self.state.stats.count("GET", path)
        mode = self.state.mode
        portal = portal_at(path)
        if portal is Portal.CONSULTACENSO:
            self._portal(mode)
        elif portal is Portal.WSP:
            self._edge_page(portal, mode, self._wsp_page)
        elif portal is Portal.ELECCIONESCOLOMBIA or path == "/Polling":
            # A React app serves its shell on its client-side routes too.
            self._edge_page(Portal.ELECCIONESCOLOMBIA, mode, self._elecciones_page)
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
        elif (resource := adversary.static_resource(path, mode, url.query)) is not None:
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
        elif portal_at(path) is Portal.WSP:
            self._edge_consulta(self._wsp_consulta)
        elif path == ELECCIONES_API_PATH:
            self._edge_consulta(self._elecciones_consulta)
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
            status = 500 if self.state.first_get_fails(Portal.CONSULTACENSO) else 200
            page = pages.portal_page(
                bot_check=mode is Mode.BOT_CHECK,
                captcha=mode is Mode.CAPTCHA,
                changed=mode is Mode.CHANGED_PAGE,
                html_answer=mode is Mode.HTML_ANSWER,
                spinner_ms=self.server.spinner_ms,
                extras=hostile.portal_extras(mode, self.state.target)
                or adversary.portal_extras(mode, self.state.delay_s),
            )
            self._html(page, status, headers=adversary.portal_headers(mode))

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
        if not self._in_its_time(mode):
            return
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
        elif mode is Mode.BACKEND_FAILURE:
            self._json(CONSULTACENSO_BACKEND_FAILURE)
        elif mode is Mode.RELOAD:
            self._json(CONSULTACENSO_RELOAD)
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
        self._html(pages.legacy_answer_page(cedula, census_record(cedula)))

    # --- wsp and eleccionescolombia: the edge first, then the portal's own code ----------

    def _edge_page(self, portal: Portal, mode: Mode, build: Callable[[Mode], Reply]) -> None:
        reply = edge.page_reply(
            mode,
            headless=self._looks_headless(),
            passed_challenge=self._has_challenge_cookie(),
            target=self.state.target,
        )
        if reply is None:
            reply = build(mode)
            if self.state.first_get_fails(portal):
                # The whole usable page, under a 500 (reported for wsp; a retry gets 200).
                reply = reply.with_status(HTTPStatus.INTERNAL_SERVER_ERROR.value)
        self._reply(reply)

    def _in_its_time(self, mode: Mode) -> bool:
        """Hold a consulta's answer as the timed modes say; False when none is to come."""
        if mode is Mode.HANG:
            # Hold the connection without a byte of answer; the client must give up.
            self.state.hold(HANG_LIMIT_S)
            self.close_connection = True
            return False
        if mode is Mode.SLOW:
            self.state.hold(self.state.delay_s)
        return True

    def _edge_consulta(self, answer: Callable[[Mode, str, dict[str, str]], Reply]) -> None:
        fields = form_fields(self.headers.get("Content-Type", ""), self._body())
        cedula = (fields.get("nuip") or fields.get("identification") or "").strip()
        self.state.stats.consulta(cedula, self.user_agent, self.headers.get("Accept-Language", ""))
        mode = MODE_TRIGGERS.get(cedula, self.state.mode)
        if not self._in_its_time(mode):
            return
        reply = edge.consulta_reply(mode, headless=self._looks_headless(), target=self.state.target)
        self._reply(reply or answer(mode, cedula, fields), *self._cors())

    def _cors(self) -> tuple[tuple[str, str], ...]:
        if urlsplit(self.path).path != ELECCIONES_API_PATH:
            return ()
        return elecciones_api.cors_headers(self.headers.get("Origin", ""))

    def _wsp_page(self, mode: Mode) -> Reply:
        has_cookiesession = self._cookie("cookiesession1") is not None
        session = self._cookie("PHPSESSID")
        return wsp.page_reply(mode, self.state.wsp_sessions, session, has_cookiesession)

    def _wsp_consulta(self, mode: Mode, cedula: str, fields: dict[str, str]) -> Reply:
        session = self._cookie("PHPSESSID")
        return wsp.consulta_reply(mode, cedula, fields, self.state.wsp_sessions, session)

    def _elecciones_page(self, mode: Mode) -> Reply:
        return elecciones.page_reply(mode, self.headers.get("Host", ""))

    def _elecciones_consulta(self, mode: Mode, cedula: str, fields: dict[str, str]) -> Reply:
        authorization = self.headers.get("Authorization", "")
        return elecciones.consulta_reply(mode, cedula, authorization, self.state.spent_tokens)

    def do_OPTIONS(self) -> None:
        path = urlsplit(self.path).path
        self.state.stats.count("OPTIONS", path)
        if path == ELECCIONES_API_PATH:
            # The CORS preflight of the page on the other origin.
            self._send(204, "", "text/plain", self._cors())
        else:
            self._error(HTTPStatus.METHOD_NOT_ALLOWED)

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

    def page_url(self, portal: Portal) -> str:
        """The page of ``portal`` on 127.0.0.1 (what a person would open)."""
        return self.url.rstrip("/") + PAGE_PATHS[portal]

    @property
    def api_url(self) -> str:
        """The other origin (``http://localhost:PORT/``) that eleccionescolombia's page calls
        when loaded from 127.0.0.1."""
        port = self.server_address[1]
        return f"http://localhost:{port}/"

    def start(self) -> CensusSimulator:
        self._thread = threading.Thread(target=self.serve_forever, name="census-sim", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.state.release_held()
        self.shutdown()
        self.server_close()
