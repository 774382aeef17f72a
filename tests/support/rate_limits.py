"""Every test counts its own requests against the portal's limits.

The counts live in the cache, and the database cache outlives a transactional test's
flush (live server, browser, worker tests): without this, requests from earlier tests on
the same loopback address would use up the next test's quota. No Django import here, as
in the other support modules; Django's own suites import the fixture into their conftest.
"""

from __future__ import annotations

import time
import uuid
from types import SimpleNamespace
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def rate_limits_start_afresh(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.RATELIMIT_CACHE_PREFIX = f"rl:{uuid.uuid4().hex}:"
    # django-ratelimit counts in fixed windows, each key's hour ending at a second of its
    # own: a test that ran across that second would see its count start over. The
    # windows' clock stands still for the test's length.
    import django_ratelimit.core

    started = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: started))
