"""Several clusters on PostgreSQL and Redis behave as one polite client of the census site:
one pace for the fleet, every lookup ends, a block stops everyone, new people go first.

What is asserted is what the fleet promises, read where it is kept: the turns its pace gave
(Redis), what the site itself saw (the simulator's record of consultas), each record's
attempts and the attempts log (PostgreSQL), and what each person sees (their estado.json).
Nothing rests on how fast a page loads: on a loaded machine a lookup may time out and be
tried again, which is allowed as long as it is an attempt of its own, and says so.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta
from itertools import pairwise
from typing import Any

import pytest

from integration.fleet.fleet_harness import (
    FLEET_SETTINGS,
    Fleet,
    ask_refresh,
    burst_cedulas,
    consultas,
    register_all,
    wait_all_final,
)
from integration.lookups.lookup_harness import wait_until
from pagina_madre.config import DELIVERY_MARGIN_S

pytestmark = pytest.mark.browser

PACE_S = 1.0
ANSWERS = {"found", "not_found"}
# The failures an attempt may end in when the site is slow or the machine loaded.
SLOW = {"unavailable"}
# How long a burst may take to end final: spent only when something is wrong.
DRAIN_BUDGET_S = 240
WORKERS = int(FLEET_SETTINGS["QCLUSTER_WORKERS"])


def asked(census_sim) -> Counter[str]:
    return Counter(call["cedula"] for call in consultas(census_sim))


def assert_paced(turns: list[float], calls: list[dict], interval_s: float) -> None:
    """Never two consultas closer than the interval. The fleet's part, exactly: the turns
    its pace gave are the interval and the delivery margin apart, and each consulta waited
    for a turn of its own (the k-th to reach the site came no earlier than the k-th turn).
    The site's side, with the condition the margin states: two consultas arrive at least
    the interval apart whenever the first took no longer than the margin from its turn to
    the site (on a loaded machine the browser may take longer to send it: that is the
    machine's delay, not a turn given early)."""
    spacing = interval_s + DELIVERY_MARGIN_S
    turn_gaps = [round(later - earlier, 6) for earlier, later in pairwise(turns)]
    assert all(gap >= spacing for gap in turn_gaps), f"seconds between turns: {turn_gaps}"
    arrivals = sorted(call["at"] for call in calls)
    assert len(arrivals) <= len(turns), f"{len(arrivals)} consultas, {len(turns)} turns"
    delays = [round(at - turn, 3) for at, turn in zip(arrivals, turns, strict=False)]
    assert min(delays) >= 0, f"seconds from each turn to its consulta: {delays}"
    gaps = [round(later - earlier, 3) for earlier, later in pairwise(arrivals)]
    on_time = [gap for gap, delay in zip(gaps, delays, strict=False) if delay <= DELIVERY_MARGIN_S]
    assert on_time, f"no consulta reached the site within the margin: {delays}"
    assert min(on_time) >= interval_s, f"seconds between consultas: {gaps}; delays: {delays}"


def assert_asked_again_only_as_a_new_attempt(
    running: Fleet, census_sim: Any, people: int, *, failures: set[str], killed_workers: int = 0
) -> None:
    """A cédula is asked again only by an attempt of its own, after the one before failed
    (its failure in the attempts log) or vanished with a killed worker (in no log)."""
    attempts = running.attempts()
    more_asked_than_tried = {
        cedula: (times, attempts[cedula])
        for cedula, times in asked(census_sim).items()
        if times > attempts[cedula]
    }
    assert more_asked_than_tried == {}, "consultas, attempts"
    log = running.attempts_log()
    answered = sum(log[status] for status in ANSWERS)
    # One answer per lookup; a worker killed after logging its answer, before storing
    # it, leaves one more.
    assert people <= answered <= people + killed_workers, log
    assert set(log) - ANSWERS <= failures, log
    vanished = sum(attempts.values()) - log.total()
    assert 0 <= vanished <= killed_workers, f"{vanished} attempts ended in nothing; {log}"


def test_a_burst_on_three_clusters_ends_final_at_one_pace_for_the_whole_fleet(
    fleet, census_sim, consulta_turns
):
    running = fleet(clusters=3)
    cedulas = burst_cedulas(30)

    people = register_all(running, cedulas)
    # The consultas alone take 30 turns (about 42 s); a retry or a wake-up put off comes
    # back on Django-Q2's scheduler, which runs every 30 s: drains took 47 to 96 s in CI.
    answers = wait_all_final(people, DRAIN_BUDGET_S)

    assert {answer["status"] for answer in answers.values()} <= ANSWERS  # none lost
    assert set(asked(census_sim)) == set(cedulas)
    assert_asked_again_only_as_a_new_attempt(running, census_sim, len(cedulas), failures=SLOW)
    turns = consulta_turns.turns(PACE_S + DELIVERY_MARGIN_S)
    assert_paced(turns, consultas(census_sim), PACE_S)


def test_a_killed_cluster_and_an_emptied_redis_lose_no_lookup(fleet, census_sim, redis_db):
    running = fleet(clusters=3)
    cedulas = burst_cedulas(18, start=4_000_000)

    people = register_all(running, cedulas)
    wait_until(lambda: len(consultas(census_sim)) >= 6, 60, "the burst under way")
    running.clusters[0].kill()
    # Every wake-up still waiting in the broker is gone: only the records remember.
    redis_db.flush()
    answers = wait_all_final(people, DRAIN_BUDGET_S)

    assert {answer["status"] for answer in answers.values()} <= ANSWERS
    assert set(asked(census_sim)) == set(cedulas)
    # What the killed cluster's workers had in hand is asked again, as a second attempt.
    assert_asked_again_only_as_a_new_attempt(
        running, census_sim, len(cedulas), failures=SLOW, killed_workers=WORKERS
    )


def opened(running: Fleet, openings: int) -> dict[str, Any]:
    breaker = running.breaker()
    return breaker if breaker.get("openings") == openings else {}


def test_a_blocking_site_stops_the_fleet_for_the_cooldown_then_one_probe_reopens_it(
    fleet, census_sim
):
    cooldown = timedelta(seconds=5)
    census_sim.set_mode("firewall_api")
    # Enough attempts that no one gives up: the drain is what is tested. One person may
    # meet several of the blocks (three to open, those under way, each probe) and, on a
    # loaded machine, time out on a slow page too; each is an attempt of its own.
    running = fleet(
        clusters=2,
        CENSUS_MIN_INTERVAL_S="5",
        CENSUS_BREAKER_COOLDOWN_S=str(int(cooldown.total_seconds())),
        CENSUS_MAX_ATTEMPTS="12",
    )

    people = register_all(running, burst_cedulas(4, start=5_000_000))
    first = wait_until(lambda: opened(running, 1), 120, "three blocks to open the breaker")
    # Only a probe can open it again: one that asked after the cooldown and met the block.
    second = wait_until(lambda: opened(running, 2), 120, "the probe to meet the block")
    census_sim.set_mode("normal")
    answers = wait_all_final(people, 120)

    assert first["retry_at"] - first["opened_at"] == cooldown
    assert second["retry_at"] - second["opened_at"] == 2 * cooldown
    calls = consultas(census_sim)
    for breaker in (first, second):
        start, end = breaker["opened_at"].timestamp(), breaker["retry_at"].timestamp()
        # Nobody starts asking during a cooldown: a consulta then comes from an attempt
        # already under way when the breaker opened, one per other worker at most.
        during = [call for call in calls if start <= call["at"] < end]
        assert len(during) <= 2 * WORKERS - 1, during
    probes = [call for call in calls if first["retry_at"].timestamp() <= call["at"]]
    assert probes, "no probe after the cooldown"
    assert probes[0]["at"] <= second["opened_at"].timestamp()
    assert running.breaker()["state"] == "closed"  # the second probe was answered
    log = running.attempts_log()
    assert {answer["status"] for answer in answers.values()} <= ANSWERS, (answers, log)
    # Waiting on the open breaker cost no attempt: every attempt ran to an outcome in the
    # log, and every block or answer there is a consulta the site saw.
    assert sum(running.attempts().values()) == log.total()
    assert log["blocked"] + sum(log[status] for status in ANSWERS) <= len(calls) <= log.total()


def test_new_people_overtake_refreshes_waiting_their_turn(fleet, census_sim):
    # One worker takes the lookups one at a time, so the site sees them in the order they
    # were claimed, however long each page took.
    running = fleet(clusters=1, QCLUSTER_WORKERS="1")
    old_cedulas = burst_cedulas(8, start=6_000_000)
    old = register_all(running, old_cedulas)
    wait_all_final(old, 90)
    census_sim.reset()

    for person in old.values():
        ask_refresh(person)
    new_cedulas = burst_cedulas(4, start=7_000_000)
    new = register_all(running, new_cedulas, threads=4)
    all_new_registered = time.time()
    wait_all_final(new, 60)
    wait_all_final(old, 60)
    calls = consultas(census_sim)

    assert set(asked(census_sim)) == set(old) | set(new)
    times_asked = asked(census_sim)
    attempts = running.attempts()
    first_asked: dict[str, float] = {}
    for call in calls:
        first_asked.setdefault(call["cedula"], call["at"])
    # A new person whose every attempt reached the site was first asked on their first
    # attempt; one whose attempt failed before asking waited a backoff, and refreshes
    # rightly went meanwhile.
    asked_first_time = [
        first_asked[cedula] for cedula in new if times_asked[cedula] == attempts[cedula]
    ]
    assert asked_first_time, "every new person's first attempt failed before asking"
    last_new = max(asked_first_time)
    refreshes = [first_asked[cedula] for cedula in old]
    waiting = [at for at in refreshes if at > all_new_registered]
    overtaking = [at for at in waiting if at < last_new]
    # Most refreshes still waited when the new people came: more than the one in hand.
    assert len(waiting) > 1
    # Only the refresh already in the worker's hands may still go before the new people.
    assert len(overtaking) <= 1
