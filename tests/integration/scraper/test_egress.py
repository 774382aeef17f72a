"""The worker's browser goes only where it should: a hostile census page that sends it to
the worker's own machine reaches nothing there, and the lookup keeps nothing of it.

The simulator's hostile modes play the census site; ``internal_endpoint`` plays the
portal's internal endpoint on loopback and counts every connection made to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from adapters.census_scraper.browser_scraper import BrowserScraper
from adapters.census_scraper.page_driver import LEFT_THE_CENSUS
from cedula_domain.outcomes import Found, Outcome, PageChanged
from integration.scraper.scraper_support import (
    INTERNAL_PAGE,
    WELL_BEFORE_THE_BUDGET_S,
    InternalEndpoint,
    send_browser_to,
    timed_lookup,
)

pytestmark = pytest.mark.browser

CEDULA = "1020304050"


def _kept_nothing_of_it(outcome: Outcome, snapshot_dir: Path) -> None:
    assert INTERNAL_PAGE not in outcome.evidence
    for snapshot in snapshot_dir.glob("*.html"):
        assert INTERNAL_PAGE not in snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("scheme", "host"),
    [("http", "127.0.0.1"), ("https", "127.0.0.1"), ("http", "localhost")],
    ids=["http", "https-tunnel", "by-name"],
)
def test_a_portal_that_redirects_to_the_workers_machine_ends_as_a_changed_page_unreached(
    scraper: BrowserScraper,
    census_sim: Any,
    internal_endpoint: InternalEndpoint,
    snapshot_dir: Path,
    scheme: str,
    host: str,
):
    send_browser_to(census_sim, "redirect_private", internal_endpoint.url(scheme, host))

    outcome, elapsed = timed_lookup(scraper, CEDULA)

    assert isinstance(outcome, PageChanged), outcome
    assert outcome.missing == LEFT_THE_CENSUS
    assert f"{host}:{internal_endpoint.port}" in outcome.evidence
    assert internal_endpoint.connections == 0
    _kept_nothing_of_it(outcome, snapshot_dir)
    assert elapsed < WELL_BEFORE_THE_BUDGET_S


def test_a_script_that_sends_the_page_to_the_workers_machine_ends_the_lookup_unreached(
    scraper: BrowserScraper,
    census_sim: Any,
    internal_endpoint: InternalEndpoint,
    snapshot_dir: Path,
):
    send_browser_to(census_sim, "navigate_private", internal_endpoint.url())

    outcome, elapsed = timed_lookup(scraper, CEDULA)

    assert isinstance(outcome, PageChanged), outcome
    assert outcome.missing == LEFT_THE_CENSUS
    # The origin only: the URL the page built carries the cédula in its query.
    assert CEDULA not in outcome.evidence
    assert internal_endpoint.connections == 0
    _kept_nothing_of_it(outcome, snapshot_dir)
    assert elapsed < WELL_BEFORE_THE_BUDGET_S


def test_a_consulta_redirected_to_the_workers_machine_takes_the_cedula_nowhere(
    scraper: BrowserScraper,
    census_sim: Any,
    internal_endpoint: InternalEndpoint,
    snapshot_dir: Path,
):
    # A 307 would have the browser repeat the POST, cédula included, at the new address.
    send_browser_to(census_sim, "redirect_private_api", internal_endpoint.url())

    outcome, elapsed = timed_lookup(scraper, CEDULA)

    assert isinstance(outcome, PageChanged), outcome
    assert internal_endpoint.connections == 0
    _kept_nothing_of_it(outcome, snapshot_dir)
    assert elapsed < WELL_BEFORE_THE_BUDGET_S


def test_images_and_fetches_from_the_workers_machine_are_refused_and_the_answer_still_read(
    scraper: BrowserScraper, census_sim: Any, internal_endpoint: InternalEndpoint
):
    send_browser_to(census_sim, "subresource_private", internal_endpoint.url())

    outcome, _ = timed_lookup(scraper, CEDULA)

    assert isinstance(outcome, Found), outcome
    assert internal_endpoint.connections == 0
    assert INTERNAL_PAGE not in outcome.evidence


def test_the_census_on_loopback_is_still_reached_after_a_hostile_page(
    scraper: BrowserScraper, census_sim: Any, internal_endpoint: InternalEndpoint
):
    send_browser_to(census_sim, "redirect_private", internal_endpoint.url())
    timed_lookup(scraper, CEDULA)
    census_sim.reset()

    outcome, _ = timed_lookup(scraper, CEDULA)

    assert isinstance(outcome, Found), outcome


def test_webrtc_and_webtransport_to_the_workers_machine_send_it_no_datagram(
    scraper: BrowserScraper, census_sim: Any, internal_endpoint: InternalEndpoint
):
    # UDP would pass beside an HTTP proxy: WebRTC is told to send none outside a proxy,
    # and WebTransport (QUIC) does not start behind one.
    send_browser_to(census_sim, "udp_private", f"http://127.0.0.1:{internal_endpoint.udp_port}/")

    outcome, _ = timed_lookup(scraper, CEDULA)

    assert isinstance(outcome, Found), outcome
    assert internal_endpoint.datagrams == 0
