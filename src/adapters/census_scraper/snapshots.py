"""Snapshots (HTML + screenshot) of pages that blocked us or changed, for operators.

A snapshot may show a cédula (the form was filled in when the page blocked us), so each
one can be tied to the person whose lookup took it, without a cédula in its name: while a
lookup runs ``about(subject)`` (a keyed hash of the cédula, ``subject_of``) and the files
it saves end in ``--<subject>``. Forgetting a person removes the files ending in theirs;
the rest go after the retention (``purge``) or when newer ones push them out (``keep``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from attrs import frozen

logger = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^a-z0-9_-]+")
_STAMP = "%Y%m%dT%H%M%S%fZ"
_STAMP_LENGTH = len("20260101T000000000000Z")
_SUFFIXES = (".html", ".png")

# Whose lookup runs in this process now. The page is saved on the browser's own thread, not
# the one that asked for the lookup, so this is process-wide; a worker process runs one
# lookup at a time (the scraper's lock), which is what makes it correct.
_subject_lock = threading.Lock()
_subject = ""


def subject_of(cedula: str, key: bytes) -> str:
    """A name for the person in file names: keyed, so that the files alone do not give the
    cédula back (ten digits are quickly tried against a plain hash)."""
    return hmac.new(key, f"snapshot:{cedula}".encode(), hashlib.sha256).hexdigest()[:20]


@contextmanager
def about(subject: str) -> Iterator[None]:
    """Snapshots saved in this process meanwhile belong to ``subject``."""
    global _subject
    with _subject_lock:
        _subject = subject
    try:
        yield
    finally:
        with _subject_lock:
            _subject = ""


@frozen
class SnapshotStore:
    directory: Path
    keep: int = 50

    def save(self, label: str, html: str, png: bytes | None) -> Path:
        """Write ``<time>-<label>[--<subject>].html`` (and ``.png``); keep only the newest
        ``keep``."""
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime(_STAMP)
        stem = f"{stamp}-{_UNSAFE.sub('-', label.lower())}"
        with _subject_lock:
            subject = _subject
        if subject:
            stem = f"{stem}--{subject}"
        page = self.directory / f"{stem}.html"
        page.write_text(html, encoding="utf-8")
        if png is not None:
            (self.directory / f"{stem}.png").write_bytes(png)
        self.prune()
        return page

    def prune(self) -> None:
        stems = sorted(
            {path.stem for path in self.directory.iterdir() if path.suffix in _SUFFIXES},
            reverse=True,  # the names start with the time: newest first
        )
        self._remove(stems[self.keep :])

    def forget(self, subject: str) -> int:
        """Remove the snapshots of ``subject``'s lookups; how many."""
        stems = {path.stem for path in self._files() if path.stem.endswith(f"--{subject}")}
        return self._remove(sorted(stems))

    def purge(self, before: datetime) -> int:
        """Remove the snapshots taken before ``before``; how many."""
        stems = {path.stem for path in self._files() if _taken(path.stem) < before}
        return self._remove(sorted(stems))

    def _files(self) -> list[Path]:
        if not self.directory.is_dir():
            return []
        return [path for path in self.directory.iterdir() if path.suffix in _SUFFIXES]

    def _remove(self, stems: list[str]) -> int:
        for stem in stems:
            for suffix in _SUFFIXES:
                try:
                    (self.directory / f"{stem}{suffix}").unlink(missing_ok=True)
                except OSError:
                    logger.warning("could not remove snapshot %s%s", stem, suffix)
        return len(stems)


def _taken(stem: str) -> datetime:
    try:
        return datetime.strptime(stem[:_STAMP_LENGTH], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        # Not one of ours: never counted as old.
        return datetime.max.replace(tzinfo=UTC)
