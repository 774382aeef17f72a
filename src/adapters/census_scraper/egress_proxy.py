"""The census browser's only way out: a small forward proxy on loopback that applies ``EgressRule``.

Chromium is launched with this proxy for everything but the census origin itself (which
bypasses it, so the normal path costs nothing) and with loopback no longer bypassed.
Interception inside the browser (``route``) would not do: it never sees redirect hops, and a
redirect is the easiest way to send a browser somewhere. The proxy sees every hop, resolves
each name once, checks every address and connects to the address it checked, so a name that
resolves elsewhere a moment later (DNS rebinding) changes nothing. A refusal is an HTTP 403
with a short body, which the browser shows in place of the page.

HTTPS (and WebSockets) come as ``CONNECT host:port`` tunnels; plain HTTP as absolute-URI
requests, forwarded one per connection (``Connection: close`` both ways), so that a reused
connection can never carry a request for one host to another. Standard library only: an
asyncio server on a daemon thread of its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import threading
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from adapters.census_scraper.egress import DEFAULT_PORTS

if TYPE_CHECKING:
    from adapters.census_scraper.egress import EgressRule

logger = logging.getLogger(__name__)

LISTEN_HOST = "127.0.0.1"
HEAD_LIMIT = 64 * 1024
HEAD_TIMEOUT_S = 30.0
CONNECT_TIMEOUT_S = 15.0
START_TIMEOUT_S = 5.0
CHUNK = 64 * 1024
REFUSAL_BODY = b"Refused: the census browser may not reach this address.\n"
# Hop-by-hop headers of the browser-proxy leg: not forwarded, the proxy sets its own.
_HOP_HEADERS = frozenset(
    {b"connection", b"proxy-connection", b"keep-alive", b"proxy-authorization"}
)


class _Refused(Exception):
    """The rule refused the destination, or the request was not one a proxy serves."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class EgressProxy:
    """``start()`` binds a free loopback port (``server``) and serves until ``stop()``."""

    def __init__(self, rule: EgressRule) -> None:
        self._rule = rule
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[asyncio.Task[None]] = set()
        self.refusals = 0

    @property
    def server(self) -> str:
        """``http://127.0.0.1:PORT``, for Chromium's ``--proxy-server``."""
        if self._server is None:
            raise RuntimeError("the egress proxy is not running")
        port = self._server.sockets[0].getsockname()[1]
        return f"http://{LISTEN_HOST}:{port}"

    def browser_settings(self) -> dict[str, str]:
        """Playwright's ``proxy`` launch option: everything through this proxy, loopback
        included (Chromium bypasses it by default), except the census origin itself."""
        trusted = ",".join(str(origin) for origin in self._rule.trusted)
        return {"server": self.server, "bypass": f"<-loopback>,{trusted}"}

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> EgressProxy:
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._thread = threading.Thread(
            target=loop.run_forever, name="census-egress-proxy", daemon=True
        )
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._accept, LISTEN_HOST, 0, limit=HEAD_LIMIT), loop
        ).result(timeout=START_TIMEOUT_S)
        return self

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        self._loop = self._thread = None
        with contextlib.suppress(Exception):  # a loop already gone has nothing to close
            asyncio.run_coroutine_threadsafe(self._close(), loop).result(timeout=START_TIMEOUT_S)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=START_TIMEOUT_S)
        if not thread.is_alive():
            loop.close()
        self._server = None

    async def _close(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._connections):
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)
        # Name lookups run on the loop's thread pool: its threads go with the proxy.
        await asyncio.get_running_loop().shutdown_default_executor()

    # --- one browser connection ---------------------------------------------------------

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            await self._serve(reader, writer)
        except _Refused as refusal:
            if refusal.status == 403:
                self.refusals += 1
                logger.warning("census browser: %s", refusal.reason)
            else:
                # Names that do not resolve are routine on a closed network (Chromium's
                # own calls home); only a refused destination is news for operators.
                logger.debug("census browser: %s", refusal.reason)
            await _answer(writer, refusal.status)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError):
            pass  # the browser or the far end went away; nothing to tell anyone
        except asyncio.CancelledError:
            # stop() ends open connections; asyncio would log a cancelled connection task.
            pass
        finally:
            writer.close()
            self._connections.discard(task)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), HEAD_TIMEOUT_S)
        request_line, _, headers = head.partition(b"\r\n")
        try:
            method, target, version = request_line.decode("latin-1").split(" ")
        except ValueError:
            raise _Refused(400, "a request the proxy does not understand") from None
        if method == "CONNECT":
            host, port = _host_and_port(target)
            upstream_reader, upstream_writer = await self._open("https", host, port)
            writer.write(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            await _relay((reader, upstream_writer), (upstream_reader, writer))
            return
        url = urlsplit(target)
        scheme, host = url.scheme.lower(), url.hostname
        if scheme != "http" or not host:
            raise _Refused(403, f"refused a {scheme or 'relative'} request (only http(s) may pass)")
        try:
            port = url.port or DEFAULT_PORTS["http"]
        except ValueError:
            raise _Refused(400, "a request with an invalid port") from None
        upstream_reader, upstream_writer = await self._open(scheme, host, port)
        path = url.path or "/"
        if url.query:
            path += "?" + url.query
        upstream_writer.write(
            f"{method} {path} {version}\r\n".encode("latin-1")
            + _without_hop_headers(headers)
            + b"Connection: close\r\n\r\n"
        )
        await _relay((reader, upstream_writer), (upstream_reader, writer), closing=True)

    async def _open(
        self, scheme: str, host: str, port: int
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        """A connection to an address ``host`` resolved to, once the rule allowed them all."""
        loop = asyncio.get_running_loop()
        try:
            found = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            raise _Refused(502, f"could not resolve {host}") from None
        addresses = [str(sockaddr[0]) for *_, sockaddr in found]
        if not self._rule.allows(scheme=scheme, host=host, port=port, addresses=addresses):
            shown = ", ".join(dict.fromkeys(addresses)) or "nothing"
            raise _Refused(403, f"refused {scheme}://{host}:{port} (resolves to {shown})")
        for family, kind, proto, _, sockaddr in found:
            sock = socket.socket(family, kind, proto)
            sock.setblocking(False)
            try:
                await asyncio.wait_for(loop.sock_connect(sock, sockaddr), CONNECT_TIMEOUT_S)
            except (OSError, TimeoutError):
                sock.close()
                continue
            return await asyncio.open_connection(sock=sock, limit=HEAD_LIMIT)
        raise _Refused(502, f"could not connect to {host}:{port}")


def _host_and_port(target: str) -> tuple[str, int]:
    host, _, port = target.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise _Refused(400, f"a CONNECT to {target!r}")
    return host, int(port)


def _without_hop_headers(headers: bytes) -> bytes:
    lines = headers.split(b"\r\n")
    kept = [
        line
        for line in lines
        if line and line.split(b":", 1)[0].strip().lower() not in _HOP_HEADERS
    ]
    return b"".join(line + b"\r\n" for line in kept)


async def _answer(writer: asyncio.StreamWriter, status: int) -> None:
    reason = {400: "Bad Request", 403: "Forbidden", 502: "Bad Gateway"}.get(status, "Error")
    body = REFUSAL_BODY if status == 403 else f"{status} {reason}\n".encode()
    writer.write(
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
        + body
    )
    with contextlib.suppress(OSError):
        await writer.drain()


async def _relay(
    outbound: tuple[asyncio.StreamReader, asyncio.StreamWriter],
    inbound: tuple[asyncio.StreamReader, asyncio.StreamWriter],
    *,
    closing: bool = False,
) -> None:
    """Copy both ways until either side is done. ``closing``: a single HTTP exchange,
    whose answer tells the browser the connection closes after it."""
    first = _copy_answer(*inbound) if closing else _copy(*inbound)
    tasks = {asyncio.ensure_future(_copy(*outbound)), asyncio.ensure_future(first)}
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        outbound[1].close()
        inbound[1].close()


async def _copy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    while data := await reader.read(CHUNK):
        writer.write(data)
        await writer.drain()


async def _copy_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), HEAD_TIMEOUT_S)
    status_line, _, headers = head.partition(b"\r\n")
    writer.write(
        status_line
        + b"\r\n"
        + _without_hop_headers(headers)
        + b"Connection: close\r\nProxy-Connection: close\r\n\r\n"
    )
    await _copy(reader, writer)
