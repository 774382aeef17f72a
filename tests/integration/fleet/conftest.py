"""The fleet on real PostgreSQL and Redis: a database migrated once per run and cloned for
each test (random names, dropped afterwards), a Redis database claimed per test and emptied
afterwards, the portal under gunicorn and `qcluster` processes on both.

Skipped, saying why, only when a server does not answer; the test process itself never
connects Django to them (see fleet_harness).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from adapters.fleet_pace import CONSULTAS
from integration.fleet.fleet_harness import (
    FLEET_SETTINGS,
    Fleet,
    PaceTurns,
    PostgresServer,
    RedisDatabase,
    Unreachable,
    fresh_database,
)
from integration.lookups.lookup_harness import wait_until


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    report = yield
    item.stash.setdefault(FAILED, False)
    if report.failed:
        item.stash[FAILED] = True
    return report


FAILED = pytest.StashKey[bool]()


@pytest.fixture(scope="session")
def postgres() -> PostgresServer:
    server = PostgresServer()
    try:
        server.check()
    except Unreachable as error:
        pytest.skip(f"no PostgreSQL server for the fleet tests: {error}")
    return server


@pytest.fixture(scope="session")
def migrated_template(
    postgres: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database with every migration and the sweep's schedule, to clone per test."""
    name = f"pagina_madre_fleet_{uuid.uuid4().hex[:12]}_template"
    postgres.create_database(name)
    try:
        Fleet(
            database_url=postgres.url(name),
            redis_url="",
            census_url="http://127.0.0.1:9/",
            browser_executable="",
            work_dir=tmp_path_factory.mktemp("fleet-template"),
        ).prepare_database()
        yield name
    finally:
        postgres.drop_database(name)


@pytest.fixture
def redis_db() -> Iterator[RedisDatabase]:
    try:
        claimed = RedisDatabase.claim()
    except Unreachable as error:
        pytest.skip(f"no Redis server for the fleet tests: {error}")
    yield claimed
    claimed.release()


@pytest.fixture
def consulta_turns(redis_db: RedisDatabase) -> Iterator[PaceTurns]:
    """The consulta turns the fleet's pace gives from now on (ask for it before starting
    the fleet)."""
    turns = PaceTurns(redis_db, CONSULTAS)
    yield turns
    turns.stop()


@pytest.fixture
def fleet(
    request: pytest.FixtureRequest,
    postgres: PostgresServer,
    migrated_template: str,
    redis_db: RedisDatabase,
    census_sim: Any,
    browser_executable: str,
    tmp_path: Path,
) -> Iterator[Callable[..., Fleet]]:
    """Starts the portal and ``clusters`` qcluster processes on a fresh database:
    ``fleet(clusters=3, CENSUS_MIN_INTERVAL_S="1")``."""
    started: list[Fleet] = []
    with fresh_database(postgres, template=migrated_template) as database_url:

        def start(clusters: int = 3, **settings: str) -> Fleet:
            running = Fleet(
                database_url=database_url,
                redis_url=redis_db.url,
                census_url=census_sim.url,
                browser_executable=browser_executable,
                work_dir=tmp_path,
                settings={**FLEET_SETTINGS, **settings},
            )
            started.append(running)
            running.start_portal()
            running.start_clusters(clusters)
            return running

        yield start
        for running in started:
            running.stop()
            if request.node.stash.get(FAILED, False):
                print(running.logs())
            for cluster in running.clusters:
                wait_until(lambda c=cluster: not c.browsers(), 15, "no Chromium left")
