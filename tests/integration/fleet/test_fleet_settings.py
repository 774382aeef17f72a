"""Scaling out is a matter of settings: PostgreSQL and Redis through their URLs, and
`manage.py check` judging the queue by the broker it really has."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from integration.fleet.fleet_harness import RedisDatabase
from integration.lookups.lookup_harness import ROOT

POSTGRES = "postgres://postgres@127.0.0.1:5432/pagina_madre"
REDIS = "redis://127.0.0.1:6379/0"


def manage(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """manage.py on an environment of its own; ``DATABASE_URL`` and ``REDIS_URL`` unset
    unless given."""
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "PAGINA_MADRE_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_several_workers_pass_the_checks_on_postgresql_with_redis(tmp_path: Path):
    result = manage(tmp_path, "check", DATABASE_URL=POSTGRES, REDIS_URL=REDIS, QCLUSTER_WORKERS="4")

    assert result.returncode == 0, result.stderr
    assert "census.E" not in result.stderr


def test_several_workers_pass_the_checks_on_postgresql_with_the_orm_broker(tmp_path: Path):
    result = manage(tmp_path, "check", DATABASE_URL=POSTGRES, QCLUSTER_WORKERS="4")

    assert result.returncode == 0, result.stderr


def test_several_workers_are_still_refused_on_sqlite_even_with_redis(tmp_path: Path):
    result = manage(tmp_path, "check", REDIS_URL=REDIS, QCLUSTER_WORKERS="3")

    assert result.returncode != 0
    assert "census.E004" in result.stderr


def test_redis_never_redelivers_so_its_retry_setting_is_not_checked(tmp_path: Path):
    unsafe_on_orm = {"QCLUSTER_TIMEOUT": "90", "QCLUSTER_RETRY": "100", "CENSUS_LEASE_S": "120"}

    on_orm = manage(tmp_path, "check", **unsafe_on_orm)
    on_redis = manage(tmp_path, "check", REDIS_URL=REDIS, **unsafe_on_orm)

    assert "census.E001" in on_orm.stderr
    assert on_redis.returncode == 0, on_redis.stderr


def test_with_redis_a_lease_shorter_than_the_task_timeout_is_refused(tmp_path: Path):
    result = manage(tmp_path, "check", REDIS_URL=REDIS, QCLUSTER_TIMEOUT="90", CENSUS_LEASE_S="60")

    assert result.returncode != 0
    assert "census.E002" in result.stderr
    assert "must exceed QCLUSTER_TIMEOUT" in result.stderr


def test_a_task_queued_with_redis_url_set_lands_in_that_redis_database(
    tmp_path: Path, redis_db: RedisDatabase
):
    script = (
        "from django_q.brokers import get_broker; from django_q.tasks import async_task; "
        "async_task('math.floor', 1.5); print(type(get_broker()).__name__)"
    )

    result = manage(tmp_path, "shell", "--verbosity", "0", "-c", script, REDIS_URL=redis_db.url)

    assert result.stdout.split() == ["Redis"], result.stderr
    assert redis_db.client.llen("django_q:pagina_madre:q") == 1


def test_without_redis_url_the_database_is_the_broker(tmp_path: Path):
    script = "from django_q.brokers import get_broker; print(type(get_broker()).__name__)"

    result = manage(tmp_path, "shell", "--verbosity", "0", "-c", script)

    assert result.stdout.split() == ["ORM"], result.stderr
