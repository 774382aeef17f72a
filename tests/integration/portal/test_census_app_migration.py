"""The census lookup moved from accounts to its own app without losing a row."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_q.models import Schedule

from census.models import CedulaInfo

LAST_IN_ACCOUNTS = ("accounts", "0004_cedula_info_source")
BEFORE_THE_MOVE = [("census", None), LAST_IN_ACCOUNTS]


def migrate(targets: list[tuple[str, str | None]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_moving_the_lookups_to_the_census_app_keeps_rows_permissions_and_schedules():
    old_apps = migrate(BEFORE_THE_MOVE).loader.project_state([LAST_IN_ACCOUNTS]).apps
    old_user = old_apps.get_model("accounts", "CustomUser")
    old_info = old_apps.get_model("accounts", "CedulaInfo")
    now = datetime.now(UTC)
    for cedula, status in (("1111111", "found"), ("2222222", "pending")):
        user = old_user.objects.create(
            cedula=cedula, nombre_completo="Persona", telefono="+573001112233", password="!"
        )
        old_info.objects.create(
            user=user, cedula=cedula, status=status, requested_at=now, puesto="COLEGIO"
        )
    ContentType.objects.update_or_create(app_label="accounts", model="cedulainfo")
    Schedule.objects.create(name="censo-x", func="accounts.tasks.run_lookup", args="(1,)")

    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())

    assert sorted(CedulaInfo.objects.values_list("cedula", "status", "puesto")) == [
        ("1111111", "found", "COLEGIO"),
        ("2222222", "pending", "COLEGIO"),
    ]
    assert ContentType.objects.filter(app_label="census", model="cedulainfo").exists()
    assert not ContentType.objects.filter(app_label="accounts", model="cedulainfo").exists()
    assert Schedule.objects.get(name="censo-x").func == "census.tasks.run_lookup"
