"""A big referrer, measured: `make bench` (or `.venv/bin/python benchmarks/bench_referrals.py`).

One leader who brought 10,000 people (half of them sharing their result, their places
spread over a few hundred puestos), and what their pages cost: the time (median of a few
requests, after one to warm up), the bytes and the queries of

1. /referidos/, the first page of their people with the totals;
2. /perfil/mis-datos/, everything held about them, which names the people they brought;
3. /perfil/mis-datos.json and /referidos/exportar.csv, which still hold everyone, for scale.

Goals: /perfil/mis-datos/ under 300 ms; /referidos/ a page a cheap phone loads (tens of
KB, not megabytes). Everything runs in a throwaway SQLite file, in this process.
"""

from __future__ import annotations

import os
import secrets
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Django is set up only once main() has configured it.
    from django.test import Client

    from accounts.models import CustomUser

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

PEOPLE = 10_000
PUESTOS = 300
REPEATS = 5
# Milliseconds a page should stay under, reported beside its figure.
GOALS_MS = {"/perfil/mis-datos/": 300}
PAGES = (
    ("/referidos/", "/referidos/ (first page)"),
    ("/perfil/mis-datos/", "/perfil/mis-datos/"),
    ("/perfil/mis-datos.json", "/perfil/mis-datos.json"),
    ("/referidos/exportar.csv", "/referidos/exportar.csv"),
)


def configure(data_dir: Path) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "pagina_madre.settings",
            "PAGINA_MADRE_DATA_DIR": str(data_dir),
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "LOG_LEVEL": "WARNING",
        }
    )
    os.environ.setdefault("DJANGO_SECURE_SSL", "0")


def big_referrer() -> CustomUser:
    """The leader and their people, written in bulk as registrations leave them."""
    from accounts.models import CustomUser
    from cedula_domain import AnswerSource, LookupStatus
    from census.models import CedulaInfo
    from referrals.models import Leader, Referral, ReferralLink, SharingConsentEntry

    now = datetime.now(UTC)
    leader = CustomUser.objects.create_user(
        "1020304050", None, nombre_completo="Líder de Prueba", telefono="+573001234567"
    )
    Leader.objects.create(person=leader, meta=PEOPLE * 2)
    link = ReferralLink.objects.create(owner=leader, code="A" * 16, issued_at=now)
    people = CustomUser.objects.bulk_create(
        CustomUser(
            cedula=str(30_000_000 + index),
            nombre_completo=f"Persona Número {index} de Prueba",
            telefono="+573001234567",
            password="!",
        )
        for index in range(PEOPLE)
    )
    referrals = Referral.objects.bulk_create(
        Referral(referrer=leader, referred=person, link=link, created_at=now) for person in people
    )
    statuses = [LookupStatus.FOUND] * 6 + [
        LookupStatus.NOT_FOUND,
        LookupStatus.PENDING,
        LookupStatus.ERROR,
        LookupStatus.CANCELLED,
    ]
    rows = []
    for index, person in enumerate(people):
        status = statuses[index % len(statuses)]
        found = status is LookupStatus.FOUND
        # A few told their place themselves.
        source = AnswerSource.PERSON if index % 17 == 0 else AnswerSource.REGISTRADURIA
        rows.append(
            CedulaInfo(
                user=person,
                cedula=person.cedula,
                status=status.value,
                requested_at=now,
                fetched_at=now if found else None,
                source=source.value if found else "",
                departamento="ANTIOQUIA" if found else "",
                municipio="MEDELLIN" if found else "",
                puesto=f"INSTITUCION EDUCATIVA NUMERO {index % PUESTOS}" if found else "",
                direccion="CALLE 1 # 2-3" if found else "",
                mesa=str(index % 40 + 1) if found else "",
            )
        )
    CedulaInfo.objects.bulk_create(rows, batch_size=2000)
    SharingConsentEntry.objects.bulk_create(
        SharingConsentEntry(referral=referral, change="granted", at=now)
        for referral in referrals[::2]
    )
    return leader


def measure(client: Client, path: str) -> tuple[float, int, int]:
    """Median milliseconds, bytes and queries of GET ``path``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(path)  # warm: templates compiled, the session read once
    assert response.status_code == 200, (path, response.status_code)
    timings = []
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(timings) * 1000, len(response.content), len(queries)


def main() -> None:
    configure(Path(tempfile.mkdtemp(prefix="bench-referrals-")))

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)

    from django.test import Client

    started = time.perf_counter()
    leader = big_referrer()
    print(f"{PEOPLE} referred people written in {time.perf_counter() - started:.1f} s")
    client = Client()
    client.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    print(f"{'page':<28} {'median':>10} {'bytes':>12} {'queries':>8}")
    for path, label in PAGES:
        ms, size, queries = measure(client, path)
        goal = GOALS_MS.get(path)
        verdict = f"  goal < {goal} ms: {'met' if ms < goal else 'MISSED'}" if goal else ""
        print(f"{label:<28} {ms:7.1f} ms {size:12,d} {queries:8d}{verdict}")


if __name__ == "__main__":
    main()
