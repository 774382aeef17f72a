"""Registration to final census status through the real worker, browser and simulator."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

import pytest
from django_q.models import OrmQ

from census.models import CedulaInfo
from integration.lookups.lookup_harness import census_place, final_status, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def consulta_times(census_sim, cedula: str) -> list[float]:
    return [call["at"] for call in census_sim.stats()["consultas"] if call["cedula"] == cedula]


def test_registrations_end_in_what_the_census_says(worker, portal, census_sim):
    # Slow answers, so the pending state can be seen before the answer arrives.
    census_sim.set_mode("slow", delay_s=2)
    found, missing, cancelled = portal(), portal(), portal()

    assert found.register("1020304050").status_code == 302
    assert found.status()["status"] in {"pending", "processing"}
    assert missing.register("1000000001").status_code == 302
    assert cancelled.register("20000021").status_code == 302

    answer = final_status(found, 60)
    assert answer["status"] == "found"
    assert answer["voting_place"] == census_place("1020304050")
    assert answer["attempts"] == 1
    assert answer["fetched_at"] is not None
    assert final_status(missing, 60)["status"] == "not_found"
    assert final_status(cancelled, 60)["cancellation"] == {
        "novedad": "Cancelada por Muerte",
        "resolucion": "1021",
        "fecha": "22/03/2019",
    }


def test_blocked_and_unavailable_lookups_retry_with_spacing_then_end_in_error(
    worker, portal, census_sim
):
    # Reserved cédulas of the simulator: a firewall rejection and an HTTP 500.
    blocked, broken = portal(), portal()
    blocked.register("900000001")
    broken.register("900000005")

    for person in (blocked, broken):
        answer = final_status(person, 150)
        assert (answer["status"], answer["attempts"]) == ("error", 3)
    rows = {row.cedula: row for row in CedulaInfo.objects.all()}
    assert rows["900000001"].last_failure_kind == "blocked"
    assert rows["900000005"].last_failure_kind == "unavailable"
    for cedula in ("900000001", "900000005"):
        times = consulta_times(census_sim, cedula)
        assert len(times) == 3
        # CENSUS_RETRY_MIN_S is 1 s in these tests: never hammered back to back.
        assert all(later - earlier >= 1 for earlier, later in pairwise(times))


def test_a_cluster_killed_mid_lookup_finishes_it_once_after_restart(worker, portal, census_sim):
    census_sim.set_mode("slow", delay_s=6)
    person = portal()
    person.register("43210987")
    wait_until(lambda: consulta_times(census_sim, "43210987"), 30, "the lookup in flight")
    assert CedulaInfo.objects.get().status == "processing"
    assert worker.browsers()

    worker.kill()

    wait_until(lambda: not worker.browsers(), 15, "the killed worker's Chromium to exit")
    census_sim.set_mode("normal")
    worker.start()
    answer = final_status(person, 90)
    assert answer["status"] == "found"
    assert answer["voting_place"] == census_place("43210987")
    assert answer["attempts"] == 2  # the interrupted attempt counts
    # The killed task comes back from the broker; by then the lookup is over, so it
    # must do nothing.
    wait_until(lambda: not OrmQ.objects.exists(), 60, "the redelivered task to be consumed")
    assert len(consulta_times(census_sim, "43210987")) == 2
    assert CedulaInfo.objects.count() == 1
    assert person.status()["status"] == "found"


def test_fifty_registrations_in_a_burst_all_end_final(worker, portal):
    cedulas = [str(3_000_000 + 7_919 * index) for index in range(50)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(lambda cedula: portal().register(cedula), cedulas))

    assert [response.status_code for response in responses] == [302] * 50
    wait_until(
        lambda: CedulaInfo.objects.filter(status__in=["found", "not_found"]).count() == 50,
        240,
        "fifty final lookups",
    )
    assert sorted(CedulaInfo.objects.values_list("cedula", flat=True)) == sorted(cedulas)
    assert not CedulaInfo.objects.filter(attempts__gt=1).exists()
