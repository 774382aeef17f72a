"""Cédulas kept out of text that more people read than need to: log lines, the audit trail.

A cédula is 3 to 10 digits, but runs of 3 to 5 digits are everywhere (years, ports, times,
counts), so only runs of 6 to 10 digits are taken for one, and only when they stand alone:
a digit right before or after means a longer number (a phone), and a decimal point before
or after one (microseconds, a duration) a part of a decimal number: both left as they are.
The trade-off: a short cédula (under 6 digits) slips through, a cédula written with dots
("1.234.567") is not recognised (masking dotted groups would mangle IP addresses), and any
other standalone 6–10 digit integer (a process id, a large count) is masked too, which
costs operators a few digits.
"""

from __future__ import annotations

import re

from cedula_domain.cedula import masked_digits

_STANDALONE_RUN = re.compile(r"(?<![0-9])(?<![0-9]\.)[0-9]{6,10}(?![0-9])(?!\.[0-9])")


def mask_cedulas(text: str) -> str:
    """``text`` with every standalone run of 6 to 10 digits masked."""
    return _STANDALONE_RUN.sub(lambda run: masked_digits(run.group()), text)
