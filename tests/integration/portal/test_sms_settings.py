"""SMS settings that make no sense stop the portal at start, naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration.portal.test_deploy_settings import manage


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"SMS_BACKEND": "paloma"}, "SMS_BACKEND must be one of console, file, twilio"),
        (
            {"SMS_BACKEND": "twilio", "SMS_PROVIDER_ACCOUNT_SID": "AC123"},
            "SMS_BACKEND=twilio needs SMS_PROVIDER_AUTH_TOKEN, SMS_PROVIDER_FROM",
        ),
        (
            {"PHONE_VERIFICATION": "1", "DJANGO_SECURE_SSL": "1", "DJANGO_SECRET_KEY": "x" * 50},
            "PHONE_VERIFICATION=1 needs a real SMS_BACKEND in production",
        ),
    ],
)
def test_nonsense_sms_settings_stop_the_portal_at_start(
    tmp_path: Path, env: dict[str, str], complaint: str
):
    result = manage("check", PAGINA_MADRE_DATA_DIR=str(tmp_path), **env)

    assert result.returncode != 0
    assert complaint in result.stderr


def test_phone_verification_runs_locally_with_the_console_as_the_phone(tmp_path: Path):
    result = manage("check", PAGINA_MADRE_DATA_DIR=str(tmp_path), PHONE_VERIFICATION="1")

    assert result.returncode == 0, result.stderr
