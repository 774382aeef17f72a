"""Without Redis the rate limits count in a database table: `manage.py migrate` alone makes
it, and `manage.py check --deploy --database default` says when it is missing.

Each test gets its own copy of one SQLite database migrated once, as a deployment would
leave it, and drives it with `manage.py` in a subprocess: the portal's own settings, no
test database, no REDIS_URL.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from integration.portal.registration_support import registration_data

ROOT = Path(__file__).resolve().parents[3]
TABLE = "pagina_madre_cache"

REGISTER = """
import json
from django.db import connection
from django.test import Client
from django.urls import reverse
from accounts.models import CustomUser

response = Client(HTTP_HOST="localhost").post(reverse("accounts:register"), json.loads({data!r}))
with connection.cursor() as cursor:
    cursor.execute("SELECT COUNT(*) FROM {table}")
    counts = cursor.fetchone()[0]
print(response.status_code, CustomUser.objects.count(), counts)
"""


def manage(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """manage.py on the SQLite database in `data_dir`, with the database cache."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name not in {"REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=inherited | {"PAGINA_MADRE_DATA_DIR": str(data_dir), "DJANGO_SECURE_SSL": "0"} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def succeeded(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def check_database(data_dir: Path, **env: str) -> str:
    return manage(data_dir, "check", "--deploy", "--database", "default", **env).stderr


@pytest.fixture(scope="module")
def migrated_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("migrated")
    succeeded(manage(data_dir, "migrate", "--noinput"))
    return data_dir


@pytest.fixture
def migrated(migrated_once: Path, tmp_path: Path) -> Path:
    """A database where only `manage.py migrate` ran: no createcachetable, no Redis."""
    return Path(shutil.copytree(migrated_once, tmp_path / "data"))


def test_after_migrate_alone_a_person_registers_and_the_limits_count_in_the_table(
    migrated: Path,
):
    code = REGISTER.format(data=json.dumps(registration_data()), table=TABLE)

    output = succeeded(manage(migrated, "shell", "--no-imports", "-c", code))

    status, people, counts = output.split()
    assert (status, people) == ("302", "1")
    assert int(counts) > 0


def test_the_check_names_a_missing_cache_table_and_is_silent_once_migrate_made_it(
    migrated: Path,
):
    succeeded(manage(migrated, "migrate", "portal", "zero"))

    complaint = check_database(migrated)

    assert f"portal.E001) The cache table '{TABLE}' is missing" in complaint
    assert "manage.py migrate" in complaint
    assert "portal.E001" not in check_database(migrated, REDIS_URL="redis://127.0.0.1:6379/0")
    succeeded(manage(migrated, "migrate", "--noinput"))
    assert "portal.E001" not in check_database(migrated)


def test_a_database_where_createcachetable_ran_by_hand_migrates_cleanly(migrated: Path):
    succeeded(manage(migrated, "migrate", "portal", "zero"))
    assert "created" in succeeded(manage(migrated, "createcachetable", "--verbosity", "2"))

    output = succeeded(manage(migrated, "migrate", "--noinput"))

    assert "Applying portal.0001_cache_tables... OK" in output
