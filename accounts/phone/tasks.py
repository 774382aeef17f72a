"""Django-Q2 entry points of the phone: one line each, the rows decide everything."""

from __future__ import annotations

from accounts.phone.texts import send_due_texts


def send_texts() -> int:
    """A wake-up (it carries nothing): every text due leaves, once."""
    return send_due_texts()
