"""How fast reminder texts leave: a count per period ("60/m", "1/s", "100/15m"), as the
other rates of the portal are written, turned into the wait between two texts and the
number that fit in a run of a given length."""

from __future__ import annotations

import math
import re

from attrs import field, frozen, validators

_RATE = re.compile(r"([1-9]\d*)/([1-9]\d*)?([smhd])")
_UNIT_S = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class NotARate(ValueError):
    """Not a count per period."""


@frozen
class SendingPace:
    # Seconds between the starts of two texts.
    interval_s: float = field(validator=validators.gt(0))

    @classmethod
    def from_rate(cls, rate: str) -> SendingPace:
        match = _RATE.fullmatch(rate.strip())
        if match is None:
            raise NotARate(rate)
        count, multiple, unit = match.groups()
        period_s = int(multiple or 1) * _UNIT_S[unit]
        return cls(period_s / int(count))

    def texts_within(self, seconds: float) -> int:
        """How many texts a run of ``seconds`` sends at this pace: at least one, so that a
        run always moves on."""
        return max(1, math.floor(seconds / self.interval_s))
