"""wsp's PHP sessions: the hidden ``#token`` (32 hex, new on every page load) is tied to the
``PHPSESSID`` cookie, and a consulta whose token is not its session's current one is
answered ``{"reload": true}``."""

from __future__ import annotations

import secrets
import string
import threading
from collections import OrderedDict

# A long-running demo must not grow without bound; the oldest sessions go first.
MAX_SESSIONS = 10_000
_SESSION_ALPHABET = string.ascii_lowercase + string.digits


class WspSessions:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: OrderedDict[str, str] = OrderedDict()

    def load_page(self, session_id: str | None) -> tuple[str, str, bool]:
        """(session id, the page's new token, whether the session is new)."""
        token = secrets.token_hex(16)
        with self._lock:
            is_new = session_id is None or session_id not in self._tokens
            if is_new:
                # PHP's default session id: 26 characters of [a-z0-9].
                session_id = "".join(secrets.choice(_SESSION_ALPHABET) for _ in range(26))
            assert session_id is not None
            self._tokens[session_id] = token
            self._tokens.move_to_end(session_id)
            while len(self._tokens) > MAX_SESSIONS:
                self._tokens.popitem(last=False)
        return session_id, token, is_new

    def accepts(self, session_id: str | None, token: str) -> bool:
        with self._lock:
            current = self._tokens.get(session_id or "")
        return current is not None and token.isascii() and secrets.compare_digest(current, token)

    def clear(self) -> None:
        with self._lock:
            self._tokens.clear()
