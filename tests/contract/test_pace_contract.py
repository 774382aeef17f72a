"""Pace: two turns are never closer than the interval, whoever takes them (threads of one
worker, or worker processes sharing the store); False once the wait allowed is over. On
the fake and on shared_pace over a SQLite file, Redis and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

INTERVAL_S = 0.3
# The clocks' granularity (the store's and this machine's).
TOLERANCE_S = 0.075
# Long enough for every other caller's turns: no turn is refused in these tests.
PATIENT_S = 10.0
PACE_TURNS = Path(__file__).with_name("pace_turns.py")


def kept_the_pace(times: list[float], *, since: float) -> bool:
    """Whether the k-th turn taken after ``since`` came at least k intervals after it.

    A turn is seen when wait_turn returns, after the store granted it, and on a loaded
    machine a caller may come back well after its grant (0.2 s was seen on two busy cores):
    the gap between two turns as seen can be shorter than the one granted. A turn is seen
    late, never early, so counting from a moment before the first turn holds however busy
    the machine is, and turns let through together fail it."""
    return all(seen - since >= k * INTERVAL_S - TOLERANCE_S for k, seen in enumerate(sorted(times)))


def test_turns_taken_from_several_threads_are_never_closer_than_the_interval(make_pace):
    pace = make_pace(INTERVAL_S, PATIENT_S)
    times: list[float] = []
    lock = threading.Lock()

    def take_turns() -> None:
        for _ in range(2):
            assert pace.wait_turn()
            with lock:
                times.append(time.monotonic())

    threads = [threading.Thread(target=take_turns) for _ in range(3)]
    since = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(PATIENT_S)

    assert len(times) == 6
    assert kept_the_pace(times, since=since)


def test_turns_taken_through_two_paces_on_one_store_are_never_closer_than_the_interval(
    make_pace,
):
    """Two workers of the fleet, each with its own pace, share the spacing."""
    paces = [make_pace(INTERVAL_S, PATIENT_S) for _ in range(2)]
    times: list[float] = []

    since = time.monotonic()
    for _ in range(2):
        for pace in paces:
            assert pace.wait_turn()
            times.append(time.monotonic())

    assert kept_the_pace(times, since=since)


def test_no_turn_within_the_wait_allowed_is_false_and_the_next_turn_still_comes_on_time(
    make_pace,
):
    # Long enough that a caller coming back late from a turn (kept_the_pace) stays far
    # from the bounds told apart here: the next turn one interval on, or two.
    interval_s, max_wait_s = 1.0, 0.05
    pace = make_pace(interval_s, max_wait_s)
    since = time.monotonic()
    assert pace.wait_turn()

    refused = pace.wait_turn()
    refused_after = time.monotonic() - since

    assert refused is False
    assert refused_after < interval_s / 2  # it gave up, it did not wait for the turn
    # The refusal took no turn: the next one comes an interval after the first, not two.
    while not pace.wait_turn():
        assert time.monotonic() - since < 2 * interval_s
    assert interval_s - TOLERANCE_S <= time.monotonic() - since < 1.5 * interval_s


@pytest.mark.parametrize("pace_store", ["sqlite", "redis", "postgres"], indirect=True)
def test_turns_taken_by_several_worker_processes_are_never_closer_than_the_interval(pace_store):
    processes = [
        subprocess.Popen(
            [sys.executable, str(PACE_TURNS), json.dumps(pace_store), str(INTERVAL_S), "2"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    try:
        for process in processes:
            assert process.stdout.readline().strip() == "ready"
        since = time.monotonic()  # one clock for every process of this machine
        for process in processes:
            process.stdin.write("go\n")
            process.stdin.flush()
        times = [json.loads(process.communicate(timeout=PATIENT_S * 3)[0]) for process in processes]
    finally:
        for process in processes:
            process.kill()
            process.wait()

    assert [len(turns) for turns in times] == [2, 2, 2]
    assert kept_the_pace([turn for turns in times for turn in turns], since=since)
