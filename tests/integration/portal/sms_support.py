"""The phone of the portal's tests: the file SMS backend, and reading codes back from it.

Texts leave from a worker (``accounts.phone.tasks.send_texts``), after the request. The
outbox plays that worker when it is read: what a person finds on the phone is what a
worker woken by then has sent. (A wake-up is not needed: the task carries nothing.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from accounts.phone.tasks import send_texts
from adapters.sms import SmsConfig, read_outbox

CODE = re.compile(r"\b(\d{6})\b")


class Outbox:
    def __init__(self, path: Path) -> None:
        self.path = path

    def messages(self, to: str | None = None) -> list[dict[str, Any]]:
        send_texts()
        return self.sent(to)

    def sent(self, to: str | None = None) -> list[dict[str, Any]]:
        """What has left so far, without playing the worker."""
        return [m for m in read_outbox(self.path) if to is None or m["to"] == to]

    def last_code(self, to: str | None = None) -> str:
        """The code in the latest message (to ``to``): what the person reads on the phone."""
        *_, last = self.messages(to)
        match = CODE.search(last["text"])
        assert match, f"no code in {last['text']!r}"
        return match.group(1)


@pytest.fixture
def outbox(settings: Any, tmp_path: Path) -> Outbox:
    """Every SMS of the test goes to a file of its own (SMS_BACKEND=file)."""
    path = tmp_path / "sms" / "outbox.jsonl"
    settings.SMS = SmsConfig(backend="file", file_path=path)
    return Outbox(path)


class SmsService:
    """The SMS service of the test, up (texts reach the outbox) or down: it then refuses
    every text (``SmsNotSent``), as a provider that fails does."""

    def __init__(self, settings: Any, outbox: Outbox, unwritable: Path) -> None:
        self._settings = settings
        self._outbox = outbox
        self._unwritable = unwritable

    def down(self) -> None:
        self._settings.SMS = SmsConfig(backend="file", file_path=self._unwritable)

    def up(self) -> None:
        self._settings.SMS = SmsConfig(backend="file", file_path=self._outbox.path)


@pytest.fixture
def sms_service(settings: Any, outbox: Outbox, tmp_path: Path) -> SmsService:
    """Up until the test takes it down; the outbox keeps what left while it was up."""
    # A file where the outbox's folder would be: nothing can be written under it.
    blocker = tmp_path / "sms-down"
    blocker.write_text("")
    return SmsService(settings, outbox, blocker / "outbox.jsonl")
