"""Where the census browser may go: the pure rule behind the egress proxy. No browser."""

from __future__ import annotations

import ipaddress

import pytest

from adapters.census_scraper.egress import (
    EgressRule,
    Origin,
    embedded_ipv4,
    is_public,
    origin_text,
)
from adapters.census_scraper.engines import sandboxed

CENSUS = Origin.of("https://consultacenso.registraduria.gov.co/")
RULE = EgressRule(CENSUS)
LOCAL_CENSUS = EgressRule(Origin.of("http://127.0.0.1:8765/"))


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",  # loopback
        "127.8.9.10",
        "::1",
        "10.1.2.3",  # private
        "172.16.0.1",
        "192.168.1.10",
        "fd12:3456::1",  # unique local
        "169.254.169.254",  # link-local: cloud metadata services
        "fe80::1",
        "fe80::1%eth0",
        "100.64.0.1",  # shared address space (CGNAT)
        "0.0.0.0",
        "::",
        "192.0.2.7",  # documentation
        "2001:db8::1",
        "224.0.0.251",  # multicast
        "255.255.255.255",
        "::ffff:127.0.0.1",  # IPv4-mapped loopback
        "::ffff:10.0.0.1",
        "not an address",
    ],
)
def test_addresses_off_the_public_internet_are_not_public(address: str):
    assert not is_public(address)


@pytest.mark.parametrize(
    "address", ["8.8.8.8", "190.24.10.1", "2800:3f0:4005::200e", "::ffff:8.8.8.8"]
)
def test_addresses_on_the_public_internet_are_public(address: str):
    assert is_public(address)


# Each IPv6 form that carries an IPv4 address, carrying a private one: each reaches it.
@pytest.mark.parametrize(
    "address",
    [
        "64:ff9b::7f00:1",  # NAT64, well-known prefix: 127.0.0.1
        "64:ff9b::a9fe:a9fe",  # 169.254.169.254
        "64:ff9b::192.168.1.10",
        "64:ff9b:1::a00:1",  # NAT64, local-use prefix as /96: 10.0.0.1
        "64:ff9b:1:a00:1:100::",  # the same prefix as /48: 10.0.0.1 around the u octet
        "64:ff9b:1:808:8:808:a00:1",  # public where a /48 puts it, 10.0.0.1 where a /96 does
        "64:ff9b:1::808:808",  # 8.8.8.8 as /96, but 0.0.0.0 as /48: the operator's choice
        "2002:a00:1::1",  # 6to4: 10.0.0.1
        "2002:7f00:1::",  # 127.0.0.1
        "2002:a9fe:a9fe:1::1",  # 169.254.169.254
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo, client 10.0.0.1 XORed
        "2001:0:4136:e378:8000:63bf:80ff:fffe",  # client 127.0.0.1
        "2001:0:a00:1:8000:63bf:f7f7:f7f7",  # server 10.0.0.1, client 8.8.8.8
        "::7f00:1",  # IPv4-compatible: 127.0.0.1
        "::10.0.0.1",
        "::a9fe:a9fe",
        "::ffff:192.168.1.10",  # IPv4-mapped
        "::ffff:169.254.169.254",
        "::ffff:100.64.0.1",
        "::ffff:0:a00:1",  # IPv4-translated (SIIT): 10.0.0.1
        "::ffff:0:127.0.0.1",
    ],
)
def test_an_ipv6_address_carrying_a_private_ipv4_address_is_not_public(address: str):
    assert not is_public(address)


@pytest.mark.parametrize(
    "address",
    [
        "64:ff9b::808:808",  # what DNS64 hands out for 8.8.8.8
        "64:ff9b::190.24.10.1",
        "64:ff9b:1:808:8:808:808:808",  # local-use: 8.8.8.8 wherever its prefix ends
        "2002:808:808::1",
        "2001:0:4136:e378:8000:63bf:f7f7:f7f7",  # Teredo, client 8.8.8.8
        "::808:808",
        "::ffff:0:808:808",
    ],
)
def test_an_ipv6_address_carrying_a_public_ipv4_address_is_judged_by_it(address: str):
    assert is_public(address)


@pytest.mark.parametrize(
    ("address", "carried"),
    [
        ("64:ff9b::a00:1", ["10.0.0.1"]),
        ("2002:c0a8:10a::", ["192.168.1.10"]),
        ("2001:0:4136:e378:8000:63bf:f5ff:fffe", ["65.54.227.120", "10.0.0.1"]),
        ("::ffff:0:7f00:1", ["127.0.0.1"]),
        ("2800:3f0:4005::200e", None),
    ],
)
def test_the_ipv4_addresses_an_ipv6_address_carries_are_decoded(
    address: str, carried: list[str] | None
):
    found = embedded_ipv4(ipaddress.IPv6Address(address))

    assert (None if found is None else [str(ip) for ip in found]) == carried


