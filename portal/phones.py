"""The one way the portal writes a Colombian phone number: "300 123 4567"."""

from __future__ import annotations

import phonenumbers
from phonenumber_field.phonenumber import PhoneNumber

COLOMBIA_COUNTRY_CODE = 57
# Mobile (3xx) and, since 2021, landline (60x) numbers alike have ten digits.
NATIONAL_DIGITS = 10


def national(number: PhoneNumber | str | None) -> str:
    """A Colombian number as people say it, in groups of 3, 3 and 4 digits; anything else
    (a foreign or invalid number, a text that is no number) unchanged, and nothing for
    nothing."""
    if number is None or number == "":
        return ""
    parsed = number if isinstance(number, PhoneNumber) else _parsed(str(number))
    if parsed is None or not parsed.is_valid() or parsed.country_code != COLOMBIA_COUNTRY_CODE:
        return str(number)
    digits = phonenumbers.national_significant_number(parsed)
    if len(digits) != NATIONAL_DIGITS:
        return parsed.as_national
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def _parsed(text: str) -> PhoneNumber | None:
    try:
        return PhoneNumber.from_string(text, region="CO")
    except phonenumbers.NumberParseException:
        return None
