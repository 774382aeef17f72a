"""The list the project ships is described by its manifest: its files are there."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from polling_places.shipped import shipped_list


def test_the_shipped_list_names_its_election_date_and_files() -> None:
    shipped = shipped_list()
    assert shipped.election == "congreso-2026"
    assert shipped.published_on == date(2025, 12, 12)
    assert shipped.list_file.is_file()
    assert shipped.coordinates_file.is_file()
    assert "SOURCE.md" in shipped.source


def test_a_manifest_elsewhere_names_files_beside_it(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.json"
    manifest.write_text(
        '{"election": "e", "name": "n", "published_on": "2027-01-02", "source": "s",'
        ' "list": "l.csv", "coordinates": "c.csv"}'
    )
    shipped = shipped_list(manifest)
    assert (shipped.list_file, shipped.coordinates_file) == (tmp_path / "l.csv", tmp_path / "c.csv")
