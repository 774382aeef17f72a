"""Who is asking, behind the proxies: whatever a client writes into X-Forwarded-For, the
address counted is the one our proxies appended, or, when they appended none that reads,
the nearest proxy's own."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.rules.client_address import UNKNOWN, counted_address

PROXY = "10.0.0.2"
FARTHER_PROXY = "10.0.0.3"
ATTACKER = "203.0.113.66"


def counted(forwarded_for: str, *, proxies: int = 1, remote_addr: str = PROXY) -> str:
    return counted_address(
        forwarded_for=forwarded_for, remote_addr=remote_addr, trusted_proxies=proxies
    )


def test_an_unclosed_quote_does_not_swallow_the_address_the_proxy_appended() -> None:
    # Issue 19: the quote made ipware drop the proxy's hop and count 6.6.0.N instead.
    for forged in range(40):
        assert counted(f'6.6.0.{forged}, ", {ATTACKER}') == ATTACKER


@pytest.mark.parametrize(
    "forged",
    [
        '"',
        '"6.6.0.1',
        '"6.6.0.1, 6.6.0.2"',
        "6.6.0.1,",
        "6.6.0.1;for=6.6.0.2",
        "for=6.6.0.1",
        "[6.6.0.1]",
        "unknown",
        "\t 6.6.0.1 \t",
        "6.6.0.1, 6.6.0.2, 6.6.0.3, 6.6.0.4, 6.6.0.5",
        ",,,,",
        "2001:db8::6",
        "x" * 10_000,
    ],
)
def test_what_the_client_prepends_never_changes_the_address_counted(forged: str) -> None:
    assert counted(f"{forged}, {ATTACKER}") == ATTACKER
    assert counted(f"{forged}, {ATTACKER}, {FARTHER_PROXY}", proxies=2) == ATTACKER


@given(forged=st.text())
def test_no_text_at_all_before_the_proxy_s_entry_picks_the_address(forged: str) -> None:
    assert counted(f"{forged}, {ATTACKER}") == ATTACKER
    assert counted(f"{forged},{ATTACKER}, {FARTHER_PROXY}", proxies=2) == ATTACKER


def test_without_trusted_proxies_the_header_counts_for_nothing() -> None:
    assert counted(ATTACKER, proxies=0, remote_addr="198.51.100.20") == "198.51.100.20"


def test_the_entry_of_the_farthest_of_several_proxies_is_the_client() -> None:
    assert counted(f"192.0.2.1, {ATTACKER}, {FARTHER_PROXY}", proxies=2) == ATTACKER


def test_spaces_around_the_proxy_s_entry_are_not_part_of_the_address() -> None:
    assert counted(f"192.0.2.1,\t {ATTACKER}  ") == ATTACKER


@pytest.mark.parametrize(
    ("forwarded_for", "proxies"),
    [
        # A proxy that sent no header, or one that appended nothing readable.
        ("", 1),
        ("   ", 1),
        (f"{ATTACKER},", 1),
        (f"{ATTACKER}, , {FARTHER_PROXY}", 2),
        ("unknown", 1),
        ("_hidden", 1),
        ('"203.0.113.66"', 1),
        ("203.0.113.66/32", 1),
        ("203.0.113.256", 1),
        ("0203.0.113.66", 1),
        # Fewer hops than proxies: the entries there are not all our proxies' writing.
        (ATTACKER, 2),
        (f"{ATTACKER}, {FARTHER_PROXY}", 3),
    ],
)
def test_an_unreadable_hop_counts_as_the_nearest_proxy_shared_by_all_such_clients(
    forwarded_for: str, proxies: int
) -> None:
    assert counted(forwarded_for, proxies=proxies) == PROXY


def test_without_even_a_remote_address_everyone_shares_one_count() -> None:
    assert counted("", proxies=0, remote_addr="") == UNKNOWN
    assert counted("garbage", proxies=1, remote_addr="unix:/run/gunicorn.sock") == UNKNOWN


@pytest.mark.parametrize(
    ("entry", "client"),
    [
        ("203.0.113.7:50123", "203.0.113.7"),
        ("[2001:db8:1:2::7]:443", "2001:db8:1:2::"),
        ("[2001:db8:1:2::7]", "2001:db8:1:2::"),
    ],
)
def test_a_port_or_brackets_written_by_the_proxy_are_not_part_of_the_address(
    entry: str, client: str
) -> None:
    assert counted(f"6.6.0.1, {entry}") == client


@pytest.mark.parametrize(
    "entry",
    [
        "203.0.113.7:",
        "203.0.113.7:http",
        "203.0.113.7:70000",
        "203.0.113.7:٣٣",  # digits, but not ASCII ones
        "[2001:db8::7",
        "[2001:db8::7]443",
        "[2001:db8::7]:",
        "[203.0.113.7:80]",
    ],
)
def test_a_malformed_port_or_bracket_is_no_address(entry: str) -> None:
    assert counted(entry) == PROXY


def test_a_bare_ipv6_address_keeps_its_last_group_rather_than_losing_it_as_a_port() -> None:
    assert counted("2001:db8:1:2::443") == "2001:db8:1:2::"


def test_the_addresses_of_one_ipv6_subscriber_count_as_their_64() -> None:
    assert counted("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::"
    assert counted("2001:db8:1:3::1") == "2001:db8:1:3::"
    assert counted("", proxies=0, remote_addr="2001:db8:1:2::99") == "2001:db8:1:2::"


def test_a_zone_names_the_proxy_s_interface_not_the_client() -> None:
    assert counted("fe80::1%eth0") == "fe80::"
    assert counted("[fe80::1%eth0]:443") == "fe80::"


def test_an_ipv4_mapped_address_counts_as_the_ipv4_one() -> None:
    assert counted("::ffff:198.51.100.20") == "198.51.100.20"
    assert counted("", proxies=0, remote_addr="::ffff:198.51.100.20") == "198.51.100.20"
