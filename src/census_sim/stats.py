"""What the simulator has seen: tests read it to prove politeness and retry spacing."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ConsultaCall:
    at: float  # epoch seconds, comparable across processes
    cedula: str
    user_agent: str
    accept_language: str


@dataclass
class Stats:
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _requests: Counter[str] = field(default_factory=Counter)
    _consultas: list[ConsultaCall] = field(default_factory=list)

    def count(self, method: str, path: str) -> None:
        if path.startswith("/__sim/"):
            return  # the control endpoints are not the portal's traffic
        with self._lock:
            self._requests[f"{method} {path}"] += 1

    def consulta(self, cedula: str, user_agent: str, accept_language: str) -> None:
        with self._lock:
            self._consultas.append(ConsultaCall(time.time(), cedula, user_agent, accept_language))

    def clear(self) -> None:
        with self._lock:
            self._requests.clear()
            self._consultas.clear()

    def as_json(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests": dict(self._requests),
                "consultas": [
                    {
                        "at": call.at,
                        "cedula": call.cedula,
                        "user_agent": call.user_agent,
                        "accept_language": call.accept_language,
                    }
                    for call in self._consultas
                ],
            }
