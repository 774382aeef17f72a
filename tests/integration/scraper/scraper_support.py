"""Helpers shared by the scraper tests (imported as a plain module, like tests/unit/fakes)."""

from __future__ import annotations

import contextlib
import json
import socketserver
import threading
import time
import urllib.request
from typing import Any

from attrs import evolve

from adapters.census_scraper import ScraperConfig
from adapters.census_scraper.deadline import Deadline
from cedula_domain.cedula import Cedula
from cedula_domain.outcomes import Outcome

# Generous next to what a lookup takes here (about a second), so that ending on its own
# tells clearly from waiting for the budget.
TIMEOUT_S = 30.0
# A block, an outage or a refusal is recognised, not waited out: the lookup ends well
# before its budget. Half of it, not "in a few seconds": the seconds a lookup takes grow
# with the machine's load, the budget it would have waited does not.
WELL_BEFORE_THE_BUDGET_S = TIMEOUT_S / 2
# A lookup given a budget of its own ends at it, over it only by the time closing the page
# takes: a few seconds at most on a busy machine, far from the scraper's TIMEOUT_S.
CLOSING_S = 5.0
# How long a challenge or an unknown page gets to become the form, and each step of the
# form to be taken: short in tests, yet enough for a slow option list on a busy machine.
GRACE_S = 2.0
SNAPSHOT_KEEP = 3


def make_config(url: str, **overrides: Any) -> ScraperConfig:
    config = ScraperConfig(
        url=url, engines=("stealth",), timeout_s=TIMEOUT_S, settle_grace_s=GRACE_S
    )
    return evolve(config, **overrides)


def timed_lookup(scraper: Any, cedula: str, budget_s: float | None = None) -> tuple[Outcome, float]:
    """The outcome and how long it took; ``budget_s`` overrides the scraper's timeout."""
    started = time.monotonic()
    if budget_s is None:
        outcome = scraper.lookup(Cedula.parse(cedula))
    else:
        outcome = scraper.lookup_until(Cedula.parse(cedula), Deadline.after(budget_s))
    return outcome, time.monotonic() - started


# A page the worker's machine serves to itself: it must never reach the census evidence.
INTERNAL_PAGE = "SECRETO-INTERNO: tablero de operadores"


class InternalEndpoint:
    """Stands for the portal's internal endpoint on the worker's machine (loopback): answers
    ``INTERNAL_PAGE`` to anything and counts every connection made to it, HTTP or not, and
    every datagram sent to its UDP port."""

    def __init__(self) -> None:
        endpoint = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                with endpoint._lock:
                    endpoint._connections += 1
                self.request.settimeout(2)
                with contextlib.suppress(OSError):
                    self.request.recv(65536)
                    body = INTERNAL_PAGE.encode()
                    self.request.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                        b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body)
                    )

        class Datagrams(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                with endpoint._lock:
                    endpoint._datagrams += 1

        self._lock = threading.Lock()
        self._connections = self._datagrams = 0
        tcp = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        udp = socketserver.UDPServer(("127.0.0.1", 0), Datagrams)
        self.port: int = tcp.server_address[1]
        self.udp_port: int = udp.server_address[1]
        self._servers: list[socketserver.BaseServer] = [tcp, udp]
        for server in self._servers:
            threading.Thread(target=server.serve_forever, daemon=True).start()

    @property
    def connections(self) -> int:
        with self._lock:
            return self._connections

    @property
    def datagrams(self) -> int:
        with self._lock:
            return self._datagrams

    def url(self, scheme: str = "http", host: str = "127.0.0.1", path: str = "/interno") -> str:
        return f"{scheme}://{host}:{self.port}{path}"

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()


def send_browser_to(sim: Any, mode: str, target: str) -> None:
    """Switch the simulator to a hostile ``mode`` that sends the browser to ``target``."""
    request = urllib.request.Request(
        sim.url + "__sim/mode",
        data=json.dumps({"mode": mode, "target": target}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=5):
        pass
