"""The portal's whole configuration, read from an environment without Django: what an
unset variable means, where the portal writes, and the one error it raises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from adapters.sms import SmsConfig
from pagina_madre.config import PROJECT_DIR, InvalidConfig, PortalConfig
from unit.settings.environments import local, production


def test_a_local_run_on_plain_http_needs_nothing_else():
    config = local()

    assert config.data_dir == PROJECT_DIR / "var"
    assert config.security.debug is False
    assert config.security.secure_ssl is False
    assert config.security.secret_key is None
    assert config.security.allowed_hosts == ("127.0.0.1", "localhost")
    assert config.stores.redis_url == ""
    assert config.sms == SmsConfig(file_path=PROJECT_DIR / "var" / "sms" / "outbox.jsonl")
    assert config.staff_totp is False
    assert config.phone_verification is False
    assert config.limits.registration_challenge is False
    assert config.census.simulated is False
    assert config.log_level == "INFO"
    assert config.whitenoise_use_finders is False


def test_static_files_come_from_the_source_folders_only_while_debugging():
    assert local(DJANGO_DEBUG="1").whitenoise_use_finders is True
    assert local(DJANGO_DEBUG="1", WHITENOISE_USE_FINDERS="0").whitenoise_use_finders is False


def test_production_needs_only_a_secret_key():
    config = production()

    assert config.security.secure_ssl is True
    assert config.sms.local is False


def test_everything_the_portal_writes_goes_under_the_data_dir():
    config = local(PAGINA_MADRE_DATA_DIR="/srv/portal")

    assert config.data_dir == Path("/srv/portal")
    assert config.stores.database_url == "sqlite:////srv/portal/pagina_madre.sqlite3"
    assert config.sms.file_path == Path("/srv/portal/sms/outbox.jsonl")
    assert config.census.scraper.snapshot_dir == Path("/srv/portal/snapshots")


def test_a_blank_variable_keeps_its_default():
    config = local(
        PAGINA_MADRE_DATA_DIR=" ",
        DJANGO_ALLOWED_HOSTS="",
        LOGIN_RATE="",
        STAFF_TOTP="",
        SMS_FILE_PATH="",
        CENSUS_SNAPSHOT_DIR="",
    )

    assert config == local()


def test_the_log_level_is_a_level_of_python_logging_in_any_case():
    assert local(LOG_LEVEL="warning").log_level == "WARNING"
    with pytest.raises(InvalidConfig, match="LOG_LEVEL must be one of DEBUG, INFO"):
        local(LOG_LEVEL="chatty")


def test_who_runs_the_portal_is_read_as_given():
    operator = local(
        OPERATOR_NAME="Fundación Página Madre",
        OPERATOR_ID="NIT 900.123.456-7",
        OPERATOR_ADDRESS="Calle 10 # 5-20, Bogotá",
        OPERATOR_EMAIL="datos@paginamadre.co",
        OPERATOR_PHONE="$601 555 0100",
    ).operator

    assert operator.name == "Fundación Página Madre"
    assert operator.id == "NIT 900.123.456-7"
    assert operator.address == "Calle 10 # 5-20, Bogotá"
    assert operator.email == "datos@paginamadre.co"
    assert operator.phone == "$601 555 0100"


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"DJANGO_SECURE_SSL": "0", "PHONE_VERIFICATION": "quizás"},
        {"DJANGO_SECURE_SSL": "0", "LOGIN_RATE": "cinco"},
        {"DJANGO_SECURE_SSL": "0", "SMS_BACKEND": "paloma"},
        {"DJANGO_SECURE_SSL": "0", "CENSUS_TIMEOUT_S": "pronto"},
        {"DJANGO_SECURE_SSL": "0", "QCLUSTER_WORKERS": "dos"},
        {"DJANGO_SECURE_SSL": "0", "DATABASE_URL": "pagina_madre.sqlite3"},
    ],
)
def test_every_refusal_is_one_exception_type(env: dict[str, str]):
    with pytest.raises(InvalidConfig) as refusal:
        PortalConfig.from_env(env)

    assert isinstance(refusal.value, ValueError)


def test_the_configuration_imports_no_django():
    code = (
        "import sys; import pagina_madre.config; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'django', 'environ', 'django_q', 'playwright', 'patchright'}))"
    )

    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT_DIR
    )

    assert shown.stdout.strip() == "[]"
