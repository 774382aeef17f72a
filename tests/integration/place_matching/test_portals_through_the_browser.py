"""The real scraper, in a browser, on each of the simulator's three portals: the answer it
reads is stored matched to the right place of the shipped 2026 list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from attrs import evolve

from adapters.census_scraper.browser_scraper import BrowserScraper
from adapters.census_scraper.engines import StealthEngine
from cedula_domain import Cedula, LookupStatus
from census.models import CedulaInfo
from census_sim.portals import Portal
from integration.place_matching.matching_support import FreePace, register
from integration.scraper.scraper_support import make_config
from pagina_madre.bootstrap.census_lookup import lookup_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# NORTE DE SAN / CUCUTA, COL.BASICO GUAIMARAL NRO 25 with stray spaces; eleccionescolombia
# names the departamento in full, consultacenso sends the place's code.
CEDULA = "71000002"
CODE = "25-001-05-07"


@pytest.fixture(scope="module")
def portal_scrapers(census_sim_server: Any, browser_executable: str) -> Iterator[dict]:
    api = census_sim_server.url.replace("127.0.0.1", "localhost")
    built = {
        portal: BrowserScraper(
            make_config(census_sim_server.url.rstrip("/") + portal.path, api_url=api),
            StealthEngine(),
            browser_executable,
        )
        for portal in Portal
    }
    yield built
    for scraper in built.values():
        scraper.close()


@pytest.mark.parametrize("portal", list(Portal), ids=lambda portal: portal.name.lower())
def test_the_answer_read_in_the_browser_lands_on_its_official_place(
    portal, portal_scrapers, polling_place_list
):
    register(CEDULA)
    service = evolve(lookup_service(), scraper=portal_scrapers[portal], pace=FreePace())
    service.request_first(Cedula(CEDULA))

    assert service.run_next().status is LookupStatus.FOUND

    info = CedulaInfo.objects.select_related("polling_place").get(cedula=CEDULA)
    assert info.polling_place is not None, info.place_unmatched
    assert info.polling_place.code == CODE