@pytest.mark.parametrize("address", ["64:ff9b::7f00:1", "2002:a00:1::", "::ffff:0:a00:1"])
def test_a_host_resolving_to_an_ipv6_form_of_a_private_address_is_refused(address: str):
    assert not RULE.allows(scheme="https", host="intranet.example", port=443, addresses=[address])


def test_the_census_origin_on_an_ipv6_form_of_loopback_is_still_allowed_as_configured():
    census = EgressRule(Origin.of("http://[64:ff9b::7f00:1]:8765/"))

    assert census.allows(
        scheme="http", host="64:ff9b::7f00:1", port=8765, addresses=["64:ff9b::7f00:1"]
    )
    assert not census.allows(
        scheme="http", host="64:ff9b::7f00:1", port=8000, addresses=["64:ff9b::7f00:1"]
    )


def test_a_public_host_over_http_or_https_is_allowed():
    assert RULE.allows(scheme="https", host="www.google.com", port=443, addresses=["142.250.78.4"])
    assert RULE.allows(scheme="http", host="example.org", port=8080, addresses=["93.184.215.14"])


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.5", "169.254.169.254", "::1"])
def test_a_host_resolving_to_a_private_address_is_refused(address: str):
    assert not RULE.allows(scheme="https", host="intranet.example", port=443, addresses=[address])


def test_a_name_with_one_private_address_among_public_ones_is_refused():
    # The connection may use any of them: a rebinding name mixes both.
    addresses = ["93.184.215.14", "127.0.0.1"]

    assert not RULE.allows(scheme="http", host="rebind.example", port=80, addresses=addresses)


def test_a_name_that_resolved_to_nothing_is_refused():
    assert not RULE.allows(scheme="http", host="nowhere.example", port=80, addresses=[])


@pytest.mark.parametrize("scheme", ["ftp", "file", "ws", "gopher", ""])
def test_schemes_other_than_http_and_https_are_refused(scheme: str):
    assert not RULE.allows(scheme=scheme, host="example.org", port=21, addresses=["93.184.215.14"])


def test_the_census_origin_itself_is_allowed_whatever_its_address():
    assert LOCAL_CENSUS.allows(scheme="http", host="127.0.0.1", port=8765, addresses=["127.0.0.1"])
    assert RULE.allows(
        scheme="HTTPS", host="ConsultaCenso.Registraduria.gov.co", port=443, addresses=["10.0.0.9"]
    )


@pytest.mark.parametrize(
    ("scheme", "host", "port"),
    [
        ("http", "127.0.0.1", 8000),  # another port: the portal itself
        ("https", "127.0.0.1", 8765),  # another scheme
        ("http", "localhost", 8765),  # another name for the same address
    ],
)
def test_only_the_census_scheme_host_and_port_together_make_the_census_origin(
    scheme: str, host: str, port: int
):
    assert not LOCAL_CENSUS.allows(scheme=scheme, host=host, port=port, addresses=["127.0.0.1"])


def test_an_origin_fills_in_the_default_port_and_lowers_the_case():
    assert Origin.of("HTTPS://Consultacenso.Registraduria.gov.co/x?y=1") == CENSUS
    assert CENSUS.port == 443
    assert Origin.of("http://[::1]:8765/").netloc == "[::1]:8765"
    assert str(Origin.of("http://127.0.0.1:8765/")) == "http://127.0.0.1:8765"


@pytest.mark.parametrize(
    "url", ["ftp://example.org/", "file:///etc/passwd", "/relative", "http://"]
)
def test_an_origin_is_only_an_http_or_https_url_with_a_host(url: str):
    with pytest.raises(ValueError, match="not an http"):
        Origin.of(url)


def test_an_origin_holds_its_own_urls_only():
    assert CENSUS.holds("https://consultacenso.registraduria.gov.co:443/back/api/consulta")
    assert not CENSUS.holds("http://consultacenso.registraduria.gov.co/")
    assert not CENSUS.holds("https://consultacenso.registraduria.gov.co.evil.example/")
    assert not CENSUS.holds("data:text/html,hola")


def test_what_is_said_of_a_destination_is_its_origin_never_its_path_or_query():
    assert origin_text("http://127.0.0.1:8000/interno?token=secreto") == "http://127.0.0.1:8000"
    assert origin_text("data:text/html,<p>secreto</p>") == "data:"


def test_chromium_keeps_its_sandbox_except_as_root():
    assert sandboxed(euid=1000)
    assert not sandboxed(euid=0)
