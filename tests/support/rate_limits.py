"""Every test counts its own requests against the portal's limits.

The counts live in the cache, and the database cache outlives a transactional test's
flush (live server, browser, worker tests): without this, requests from earlier tests on
the same loopback address would use up the next test's quota. No Django import here, as
in the other support modules; Django's own suites import the fixture into their conftest.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def rate_limits_start_afresh(settings: Any) -> None:
    settings.RATELIMIT_CACHE_PREFIX = f"rl:{uuid.uuid4().hex}:"
