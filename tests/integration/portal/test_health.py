"""/salud/: what load balancers and monitors ask of the portal, part by part."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from django_q.models import Schedule, Task

from census.management.commands.setup_schedules import SWEEP_NAME

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db


@pytest.fixture
def sweep() -> Schedule:
    call_command("setup_schedules", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return Schedule.objects.get(name=SWEEP_NAME)


def health(client: Client) -> tuple[int, dict]:
    response = client.get("/salud/")
    assert response["Content-Type"] == "application/json"
    return response.status_code, response.json()


def test_a_portal_whose_parts_all_work_answers_ok_without_login(client: Client, sweep):
    status, body = health(client)

    assert status == 200
    assert body["status"] == "ok"
    assert body["database"] == {"status": "ok", "vendor": "sqlite"}
    assert body["broker"] == {"status": "ok", "kind": "orm"}
    assert body["sweep"]["status"] == "ok"
    assert body["sweep"]["stale_after_s"] == 180
    # Scheduled just now and not run yet: its last start counts as one interval ago.
    assert 55 <= body["sweep"]["age_s"] <= 65
    assert body["sweep"]["last_run"] == "unknown"


def test_a_sweep_nobody_scheduled_fails_the_check(client: Client):
    status, body = health(client)

    assert status == 503
    assert body["status"] == "error"
    assert body["sweep"] == {"status": "error", "problem": "not_scheduled"}
    assert body["database"]["status"] == "ok"


def test_a_sweep_no_scheduler_started_for_three_intervals_is_stale(client: Client, sweep):
    sweep.next_run = timezone.now() - timedelta(minutes=2, seconds=30)
    sweep.save()

    status, body = health(client)

    assert status == 503
    assert body["sweep"]["status"] == "error"
    assert body["sweep"]["problem"] == "stale"
    assert body["sweep"]["age_s"] >= 210


def test_a_sweep_started_two_intervals_ago_is_still_fresh(client: Client, sweep):
    sweep.next_run = timezone.now() - timedelta(minutes=1)
    sweep.save()

    status, body = health(client)

    assert status == 200
    assert 115 <= body["sweep"]["age_s"] <= 125


@pytest.mark.parametrize(
    ("succeeded", "code", "last_run"), [(True, 200, "ok"), (False, 503, "failed")]
)
def test_the_sweep_reports_how_its_last_run_ended(
    client: Client, sweep, succeeded: bool, code: int, last_run: str
):
    now = timezone.now()
    Task.objects.create(
        id="a" * 32,
        name="sweep-run",
        func=sweep.func,
        started=now - timedelta(seconds=2),
        stopped=now - timedelta(seconds=1),
        success=succeeded,
    )
    sweep.task = "a" * 32
    sweep.save()

    status, body = health(client)

    assert status == code
    assert body["sweep"]["last_run"] == last_run
    if not succeeded:
        assert body["sweep"]["problem"] == "last_run_failed"


@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_an_unreachable_redis_broker_fails_the_check_without_naming_it(client: Client, sweep):
    status, body = health(client)

    assert status == 503
    assert body["broker"] == {"status": "error", "problem": "unreachable", "kind": "redis"}
    assert "127.0.0.1" not in json.dumps(body)


def test_a_redis_broker_that_answers_its_ping_is_healthy(client: Client, sweep):
    url = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")

    with override_settings(REDIS_URL=url):
        status, body = health(client)

    assert status == 200
    assert body["broker"] == {"status": "ok", "kind": "redis"}


def test_an_unreachable_database_answers_503_with_json(tmp_path: Path):
    # A database that refuses connections cannot be had in this process: a fresh one asks
    # a PostgreSQL port nobody listens on.
    script = (
        "from django.test import Client; r = Client().get('/salud/'); "
        "print(r.status_code, r.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", script],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": "postgres://postgres@127.0.0.1:1/pagina_madre",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "PAGINA_MADRE_DATA_DIR": str(tmp_path),
            "LOG_LEVEL": "CRITICAL",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )

    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503", result.stderr
    parts = json.loads(body)
    assert parts["database"] == {"status": "error", "problem": "unreachable"}
    assert parts["broker"]["status"] == "error"
    assert parts["sweep"] == {"status": "error", "problem": "unreadable"}
