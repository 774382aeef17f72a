"""From settings to a sender: the backend named by ``SMS_BACKEND``."""

from __future__ import annotations

from adapters.sms.config import SmsConfig
from adapters.sms.console import ConsoleSmsSender
from adapters.sms.file import FileSmsSender
from adapters.sms.sender import SmsSender
from adapters.sms.twilio import TwilioSmsSender


def build_sms_sender(config: SmsConfig) -> SmsSender:
    if config.backend == "file":
        return FileSmsSender(config.file_path)
    if config.backend == "twilio" and config.provider is not None:
        return TwilioSmsSender(config.provider)
    return ConsoleSmsSender(local=config.local)
