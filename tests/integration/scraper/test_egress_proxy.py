"""The egress proxy on its own, over real sockets: what it refuses, and what it carries."""

from __future__ import annotations

import http.client
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from adapters.census_scraper.egress import EgressRule, Origin
from adapters.census_scraper.egress_proxy import REFUSAL_BODY, EgressProxy
from integration.scraper.scraper_support import InternalEndpoint


@pytest.fixture
def census_origin(census_sim: Any) -> Origin:
    return Origin.of(census_sim.url)


@pytest.fixture
def proxy(census_origin: Origin) -> Iterator[EgressProxy]:
    running = EgressProxy(EgressRule(census_origin)).start()
    yield running
    running.stop()


def _through(proxy: EgressProxy, url: str) -> http.client.HTTPResponse:
    host, port = proxy.server.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    connection.request("GET", url)
    return connection.getresponse()


def _raw(proxy: EgressProxy, request: bytes) -> bytes:
    host, port = proxy.server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(request)
        return _until_closed(sock)


def _until_closed(sock: socket.socket) -> bytes:
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def _tunnel(proxy: EgressProxy, target: str) -> socket.socket:
    host, port = proxy.server.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=5)
    sock.sendall(f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode())
    return sock


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_request_for_the_workers_machine_is_refused_without_connecting(
    proxy: EgressProxy, internal_endpoint: InternalEndpoint, host: str
):
    answer = _through(proxy, internal_endpoint.url(host=host))

    assert answer.status == 403
    assert answer.read() == REFUSAL_BODY
    assert internal_endpoint.connections == 0
    assert proxy.refusals == 1


def test_a_tunnel_to_the_workers_machine_is_refused_without_connecting(
    proxy: EgressProxy, internal_endpoint: InternalEndpoint
):
    with _tunnel(proxy, f"127.0.0.1:{internal_endpoint.port}") as sock:
        assert sock.recv(65536).startswith(b"HTTP/1.1 403 Forbidden")

    assert internal_endpoint.connections == 0


@pytest.mark.parametrize(
    "host",
    [
        "[64:ff9b::7f00:1]",  # NAT64
        "[2002:7f00:1::1]",  # 6to4
        "[::7f00:1]",  # IPv4-compatible
        "[::ffff:0:7f00:1]",  # IPv4-translated
    ],
)
def test_a_request_for_the_workers_machine_spelled_in_ipv6_is_refused_without_connecting(
    proxy: EgressProxy, internal_endpoint: InternalEndpoint, host: str
):
    answer = _through(proxy, internal_endpoint.url(host=host))

    assert answer.status == 403
    assert internal_endpoint.connections == 0
    assert proxy.refusals == 1


def test_the_census_origin_passes_one_exchange_per_connection(proxy: EgressProxy, census_sim: Any):
    answer = _through(proxy, census_sim.url)

    assert answer.status == 200
    assert "consulta de lugar de votación" in answer.read().decode().lower()
    # Never reused: a second request on the connection could be meant for another host.
    assert answer.getheader("Connection") == "close"
    assert census_sim.requests("GET /") == 1


def test_another_port_of_the_census_host_is_not_the_census(
    proxy: EgressProxy, internal_endpoint: InternalEndpoint, census_origin: Origin
):
    answer = _through(proxy, internal_endpoint.url(host=census_origin.host))

    assert answer.status == 403
    assert internal_endpoint.connections == 0


def test_a_tunnel_to_the_census_origin_carries_bytes_both_ways(census_sim: Any):
    # CONNECT is how HTTPS goes; the simulator speaks plain HTTP inside the tunnel.
    census = Origin.of(census_sim.url)
    proxy = EgressProxy(EgressRule(Origin("https", census.host, census.port))).start()
    try:
        with _tunnel(proxy, census.netloc) as sock:
            assert sock.recv(65536).startswith(b"HTTP/1.1 200")
            sock.sendall(
                f"GET /back/api/elecciones HTTP/1.1\r\nHost: {census.netloc}\r\n\r\n".encode()
            )
            assert b'"ok": true' in _until_closed(sock)
    finally:
        proxy.stop()


@pytest.mark.parametrize(
    "request_line",
    [
        b"GET ftp://127.0.0.1:21/ HTTP/1.1",
        b"GET /relative HTTP/1.1",
        b"GET file:///etc/passwd HTTP/1.1",
    ],
)
def test_only_absolute_http_requests_and_tunnels_are_served(
    proxy: EgressProxy, request_line: bytes
):
    answer = _raw(proxy, request_line + b"\r\nHost: x\r\n\r\n")

    assert answer.startswith(b"HTTP/1.1 403 Forbidden")


def test_a_request_the_proxy_cannot_read_gets_a_400(proxy: EgressProxy):
    assert _raw(proxy, b"nonsense\r\n\r\n").startswith(b"HTTP/1.1 400")


def test_a_stopped_proxy_listens_no_more(census_origin: Origin):
    proxy = EgressProxy(EgressRule(census_origin)).start()
    host, port = proxy.server.removeprefix("http://").split(":")

    proxy.stop()

    assert not proxy.running
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((host, int(port)), timeout=2).close()
