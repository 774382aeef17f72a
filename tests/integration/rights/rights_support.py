"""Where a cédula could hide after its person is forgotten, and the portal's own log."""

from __future__ import annotations

import base64
import io
import logging
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django_q.models import OrmQ, Task

from portal.log_masking import MaskCedulas


def tables_holding(text: str) -> set[str]:
    """Every table of the database with a row holding ``text`` in any column, read raw,
    plus the columns stored encoded, read decoded: Django-Q2's pickled arguments and
    results and signed queue payloads, sessions, the database cache."""
    found = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            if any(text in _raw(value) for row in cursor.fetchall() for value in row):
                found.add(table)
    if any(text in repr((t.name, t.args, t.kwargs, t.result)) for t in Task.objects.all()):
        found.add("django_q_task (decoded)")
    if any(text in repr(row.task) for row in OrmQ.objects.all()):
        found.add("django_q_ormq (decoded)")
    if any(text in repr(session.get_decoded()) for session in Session.objects.all()):
        found.add("django_session (decoded)")
    if any(text in repr(value) for value in _cached_values()):
        found.add("cache (decoded)")
    return found


def files_holding(text: str, folder: Path) -> list[Path]:
    """Files under ``folder`` with ``text`` in their name or their bytes."""
    return [
        path
        for path in folder.rglob("*")
        if path.is_file() and (text in path.name or text.encode() in path.read_bytes())
    ]


@contextmanager
def portal_log() -> Iterator[io.StringIO]:
    """What the portal's configured log handlers (settings.LOGGING) write meanwhile."""
    written = io.StringIO()
    handlers = {
        handler
        for logger in (logging.getLogger(), logging.getLogger("django-q"))
        for handler in logger.handlers
        if any(isinstance(item, MaskCedulas) for item in handler.filters)
    }
    assert handlers, "no log handler of the portal masks cédulas"
    previous = {handler: handler.setStream(written) for handler in handlers}  # type: ignore[attr-defined]
    try:
        yield written
    finally:
        for handler, stream in previous.items():
            handler.setStream(stream)  # type: ignore[attr-defined]


def _raw(value: Any) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("latin-1")
    return str(value)


def _cached_values() -> list[Any]:
    location = settings.CACHES["default"].get("LOCATION")
    if location not in connection.introspection.table_names():
        return []  # Redis, or no cache table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {connection.ops.quote_name(location)}")
        return [pickle.loads(base64.b64decode(value)) for (value,) in cursor.fetchall()]
