"""The time budget of one lookup, shared by every wait inside it."""

from __future__ import annotations

import time

from attrs import frozen


@frozen
class Deadline:
    at: float  # time.monotonic() value
    budget_s: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds, seconds)

    def less(self, seconds: float) -> Deadline:
        """The same budget ending ``seconds`` earlier: room kept for what must follow."""
        return Deadline(self.at - seconds, self.budget_s)

    def remaining_s(self) -> float:
        return max(0.0, self.at - time.monotonic())

    @property
    def expired(self) -> bool:
        return self.remaining_s() <= 0.0

    def ms(self, cap_s: float | None = None) -> float:
        """A Playwright timeout (milliseconds) for the next wait: what is left, at most
        ``cap_s``. Never 0, which Playwright reads as "wait for ever"."""
        seconds = self.remaining_s() if cap_s is None else min(cap_s, self.remaining_s())
        return max(1.0, seconds * 1000.0)
