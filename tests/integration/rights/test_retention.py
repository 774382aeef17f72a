"""What is kept only for a while: snapshots (CENSUS_EVIDENCE_DAYS) and the queue's stored
results (minutes), dropped by the sweep (old SMS codes too: see test_phone_verification);
what is deleted does not linger in the database file; and the policy page saying so, with
how to exercise each right and in how many days we answer."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_q.models import Failure, Success, Task

from census.tasks import sweep

pytestmark = pytest.mark.django_db


def a_result(*, success: bool, age: timedelta) -> Task:
    stopped = timezone.now() - age
    return Task.objects.create(
        id=uuid.uuid4().hex,
        name="censo-consulta",
        func="census.tasks.run_lookup",
        started=stopped,
        stopped=stopped,
        success=success,
        result="found" if success else "Traceback…",
    )


def test_the_sweep_drops_old_snapshots_and_old_task_results(tmp_path: Path, settings: Any):
    settings.CENSUS = evolve(
        settings.CENSUS, scraper=evolve(settings.CENSUS.scraper, snapshot_dir=tmp_path)
    )
    settings.QCLUSTER_RESULTS_MINUTES = 60
    old_snapshot = tmp_path / "20200101T000000000000Z-stealth-firewall--abc.html"
    old_snapshot.write_text("<p>viejo</p>")
    new_snapshot = tmp_path / f"{timezone.now():%Y%m%dT%H%M%S%f}Z-stealth-firewall.html"
    new_snapshot.write_text("<p>nuevo</p>")
    recent_success = a_result(success=True, age=timedelta(minutes=5))
    a_result(success=True, age=timedelta(hours=2))
    recent_failure = a_result(success=False, age=timedelta(days=1))
    a_result(success=False, age=timedelta(days=31))

    sweep()

    assert list(tmp_path.iterdir()) == [new_snapshot]
    assert recent_success.pk in Success.objects.values_list("pk", flat=True)
    assert list(Failure.objects.values_list("pk", flat=True)) == [recent_failure.pk]
    # The sweep's own result is stored by the cluster, not by calling it here.
    assert Success.objects.count() == 1


def test_the_policy_says_how_long_we_keep_data_and_how_to_exercise_each_right(client: Client):
    page = client.get(reverse("accounts:data_policy")).text

    for words in (
        "30 días; después se borran",
        "Los códigos que te enviamos por mensaje de texto: 1 hora;",
        "máximo 10 días hábiles",
        "máximo 15 días hábiles",
        reverse("accounts:my_data"),
        reverse("accounts:profile"),
        "eliminas tu cuenta y todos tus datos al instante",
    ):
        assert words in page, words


def test_the_policy_names_where_to_write_for_requests_by_other_means(client: Client, settings: Any):
    settings.OPERATOR_EMAIL = "datos@example.org"

    page = client.get(reverse("accounts:data_policy")).text

    assert (
        '<strong>Por otros medios:</strong> escríbenos a <a href="mailto:datos@example.org">'
        in page
    )


def test_what_is_deleted_is_overwritten_in_the_database_file():
    """SQLite otherwise leaves a deleted row's bytes in the file's free pages."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone() == (1,)
