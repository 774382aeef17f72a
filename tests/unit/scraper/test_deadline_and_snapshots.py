"""The lookup's time budget and the snapshot store: no browser."""

from __future__ import annotations

from pathlib import Path

from adapters.census_scraper.deadline import Deadline
from adapters.census_scraper.snapshots import SnapshotStore


def test_a_spent_budget_still_gives_playwright_a_nonzero_timeout():
    # Playwright reads 0 as "wait for ever": the last wait must get 1 ms, not 0.
    assert Deadline.after(-1.0).ms() == 1.0


def test_a_wait_takes_the_smaller_of_its_cap_and_what_is_left():
    deadline = Deadline.after(10.0)

    assert deadline.ms(2.0) == 2000.0
    assert 9000.0 < deadline.ms() <= 10000.0


def test_a_deadline_kept_short_ends_earlier_with_the_same_budget():
    deadline = Deadline.after(10.0)

    shorter = deadline.less(3.0)

    assert shorter.budget_s == 10.0
    assert shorter.remaining_s() < deadline.remaining_s() - 2.9


def test_a_snapshot_is_an_html_file_and_a_screenshot(tmp_path: Path):
    store = SnapshotStore(tmp_path / "snaps", keep=5)

    page = store.save("stealth-firewall", "<html>Request Rejected</html>", b"\x89PNG")

    assert page.read_text() == "<html>Request Rejected</html>"
    assert page.with_suffix(".png").read_bytes() == b"\x89PNG"
    assert page.name.endswith("-stealth-firewall.html")


def test_only_the_newest_snapshots_are_kept(tmp_path: Path):
    store = SnapshotStore(tmp_path, keep=2)

    names = [store.save(f"n{n}", f"<p>{n}</p>", None).name for n in range(4)]

    assert sorted(path.name for path in tmp_path.iterdir()) == names[-2:]
