"""The list the project ships (``data/``), so a machine without network has one: its files
and the election it is for, read from ``data/manifest.json``. A new election's list is a
new manifest and files, not code."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from attrs import frozen

DATA = Path(__file__).resolve().parent / "data"


@frozen(kw_only=True)
class ShippedList:
    election: str
    name: str
    published_on: date
    source: str
    list_file: Path
    coordinates_file: Path


def shipped_list(manifest: Path = DATA / "manifest.json") -> ShippedList:
    entry = json.loads(manifest.read_text(encoding="utf-8"))
    return ShippedList(
        election=entry["election"],
        name=entry["name"],
        published_on=date.fromisoformat(entry["published_on"]),
        source=entry["source"],
        list_file=manifest.parent / entry["list"],
        coordinates_file=manifest.parent / entry["coordinates"],
    )
