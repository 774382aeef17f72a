"""The composition root's SMS part: the sender that ``SMS_BACKEND`` names (accounts sends
the messages), and what it raises when a message cannot be sent."""

from __future__ import annotations

from django.conf import settings

from adapters.sms import SmsNotSent, SmsSender, build_sms_sender

__all__ = ["SmsNotSent", "sms_sender"]


def sms_sender() -> SmsSender:
    # Built on each call (it is cheap), so a test's settings override reaches it.
    return build_sms_sender(settings.SMS)
