"""Background lookups, measured: `make bench` (or `.venv/bin/python benchmarks/bench_lookups.py`).

1. Registration request latency with the lookup trigger vs. without it.
2. Time from registration to a final census status, through a real `qcluster` and
   Chromium against the local census simulator.
3. Worker memory (the cluster and its browsers, PSS) after 10 and after 200 lookups.

Everything runs on a throwaway SQLite file; nothing outside this machine is contacted.
"""

from __future__ import annotations

import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from cedula_domain import LookupStatus  # noqa: E402
from census_sim.server import CensusSimulator  # noqa: E402

REGISTRATIONS = 15
TIMED_LOOKUPS = 10
MEMORY_LOOKUPS = 200
FINAL = tuple(status.value for status in LookupStatus if status.is_final)


def configure(data_dir: Path, census_url: str) -> dict[str, str]:
    env = {
        "DJANGO_SETTINGS_MODULE": "pagina_madre.settings",
        "PAGINA_MADRE_DATA_DIR": str(data_dir),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "CENSUS_URL": census_url,
        "CENSUS_SCRAPER": "stealth",
        # Politeness towards the real site is not what is measured here.
        "CENSUS_MIN_INTERVAL_S": "0",
        "QCLUSTER_POLL_S": "0.1",
        "LOG_LEVEL": "WARNING",
        "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1",
        # Every registration comes from one address: the limits against abuse would
        # answer 429 long before the burst ends.
        "REGISTRATION_RATE": "100000/h",
        "EXISTENCE_ANSWER_RATE": "100000/h",
    }
    os.environ.update(env)
    return {**os.environ, **env}


def registration_form(cedula: str) -> dict[str, str]:
    return {
        "nombre_completo": "Persona de Prueba",
        "cedula": cedula,
        "telefono": "3001234567",
        "password1": "Clave-segura-2026",
        "password2": "Clave-segura-2026",
        "acepta_politica": "on",
    }


def time_registrations(first_cedula: int) -> list[float]:
    from django.test import Client

    timings = []
    for index in range(REGISTRATIONS):
        client = Client()
        started = time.perf_counter()
        response = client.post("/registro/", registration_form(str(first_cedula + index)))
        timings.append(time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
    return timings


def bench_registration_latency() -> None:
    from django.db.models.signals import post_save
    from django_q.models import OrmQ

    from accounts.models import CustomUser
    from census.signals import request_first_census_lookup

    with_trigger = time_registrations(5_000_000)
    post_save.disconnect(request_first_census_lookup, sender=CustomUser)
    try:
        without_trigger = time_registrations(6_000_000)
    finally:
        post_save.connect(
            request_first_census_lookup,
            sender=CustomUser,
            dispatch_uid="request_first_census_lookup",
        )
    with_ms = statistics.median(with_trigger) * 1000
    without_ms = statistics.median(without_trigger) * 1000
    print(f"registration request, median of {REGISTRATIONS}:")
    print(f"  with the lookup trigger     {with_ms:8.1f} ms")
    print(f"  without it                  {without_ms:8.1f} ms")
    print(f"  ratio                       {with_ms / without_ms:8.2f}")
    # The lookups these registrations asked for are not part of what comes next.
    CustomUser.objects.all().delete()
    OrmQ.objects.all().delete()


def wait_final(cedulas: list[str], timeout_s: float) -> None:
    from census.models import CedulaInfo

    deadline = time.monotonic() + timeout_s
    while CedulaInfo.objects.filter(cedula__in=cedulas, status__in=FINAL).count() < len(cedulas):
        if time.monotonic() > deadline:
            raise SystemExit(f"lookups not final after {timeout_s} s")
        time.sleep(0.05)


def cluster_pss_mb(cluster: subprocess.Popen[bytes]) -> float:
    root = psutil.Process(cluster.pid)
    total = 0
    for process in [root, *root.children(recursive=True)]:
        try:
            total += process.memory_full_info().pss
        except psutil.NoSuchProcess:
            continue
    return total / 2**20


def bench_worker(env: dict[str, str]) -> None:
    from django.test import Client

    from accounts.models import CustomUser

    cluster = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        elapsed = []
        for index in range(TIMED_LOOKUPS):
            cedula = str(7_000_000 + index)
            started = time.perf_counter()
            Client().post("/registro/", registration_form(cedula))
            wait_final([cedula], 120)
            elapsed.append(time.perf_counter() - started)
        print(
            f"registration to final status, {TIMED_LOOKUPS} in a row (first one launches Chromium):"
        )
        print(
            f"  first {elapsed[0]:.2f} s, median {statistics.median(elapsed):.2f} s, "
            f"max of the warm ones {max(elapsed[1:]):.2f} s"
        )
        after_10 = cluster_pss_mb(cluster)

        cedulas = [str(8_000_000 + index) for index in range(MEMORY_LOOKUPS - TIMED_LOOKUPS)]
        started = time.perf_counter()
        for cedula in cedulas:
            CustomUser.objects.create_user(
                cedula, None, nombre_completo="Carga", telefono="+573001234567"
            )
        wait_final(cedulas, 900)
        rate = len(cedulas) / (time.perf_counter() - started)
        after_200 = cluster_pss_mb(cluster)
        print(f"worker memory (cluster + browsers, PSS), {rate:.1f} lookups/s meanwhile:")
        print(f"  after {TIMED_LOOKUPS} lookups   {after_10:8.1f} MiB")
        print(f"  after {MEMORY_LOOKUPS} lookups  {after_200:8.1f} MiB")
    finally:
        cluster.terminate()
        cluster.wait(timeout=30)


def main() -> None:
    simulator = CensusSimulator("127.0.0.1", 0, delay_s=0).start()
    data_dir = Path(tempfile.mkdtemp(prefix="bench-lookups-"))
    env = configure(data_dir, simulator.url)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the rate limits' counts
    try:
        bench_registration_latency()
        bench_worker(env)
    finally:
        simulator.stop()


if __name__ == "__main__":
    main()
