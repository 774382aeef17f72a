"""The composition root's SMS part: the sender that ``SMS_BACKEND`` names (accounts sends
the messages), what it raises when a message cannot be sent, and how the worker that
sends them is woken."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from adapters.django_q_queue import wake_text_sender
from adapters.sms import SmsNotSent, SmsSender, build_sms_sender

__all__ = ["SmsNotSent", "sms_sender", "text_lease", "wake_text_sender"]

# Beyond the provider's own timeout: what a worker sending one text may take at most.
_LEASE_MARGIN_S = 60.0


def sms_sender() -> SmsSender:
    # Built on each call (it is cheap), so a test's settings override reaches it.
    return build_sms_sender(settings.SMS)


def text_lease() -> timedelta:
    """How long a worker holds a text it sends: longer than any send can take, so that no
    other worker sends it too; then, its worker surely gone, another may."""
    provider = settings.SMS.provider
    return timedelta(seconds=_LEASE_MARGIN_S + (provider.timeout_s if provider else 0.0))
