"""Suites run without pytest-django (`-p no:django`) start manage.py subprocesses too: they
get the same plain-HTTP local setting as tests/settings.py gives the others.

Fixtures more than one suite asks for are plugins, listed here (pytest takes the list
only from this top-level conftest); the suites are packages on `pythonpath = ["tests"]`,
so a helper imports by its full name, from any suite.
"""

import os

os.environ.setdefault("DJANGO_SECURE_SSL", "0")

pytest_plugins = [
    "integration.lookups.worker_fixtures",
    "integration.portal.people_fixtures",
    "integration.scraper.person_browser",
]
