"""Snapshots (HTML + screenshot) of pages that blocked us or changed, for operators."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from pathlib import Path

from attrs import frozen

logger = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^a-z0-9_-]+")


@frozen
class SnapshotStore:
    directory: Path
    keep: int = 50

    def save(self, label: str, html: str, png: bytes | None) -> Path:
        """Write ``<time>-<label>.html`` (and ``.png``); keep only the newest ``keep``."""
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        stem = f"{stamp}-{_UNSAFE.sub('-', label.lower())}"
        page = self.directory / f"{stem}.html"
        page.write_text(html, encoding="utf-8")
        if png is not None:
            (self.directory / f"{stem}.png").write_bytes(png)
        self.prune()
        return page

    def prune(self) -> None:
        stems = sorted(
            {path.stem for path in self.directory.iterdir() if path.suffix in (".html", ".png")},
            reverse=True,  # the names start with the time: newest first
        )
        for stem in stems[self.keep :]:
            for suffix in (".html", ".png"):
                try:
                    (self.directory / f"{stem}{suffix}").unlink(missing_ok=True)
                except OSError:
                    logger.warning("could not remove old snapshot %s%s", stem, suffix)
