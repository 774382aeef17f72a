"""The port: what the portal needs of a text-message service."""

from __future__ import annotations

from typing import Protocol

import phonenumbers

Phone = str | phonenumbers.PhoneNumber


class SmsNotSent(Exception):
    """The message did not leave: the provider refused it or could not be reached. The
    text says why, without the number or the message."""


class SmsSender(Protocol):
    def send(self, to: Phone, text: str) -> None:
        """Hand ``text`` over for delivery to ``to`` (any phone number the portal stores,
        E.164 or a PhoneNumber). Returns once the message is accepted for delivery;
        raises ``SmsNotSent`` otherwise. Delivery itself is the carrier's business."""
        ...


def e164(to: Phone) -> str:
    if isinstance(to, phonenumbers.PhoneNumber):
        return phonenumbers.format_number(to, phonenumbers.PhoneNumberFormat.E164)
    return to.strip()


def masked(to: Phone) -> str:
    """The last four digits only: enough to tell two test phones apart in a log."""
    number = e164(to)
    return f"…{number[-4:]}"
