"""An outbox file, one JSON line per message: what the tests read their codes from."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from adapters.sms.sender import Phone, SmsNotSent, e164


class FileSmsSender:
    def __init__(self, path: Path) -> None:
        self._path = path

    def send(self, to: Phone, text: str) -> None:
        line = json.dumps(
            {"to": e164(to), "text": text, "sent_at": datetime.now(UTC).isoformat()},
            ensure_ascii=False,
        )
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            # One write on a file opened for appending: concurrent senders (the portal's
            # workers) never interleave within a line.
            descriptor = os.open(self._path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(descriptor, (line + "\n").encode())
            finally:
                os.close(descriptor)
        except OSError as error:
            raise SmsNotSent(f"outbox not writable: {error.strerror}") from error


def read_outbox(path: Path) -> list[dict[str, Any]]:
    """Every message written to the outbox so far, oldest first."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
