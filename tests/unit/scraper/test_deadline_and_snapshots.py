"""The lookup's time budget and the snapshot store: no browser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from adapters.census_scraper.deadline import Deadline
from adapters.census_scraper.snapshots import SnapshotStore, about, subject_of


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


def test_snapshots_taken_during_a_lookup_carry_its_subject_and_can_be_forgotten(tmp_path: Path):
    store = SnapshotStore(tmp_path)
    subject = subject_of("1020304050", key=b"secret")
    with about(subject):
        mine = store.save("stealth-firewall", "<p>1020304050</p>", b"\x89PNG")
    other = store.save("stealth-captcha", "<p>other</p>", b"\x89PNG")

    assert store.forget(subject) == 1

    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [other.name, other.with_suffix(".png").name]
    )
    assert "1020304050" not in mine.name
    assert subject in mine.name


def test_a_subject_names_no_cedula_and_depends_on_the_key():
    subject = subject_of("1020304050", key=b"secret")

    assert "1020304050" not in subject
    assert subject != subject_of("1020304050", key=b"another secret")
    assert subject == subject_of("1020304050", key=b"secret")


def test_snapshots_older_than_the_retention_are_purged(tmp_path: Path):
    store = SnapshotStore(tmp_path)
    old = tmp_path / "20200101T000000000000Z-stealth-firewall.html"
    old.write_text("<p>old</p>")
    new = store.save("stealth-firewall", "<p>new</p>", None)

    assert store.purge(datetime.now(UTC) - timedelta(days=30)) == 1

    assert [path.name for path in tmp_path.iterdir()] == [new.name]
