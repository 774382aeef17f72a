"""A rate as django-ratelimit reads it ("5/h", "100/15m"), checked when the settings load:
a typo stops the portal at start, naming the variable, instead of failing a request."""

from __future__ import annotations

import re

_RATE = re.compile(r"[1-9]\d*/([1-9]\d*)?[smhd]")


def checked_rate(variable: str, value: str) -> str:
    rate = value.strip()
    if not _RATE.fullmatch(rate):
        raise ValueError(
            f"{variable} must be a count per period such as 5/h or 100/15m "
            f"(periods s, m, h, d), not {value!r}"
        )
    return rate
