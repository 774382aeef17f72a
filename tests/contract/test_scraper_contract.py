"""CensusScraper: site trouble is an outcome, never an exception; close() lets go of
everything, and twice is fine. On the fake and on the stealth browser against census_sim."""

from __future__ import annotations

import pytest
from fakes import CEDULA, TROUBLES

from cedula_domain import Blocked, Failure

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("trouble", TROUBLES)
def test_site_trouble_comes_back_as_a_failure_outcome_never_an_exception(site_in_trouble, trouble):
    outcome = site_in_trouble(trouble).lookup(CEDULA)

    assert isinstance(outcome, Failure), outcome
    # What the unit tests take for granted, as the fake answers it:
    expected = TROUBLES[trouble]
    assert outcome.kind is expected.kind, outcome
    if isinstance(expected, Blocked):
        assert outcome.block is expected.block, outcome


def test_close_releases_everything_and_may_be_called_twice(scraper_and_holdings):
    scraper, held = scraper_and_holdings
    scraper.lookup(CEDULA)

    scraper.close()
    scraper.close()

    assert held() == []
