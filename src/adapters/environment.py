"""Reading settings from an environment-like mapping, for the value objects that own them.

The one reader of each kind of value: text, true/false, numbers, lists and rates, for every
setting of the portal (``pagina_madre.config``) and of the adapters. Each reader answers
None when the variable is unset or blank, so that the value object's own default applies:
a default is written once, where the value lives. Nonsense raises ValueError naming the
variable. (django-environ was set aside here: its ``bool`` takes "sí" or a typo for false,
and it reads a value starting with "$" as the name of another variable.)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar

_N = TypeVar("_N", int, float)
_TRUE = frozenset({"1", "true", "yes", "on", "si", "sí"})
_FALSE = frozenset({"0", "false", "no", "off"})
# A rate as django-ratelimit reads it: a count per period ("5/h", "100/15m").
_RATE = re.compile(r"[1-9]\d*/([1-9]\d*)?[smhd]")


class Environment:
    def __init__(self, env: Mapping[str, str]) -> None:
        self._env = env

    def text(self, name: str) -> str | None:
        value = self._env.get(name)
        return value.strip() if value is not None and value.strip() else None

    def flag(self, name: str) -> bool | None:
        value = self.text(name)
        if value is None:
            return None
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise ValueError(f"{name} must be true or false, not {value!r}")

    def number(self, name: str, kind: type[_N]) -> _N | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            return kind(value)
        except ValueError:
            raise ValueError(f"{name} must be a number, not {value!r}") from None

    def comma_list(self, name: str) -> tuple[str, ...] | None:
        """A comma-separated list ("a, b"), each item trimmed, empty ones dropped."""
        value = self.text(name)
        if value is None:
            return None
        return tuple(item.strip() for item in value.split(",") if item.strip())

    def rate(self, name: str) -> str | None:
        """A count per period, checked now: a typo stops the portal at start, naming the
        variable, instead of failing a request."""
        value = self.text(name)
        if value is None:
            return None
        if not _RATE.fullmatch(value):
            raise ValueError(
                f"{name} must be a count per period such as 5/h or 100/15m "
                f"(periods s, m, h, d), not {value!r}"
            )
        return value


def given(**values: Any) -> dict[str, Any]:
    """The keyword arguments that were set, for ``cls(**given(...))``: the rest default."""
    return {name: value for name, value in values.items() if value is not None}
