"""The cédula de ciudadanía, the number that identifies a Colombian citizen."""

from __future__ import annotations

import re

from attrs import frozen

# Cédulas issued before the 1990s have as few as 3 to 8 digits (the numbering started
# in 1952 and was assigned by sequence); current ones have 10. Anything outside that
# range cannot have been issued by the Registraduría.
MIN_DIGITS = 3
MAX_DIGITS = 10

# People write the number as printed on the card ("1.234.567.890") or grouped with
# spaces; those separators carry no meaning and are dropped.
# Shown of a cédula where it need not be whole (a referrer's list, the audit trail, logs).
SHOWN_DIGITS = 4
MASK = "****"
_SEPARATORS = re.compile(r"[.\s]")
_ASCII_DIGITS = re.compile(r"[0-9]+")


def masked_digits(digits: str) -> str:
    """The last four digits behind a mask of fixed width (so it tells no length either);
    fewer for short runs, of which at least half always stays hidden."""
    shown = min(SHOWN_DIGITS, len(digits) // 2)
    return MASK + digits[len(digits) - shown :]


class InvalidCedula(ValueError):
    """The text cannot be a cédula; the message is written for the person who typed it."""


@frozen
class Cedula:
    """A valid cédula number, kept as its ASCII digits without separators."""

    value: str

    @classmethod
    def parse(cls, text: str) -> Cedula:
        digits = _SEPARATORS.sub("", text.strip())
        if not digits:
            raise InvalidCedula("Escribe tu número de cédula.")
        # fullmatch with [0-9] (not \d, not str.isdigit) so that digits of other
        # scripts, such as "١٢٣", are refused instead of being silently accepted.
        if not _ASCII_DIGITS.fullmatch(digits):
            raise InvalidCedula("La cédula solo puede tener números, sin letras ni símbolos.")
        if digits.startswith("0"):
            raise InvalidCedula("La cédula no puede empezar por cero.")
        if not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
            raise InvalidCedula(f"La cédula debe tener entre {MIN_DIGITS} y {MAX_DIGITS} dígitos.")
        return cls(digits)

    def __str__(self) -> str:
        return self.value

    @property
    def masked(self) -> str:
        return masked_digits(self.value)

    @property
    def formatted(self) -> str:
        """The number grouped by thousands as printed on the card: 1.234.567.890."""
        return f"{int(self.value):,}".replace(",", ".")
