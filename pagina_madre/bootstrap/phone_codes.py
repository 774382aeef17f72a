"""The composition root's part for the codes sent by SMS: the one policy every use case of
codes applies (lifetime, tries, codes per hour)."""

from __future__ import annotations

import functools

from accounts.phone.rules.phone_code import PhoneCodePolicy


@functools.cache
def phone_code_policy() -> PhoneCodePolicy:
    return PhoneCodePolicy()
