"""census 0003: a novedad stored as a cancellation that leaves the cédula valid becomes
what it is, a restriction (status "not_enabled"); real cancellations stay."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("census", "0002_fleet")]
AFTER = [("census", "0003_not_enabled")]

ROWS = {
    "1111111": ("cancelled", "Vigente con Pérdida o Suspensión de los Derechos Políticos"),
    "2222222": ("cancelled", "No se encuentra habilitado para votar"),
    "3333333": ("cancelled", "Cancelada por Muerte"),
    # A refresh under way, showing the last answer.
    "4444444": ("pending", "VIGENTE CON PERDIDA O SUSPENSION DE LOS DERECHOS POLITICOS"),
    "5555555": ("found", ""),
}


@pytest.mark.django_db(transaction=True)
def test_the_migration_tells_restrictions_from_the_cancellations_stored_before():
    executor = MigrationExecutor(connection)
    # The people's table as it is now, beside the census' before the migration.
    before = BEFORE + executor.loader.graph.leaf_nodes("accounts")
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    old_user = old_apps.get_model("accounts", "CustomUser")
    old_info = old_apps.get_model("census", "CedulaInfo")
    now = datetime.now(UTC)
    for cedula, (status, novedad) in ROWS.items():
        user = old_user.objects.create(
            cedula=cedula, nombre_completo="Persona", telefono="+573001112233", password="!"
        )
        old_info.objects.create(
            user=user, cedula=cedula, requested_at=now, status=status, novedad=novedad
        )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new_info = executor.loader.project_state(AFTER).apps.get_model("census", "CedulaInfo")
    migrated = {
        cedula: (status, restricted, novedad)
        for cedula, status, restricted, novedad in new_info.objects.values_list(
            "cedula", "status", "voting_restricted", "novedad"
        )
    }
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())

    assert migrated == {
        "1111111": ("not_enabled", True, ROWS["1111111"][1]),
        "2222222": ("not_enabled", True, ROWS["2222222"][1]),
        "3333333": ("cancelled", False, "Cancelada por Muerte"),
        "4444444": ("pending", True, ROWS["4444444"][1]),
        "5555555": ("found", False, ""),
    }
