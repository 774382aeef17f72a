"""The fleet, measured: `make bench` (or `.venv/bin/python benchmarks/bench_fleet.py`).

A burst of registrations against two set-ups at the same CENSUS_MIN_INTERVAL_S:
PostgreSQL + Redis with 3 clusters of 2 workers, and SQLite with its single worker.
For each:

1. the census site's request rate (the consultas the simulator saw, first to last), as a
   fraction of the limit, and of the fleet's turns, which keep the interval plus a delivery
   margin (goal ≥ 0.95 of the turns: the limiter wastes no slot);
2. registration → final status (estado.json's fetched_at), p50 and p95 over the burst;
3. the portal's registration latency while the burst drains, against the idle portal
   before any worker started (goal ≤ 1.2×);
4. the card's estimate of when the answer comes (estado.json's answer_expected_at, from the
   fleet's measured throughput: cedula_domain/throughput.py), against when it came, for a
   sample of the burst read once the fleet has worked a while; beside it, the error of the
   estimate the card gave before it measured anything (one pace interval per lookup ahead).

Everything runs on this machine: the local PostgreSQL and Redis (a throwaway database and
a Redis database of its own; the fleet is skipped, saying so, when either does not answer),
the portal under gunicorn, real `qcluster` processes with Chromium, the census simulator.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src"), str(ROOT / "tests")]

from integration.fleet.fleet_harness import (  # noqa: E402
    FLEET_SETTINGS,
    Fleet,
    PostgresServer,
    RedisDatabase,
    Unreachable,
    burst_cedulas,
    epoch,
    fresh_database,
    wait_all_final,
)
from integration.lookups.lookup_harness import Portal, wait_until  # noqa: E402

from adapters.census_scraper import resolve_executable  # noqa: E402
from census_sim.server import CensusSimulator  # noqa: E402
from pagina_madre.config import DELIVERY_MARGIN_S  # noqa: E402

# Above what this machine's browsers sustain (two cores, Chromium beside the portal): the
# rate then measures the limiter, not the CPU. Production's is 15 s.
INTERVAL_S = 1.5
PROBES = 20  # registrations timed one by one: on the idle portal, then while draining
# The estimates are read once this many consultas were made (the fleet has a pace to
# measure), from every ESTIMATE_EVERY-th person of the burst.
ESTIMATE_AFTER = 30
ESTIMATE_EVERY = 5
THREADS = 8
# The portal on one core, the workers and their browsers on the others, as on separate
# hosts: what is measured is what they share, the database and the broker.
CPUS = sorted(os.sched_getaffinity(0))
PINNING = {"portal_cpus": set(CPUS[:1]), "cluster_cpus": set(CPUS[1:])} if len(CPUS) > 1 else {}
SETTINGS = {
    **FLEET_SETTINGS,
    # A loaded machine must not turn slow lookups into failures: this measures the pace.
    "CENSUS_TIMEOUT_S": "30",
    "LOG_LEVEL": "WARNING",
}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[round(fraction * (len(ordered) - 1))]


def register(fleet: Fleet, cedula: str) -> tuple[Portal, float, float]:
    """The person (logged in), when the portal answered (epoch s), and how long it took."""
    person = fleet.person()
    started = time.perf_counter()
    response = person.register(cedula)
    elapsed = time.perf_counter() - started
    if response.status_code != 302:
        raise SystemExit(f"registration answered {response.status_code}")
    return person, time.time(), elapsed


def measure(name: str, fleet: Fleet, clusters: int, simulator: CensusSimulator, burst: int) -> None:
    interval_s = float(fleet.env["CENSUS_MIN_INTERVAL_S"])
    idle_cedulas = burst_cedulas(PROBES, start=3_000_000)
    crowd = burst_cedulas(burst, start=4_000_000)
    busy_cedulas = burst_cedulas(PROBES, start=5_000_000)
    everyone = {*idle_cedulas, *crowd, *busy_cedulas}
    fleet.prepare_database()
    try:
        fleet.start_portal()
        idle = [register(fleet, cedula)[2] for cedula in idle_cedulas]
        simulator.state.reset()
        fleet.start_clusters(clusters)
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            registered = dict(
                zip(crowd, pool.map(lambda c: register(fleet, c), crowd), strict=True)
            )
        busy = [register(fleet, cedula)[2] for cedula in busy_cedulas]
        wait_until(
            lambda: len(consultas(simulator)) >= ESTIMATE_AFTER,
            60 + ESTIMATE_AFTER * interval_s * 4,
            f"{ESTIMATE_AFTER} consultas before the estimates are read",
        )
        estimates = read_estimates({c: registered[c][0] for c in crowd[::ESTIMATE_EVERY]})
        wait_until(
            lambda: everyone <= {call["cedula"] for call in consultas(simulator)},
            60 + len(everyone) * interval_s * 4,
            "every cédula asked",
        )
        answers = wait_all_final({c: person for c, (person, _, _) in registered.items()}, 300)
    finally:
        fleet.stop()

    # While work was queued: a retry that comes back later is no slot the limiter missed.
    calls = consultas(simulator)[: len(everyone)]
    span = calls[-1]["at"] - calls[0]["at"]
    rate = (len(calls) - 1) / span
    to_final = [epoch(answers[cedula]["fetched_at"]) - registered[cedula][1] for cedula in crowd]
    idle_ms, busy_ms = statistics.median(idle) * 1000, statistics.median(busy) * 1000
    print(f"{name}:")
    turn_s = interval_s + DELIVERY_MARGIN_S
    print(
        f"  site request rate        {rate:5.2f}/s over {len(calls)} consultas in {span:.0f} s"
        f" = {rate * interval_s:4.2f} of the limit (1 every {interval_s:g} s; at most"
        f" {interval_s / turn_s:4.2f} with the {DELIVERY_MARGIN_S:g} s delivery margin)"
    )
    print(f"  fleet's turns used       {rate * turn_s:4.2f} (1 every {turn_s:g} s)")
    print(
        f"  registration → final     p50 {percentile(to_final, 0.5):5.1f} s, "
        f"p95 {percentile(to_final, 0.95):5.1f} s ({burst} in a burst)"
    )
    print(
        f"  registration latency     idle {idle_ms:4.0f} ms, while draining {busy_ms:4.0f} ms"
        f" ({busy_ms / idle_ms:4.2f}×, medians of {PROBES}; p95 {percentile(idle, 0.95) * 1000:.0f}"
        f" and {percentile(busy, 0.95) * 1000:.0f} ms)"
    )
    measured, at_pace = estimate_errors(estimates, answers, turn_s)
    if measured:
        print(
            f"  estimate of the answer   error |p50| {percentile(measured, 0.5):5.1f} s, "
            f"|p90| {percentile(measured, 0.9):5.1f} s over {len(measured)} waiting people; "
            f"one pace interval a lookup: |p50| {percentile(at_pace, 0.5):5.1f} s, "
            f"|p90| {percentile(at_pace, 0.9):5.1f} s"
        )


def read_estimates(people: dict[str, Portal]) -> dict[str, tuple[float, dict]]:
    """When each of ``people`` read their estado.json, and what it said."""
    return {cedula: (time.time(), person.status()) for cedula, person in people.items()}


def estimate_errors(
    estimates: dict[str, tuple[float, dict]], answers: dict[str, dict], turn_s: float
) -> tuple[list[float], list[float]]:
    """For those still waiting when asked: how far the answer came from the card's estimate,
    and from one pace turn per lookup ahead (what the card said before it measured), in
    seconds either way."""
    measured, at_pace = [], []
    for cedula, (asked_at, status) in estimates.items():
        if status["status"] != "pending" or not status["answer_expected_at"]:
            continue
        came = epoch(answers[cedula]["fetched_at"])
        measured.append(abs(came - epoch(status["answer_expected_at"])))
        at_pace.append(abs(came - (asked_at + (status["queue_position"] - 1) * turn_s)))
    return measured, at_pace


def consultas(simulator: CensusSimulator) -> list[dict]:
    calls = simulator.state.stats.as_json()["consultas"]
    return sorted(calls, key=lambda call: call["at"])


def main() -> None:
    parser = argparse.ArgumentParser(description="The fleet against the single worker.")
    parser.add_argument("--burst", type=int, default=200, help="registrations in the burst")
    parser.add_argument("--interval", type=float, default=INTERVAL_S, help="seconds")
    arguments = parser.parse_args()
    burst, interval_s = arguments.burst, arguments.interval
    settings = {**SETTINGS, "CENSUS_MIN_INTERVAL_S": str(interval_s)}
    browser = resolve_executable(None)
    simulator = CensusSimulator("127.0.0.1", 0).start()
    print(f"{burst} registrations in a burst, CENSUS_MIN_INTERVAL_S={interval_s:g}")
    if PINNING:
        print(f"portal on CPU {CPUS[0]}, workers and browsers on CPU {CPUS[1:]}")
    try:
        with ExitStack() as stack:
            postgres = PostgresServer()
            try:
                postgres.check()
                redis_db = RedisDatabase.claim()
            except Unreachable as error:
                print(f"PostgreSQL + Redis, 3 clusters × 2 workers: skipped ({error})")
            else:
                stack.callback(redis_db.release)
                database_url = stack.enter_context(fresh_database(postgres))
                fleet = Fleet(
                    database_url=database_url,
                    redis_url=redis_db.url,
                    census_url=simulator.url,
                    browser_executable=browser,
                    work_dir=Path(stack.enter_context(tempfile.TemporaryDirectory())),
                    settings=settings,
                    **PINNING,
                )
                measure("PostgreSQL + Redis, 3 clusters × 2 workers", fleet, 3, simulator, burst)
        with tempfile.TemporaryDirectory() as work_dir:
            single = Fleet(
                database_url=f"sqlite:///{work_dir}/bench.sqlite3",
                redis_url="",
                census_url=simulator.url,
                browser_executable=browser,
                work_dir=Path(work_dir),
                settings={**settings, "QCLUSTER_WORKERS": "1"},
                **PINNING,
            )
            measure("SQLite, 1 cluster × 1 worker", single, 1, simulator, burst)
    finally:
        simulator.stop()


if __name__ == "__main__":
    main()
