"""The settings end to end, through `manage.py`: an environment the configuration refuses
stops the portal at start, and Django's checks judge what the settings make of the rest.
The configuration's own rules are unit tests (tests/unit/settings), without Django."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def manage(*args: str, **env: str | None) -> subprocess.CompletedProcess[str]:
    """manage.py with the test environment changed by `env` (None removes a variable)."""
    changed = {**os.environ, **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={name: value for name, value in changed.items() if value is not None},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({"QCLUSTER_TIMEOUT": "90", "QCLUSTER_RETRY": "100"}, "census.E001"),
        (
            {"QCLUSTER_TIMEOUT": "90", "QCLUSTER_RETRY": "200", "CENSUS_LEASE_S": "60"},
            "census.E002",
        ),
        ({"CENSUS_TIMEOUT_S": "120", "QCLUSTER_TIMEOUT": "100"}, "census.E003"),
        ({"QCLUSTER_WORKERS": "3"}, "census.E004"),
    ],
)
def test_unsafe_lookup_settings_fail_the_checks(tmp_path: Path, env: dict[str, str], problem: str):
    result = manage("check", PAGINA_MADRE_DATA_DIR=str(tmp_path), **env)

    assert result.returncode != 0
    assert problem in result.stderr


def test_a_missing_browser_is_a_warning_naming_both_install_commands(tmp_path: Path):
    result = manage(
        "check", PAGINA_MADRE_DATA_DIR=str(tmp_path), CENSUS_BROWSER_EXECUTABLE="/no/chromium"
    )

    assert result.returncode == 0
    assert "census.W001" in result.stderr + result.stdout


def test_the_default_lookup_settings_pass_the_checks(tmp_path: Path):
    result = manage("check", "--fail-level", "WARNING", PAGINA_MADRE_DATA_DIR=str(tmp_path))

    assert result.returncode == 0, result.stderr


def production_env(tmp_path: Path) -> dict[str, str | None]:
    """Only what production must say; everything else is the portal's own default."""
    return {
        "DJANGO_SETTINGS_MODULE": "pagina_madre.settings",
        "DJANGO_DEBUG": None,
        "DJANGO_SECURE_SSL": None,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "portal.paginamadre.co",
        "PAGINA_MADRE_DATA_DIR": str(tmp_path),
        # Who runs the portal, for every page's footer and the data policy (Ley 1581).
        "OPERATOR_NAME": "Fundación Página Madre",
        "OPERATOR_ID": "NIT 900.123.456-7",
        "OPERATOR_ADDRESS": "Calle 10 # 5-20, Bogotá",
        "OPERATOR_EMAIL": "datos@paginamadre.co",
    }


def test_the_deploy_checklist_is_clean_with_only_a_secret_key_the_hosts_and_the_operator(
    tmp_path: Path,
):
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production_env(tmp_path))

    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_the_deploy_checklist_refuses_while_nobody_says_who_runs_the_portal(tmp_path: Path):
    env = production_env(tmp_path) | {"OPERATOR_ADDRESS": None, "OPERATOR_EMAIL": None}

    result = manage("check", "--deploy", **env)

    assert result.returncode != 0
    assert "ERRORS" in result.stderr
    assert "accounts.E002" in result.stderr
    assert "OPERATOR_ADDRESS, OPERATOR_EMAIL unset" in result.stderr


def test_the_deploy_checklist_fails_without_https(tmp_path: Path):
    env = production_env(tmp_path) | {"DJANGO_SECURE_SSL": "0"}

    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)

    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr + result.stdout


def test_production_without_a_secret_key_refuses_to_start_naming_it(tmp_path: Path):
    env = production_env(tmp_path) | {"DJANGO_SECRET_KEY": None}

    result = manage("check", **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY is required" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_a_local_run_without_secret_generates_one_outside_git(tmp_path: Path):
    env = {
        "DJANGO_SECRET_KEY": "",
        "DJANGO_SECURE_SSL": "0",
        "PAGINA_MADRE_DATA_DIR": str(tmp_path),
    }

    first = manage(
        "shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", **env
    )
    second = manage(
        "shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", **env
    )

    assert first.returncode == 0, first.stderr
    assert len(first.stdout.strip()) >= 50
    assert first.stdout == second.stdout
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_the_deploy_checklist_stays_clean_with_every_protection_switched_on(tmp_path: Path):
    env = production_env(tmp_path) | {
        "STAFF_TOTP": "1",
        "REGISTRATION_CHALLENGE": "1",
        "TRUSTED_PROXY_COUNT": "1",
        "DJANGO_BEHIND_PROXY": "1",
    }

    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)

    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def cache_backend(**env: str | None) -> str:
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    result = manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_limits_count_in_redis_when_there_is_one_else_in_the_database(tmp_path: Path):
    data_dir = str(tmp_path)

    assert cache_backend(PAGINA_MADRE_DATA_DIR=data_dir, REDIS_URL=None) == (
        "portal.counter_cache.CounterDatabaseCache"
    )
    assert cache_backend(PAGINA_MADRE_DATA_DIR=data_dir, REDIS_URL="redis://127.0.0.1:6379/0") == (
        "django.core.cache.backends.redis.RedisCache"
    )


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.db.DatabaseCache",
    ],
)
def test_a_cache_that_cannot_count_for_every_process_fails_the_checks(tmp_path: Path, backend):
    settings_module = tmp_path / "per_process_cache.py"
    settings_module.write_text(
        "from tests.settings import *  # noqa: F403\n"
        f"CACHES = {{'default': {{'BACKEND': {backend!r}, 'LOCATION': 'x'}}}}\n"
    )
    result = manage(
        "check",
        PAGINA_MADRE_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="per_process_cache",
        PYTHONPATH=f"{tmp_path}:{ROOT}",
    )

    assert result.returncode != 0
    assert "django_ratelimit.E003" in result.stderr
