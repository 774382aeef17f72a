"""Who goes first when the census may be asked only so often."""

from __future__ import annotations

import enum


class Priority(enum.IntEnum):
    """The class of a lookup; a lower class goes first, and within a class the lookup
    requested first. A new person waiting for their first answer matters most; a person
    asking again has an answer already; bulk work can wait for both."""

    FIRST = 0
    REFRESH = 1
    BULK = 2
