"""Reading settings from an environment-like mapping, for the value objects that own them.

Each reader answers None when the variable is unset or blank, so that the value object's
own default applies: a default is written once, where the value lives.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

_N = TypeVar("_N", int, float)
_TRUE = frozenset({"1", "true", "yes", "on", "si", "sí"})
_FALSE = frozenset({"0", "false", "no", "off"})


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


def given(**values: Any) -> dict[str, Any]:
    """The keyword arguments that were set, for ``cls(**given(...))``: the rest default."""
    return {name: value for name, value in values.items() if value is not None}
