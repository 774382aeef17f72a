"""Sending text messages: a console stand-in for the phone, a file for tests, and Twilio."""

from adapters.sms.config import BACKENDS, SmsConfig, TwilioConfig
from adapters.sms.console import ConsoleSmsSender
from adapters.sms.factory import build_sms_sender
from adapters.sms.file import FileSmsSender, read_outbox
from adapters.sms.sender import SmsNotSent, SmsSender
from adapters.sms.twilio import TwilioSmsSender

__all__ = [
    "BACKENDS",
    "ConsoleSmsSender",
    "FileSmsSender",
    "SmsConfig",
    "SmsNotSent",
    "SmsSender",
    "TwilioConfig",
    "TwilioSmsSender",
    "build_sms_sender",
    "read_outbox",
]
