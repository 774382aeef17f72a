"""The SMS settings, and the phone verification that needs a real backend in production."""

from __future__ import annotations

from pathlib import Path

import pytest

from pagina_madre.config import InvalidConfig
from unit.settings.environments import local, production

TWILIO = {
    "SMS_BACKEND": "twilio",
    "SMS_PROVIDER_ACCOUNT_SID": "AC123",
    "SMS_PROVIDER_AUTH_TOKEN": "secreto",
    "SMS_PROVIDER_FROM": "+5716000000",
}


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"SMS_BACKEND": "paloma"}, "SMS_BACKEND must be one of console, file, twilio"),
        (
            {"SMS_BACKEND": "twilio", "SMS_PROVIDER_ACCOUNT_SID": "AC123"},
            "SMS_BACKEND=twilio needs SMS_PROVIDER_AUTH_TOKEN, SMS_PROVIDER_FROM",
        ),
        ({**TWILIO, "SMS_PROVIDER_TIMEOUT_S": "0"}, "timeout_s"),
    ],
)
def test_nonsense_sms_settings_stop_the_portal_at_start(env: dict[str, str], complaint: str):
    with pytest.raises(InvalidConfig, match=f"^SMS settings: .*{complaint}"):
        local(**env)


def test_phone_verification_in_production_needs_a_real_sms_backend():
    with pytest.raises(
        InvalidConfig, match="PHONE_VERIFICATION=1 needs a real SMS_BACKEND in production"
    ):
        production(PHONE_VERIFICATION="1")


def test_phone_verification_runs_locally_with_the_console_as_the_phone():
    config = local(PHONE_VERIFICATION="1")

    assert config.phone_verification is True
    assert config.sms.backend == "console"
    assert config.sms.local is True


def test_phone_verification_in_production_sends_through_twilio():
    config = production(PHONE_VERIFICATION="1", **TWILIO)

    assert config.sms.backend == "twilio"
    assert config.sms.provider is not None
    assert config.sms.provider.sender == "+5716000000"


def test_the_file_backend_writes_where_it_is_told():
    config = local(SMS_BACKEND="file", SMS_FILE_PATH="/tmp/outbox.jsonl")

    assert config.sms.file_path == Path("/tmp/outbox.jsonl")
