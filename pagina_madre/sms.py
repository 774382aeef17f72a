"""The composition root's SMS part: the sender that ``SMS_BACKEND`` names.

It lives beside ``bootstrap`` rather than in it because accounts sends the messages, and
accounts may not import ``bootstrap`` (which builds the census service: accounts never
knows census, see the import contracts in pyproject.toml).
"""

from __future__ import annotations

from django.conf import settings

from adapters.sms import SmsSender, build_sms_sender


def sms_sender() -> SmsSender:
    # Built on each call (it is cheap), so a test's settings override reaches it.
    return build_sms_sender(settings.SMS)
