"""A real portal (live_server) and a real `qcluster` subprocess on the census simulator,
sharing one SQLite file in WAL mode: ``worker``, ``worker_env`` and ``portal``.

A pytest plugin (tests/conftest.py lists it), so every suite that needs a live worker
asks for these by name, as the lookups suite does.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from integration.lookups.lookup_harness import WORKER_SETTINGS, Portal, Worker, wait_until


@pytest.fixture
def worker_env(census_sim: Any, browser_executable: str, tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        **WORKER_SETTINGS,
        "DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}",
        # Django-Q2 signs the tasks it queues with the secret key.
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "PAGINA_MADRE_DATA_DIR": str(tmp_path / "worker"),
        "CENSUS_URL": census_sim.url,
        "CENSUS_BROWSER_EXECUTABLE": browser_executable,
        "PAGINA_MADRE_TEST_WORKER": uuid.uuid4().hex,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


@pytest.fixture
def worker(
    transactional_db: None, live_server: Any, worker_env: dict[str, str], tmp_path: Path
) -> Iterator[Worker]:
    call_command("setup_schedules", stdout=open(os.devnull, "w"))  # noqa: SIM115
    started = Worker(worker_env, tmp_path / "qcluster.log")
    started.start()
    yield started
    started.stop()
    assert "database is locked" not in started.log()
    wait_until(lambda: not started.browsers(), 15, "no Chromium left by the worker")


@pytest.fixture
def portal(live_server: Any, settings: Any) -> Callable[[], Portal]:
    # Every person in these tests comes from the loopback: the per-address limits would
    # take them all for one client.
    settings.REGISTRATION_RATE = settings.EXISTENCE_ANSWER_RATE = "1000/h"
    return lambda: Portal(live_server.url)
