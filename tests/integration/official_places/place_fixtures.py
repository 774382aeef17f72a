"""The official list of polling places in a test's database: ``polling_place_list``.

A pytest plugin (tests/conftest.py lists it). The shipped files are read, checked and
joined once per test process (``shipped_places``); a test that asks for the list gets it
written into its own database (rolled back after a ``db`` test, flushed after a
transactional one), so a test that does not ask sees no list, whatever ran before it.
Django's parts are imported only when a fixture runs (the plugin loads with `-p no:django`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from polling_places.divipole import read_list, read_points
from polling_places.rules.place_row import PlaceRow
from polling_places.shipped import ShippedList, shipped_list

if TYPE_CHECKING:
    from polling_places.models import PollingPlaceList

# Fixtures that give a test a database whose writes other processes see (a live server,
# a worker): the list is committed there, not written inside the test's transaction.
COMMITTING = frozenset({"transactional_db", "live_server"})


@pytest.fixture(scope="session")
def shipped_places() -> tuple[ShippedList, list[PlaceRow]]:
    """The shipped 2026 list as the loader writes it: its places, with their coordinates."""
    shipped = shipped_list()
    reading = read_list(shipped.list_file)
    return shipped, read_points(shipped.coordinates_file).join(reading.places).places


@pytest.fixture
def polling_place_list(
    request: pytest.FixtureRequest, shipped_places: tuple[ShippedList, list[PlaceRow]]
) -> PollingPlaceList:
    """The shipped 2026 list (13,759 places), loaded as ``make run`` loads it."""
    committing = COMMITTING & set(request.fixturenames)
    request.getfixturevalue("transactional_db" if committing else "db")
    from polling_places.models import PollingPlaceList
    from polling_places.services import load_list

    shipped, places = shipped_places
    load_list(
        election=shipped.election,
        name=shipped.name,
        published_on=shipped.published_on,
        source=shipped.source,
        places=places,
    )
    return PollingPlaceList.objects.get(election=shipped.election)
