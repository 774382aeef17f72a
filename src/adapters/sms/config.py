"""The SMS settings (``SMS_*``), read once from the environment and validated then."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from attrs import field, frozen, validators

from adapters.environment import Environment, given

BACKENDS = ("console", "file", "twilio")


@frozen(kw_only=True)
class TwilioConfig:
    account_sid: str = field(validator=validators.min_len(1))
    auth_token: str = field(validator=validators.min_len(1), repr=False)
    # A sender number in E.164 or a Messaging Service SID ("MG…").
    sender: str = field(validator=validators.min_len(1))
    api_url: str = "https://api.twilio.com"
    timeout_s: float = field(default=10.0, validator=validators.gt(0))


@frozen(kw_only=True)
class SmsConfig:
    # The console backend is the local stand-in for the phone (`make run`).
    backend: str = field(default="console", validator=validators.in_(BACKENDS))
    file_path: Path = Path("var/sms/outbox.jsonl")
    provider: TwilioConfig | None = None
    # A local run on plain HTTP: only there does the console backend show the messages.
    local: bool = True

    def __attrs_post_init__(self) -> None:
        if self.backend == "twilio" and self.provider is None:
            raise ValueError("SMS_BACKEND=twilio needs the SMS_PROVIDER_* settings")

    @classmethod
    def from_env(cls, env: Mapping[str, str], *, local: bool) -> SmsConfig:
        """Raises ValueError naming the variable that makes no sense."""
        read = Environment(env)
        backend = (read.text("SMS_BACKEND") or "console").lower()
        if backend not in BACKENDS:
            raise ValueError(f"SMS_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}")
        provider = None
        if backend == "twilio":
            names = ("SMS_PROVIDER_ACCOUNT_SID", "SMS_PROVIDER_AUTH_TOKEN", "SMS_PROVIDER_FROM")
            missing = [name for name in names if read.text(name) is None]
            if missing:
                raise ValueError(f"SMS_BACKEND=twilio needs {', '.join(missing)}")
            provider = TwilioConfig(
                account_sid=read.text("SMS_PROVIDER_ACCOUNT_SID") or "",
                auth_token=read.text("SMS_PROVIDER_AUTH_TOKEN") or "",
                sender=read.text("SMS_PROVIDER_FROM") or "",
                **given(
                    api_url=read.text("SMS_PROVIDER_URL"),
                    timeout_s=read.number("SMS_PROVIDER_TIMEOUT_S", float),
                ),
            )
        path = read.text("SMS_FILE_PATH")
        return cls(
            backend=backend,
            provider=provider,
            local=local,
            **given(file_path=path and Path(path)),
        )
