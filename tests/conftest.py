"""Suites run without pytest-django (`-p no:django`) start manage.py subprocesses too: they
get the same plain-HTTP local setting as tests/settings.py gives the others.

Fixtures more than one suite asks for are plugins, listed here (pytest takes the list
only from this top-level conftest); the suites are packages on `pythonpath = ["tests"]`,
so a helper imports by its full name, from any suite.
"""

import os

import pytest

os.environ.setdefault("DJANGO_SECURE_SSL", "0")

pytest_plugins = [
    "integration.elections.election_fixtures",
    "integration.lookups.worker_fixtures",
    "integration.official_places.place_fixtures",
    "integration.portal.people_fixtures",
    "integration.scraper.person_browser",
]


# `make test` runs the suites on several xdist workers (most of a test's time is spent
# waiting on a browser, a worker or a page). Tests that share one of the machine's servers
# by name (the fleet's PostgreSQL and Redis, the pace contract's Redis database) run one at
# a time, on one worker (`--dist loadgroup`).
SHARED_SERVERS = ("integration/fleet/", "contract/test_pace_contract.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if any(part in item.nodeid for part in SHARED_SERVERS):
            item.add_marker(pytest.mark.xdist_group("shared_servers"))
