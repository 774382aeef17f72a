"""A surge on our own site, measured: `make bench` (or `.venv/bin/python benchmarks/bench_load.py`).

The portal as `make run` serves it (gunicorn with the Procfile's options, DEBUG off,
`collectstatic`), in a throwaway data folder on SQLite (WAL), or on PostgreSQL in a
throwaway database `pagina_madre_bench` created and dropped here. N people whose card was
found are stored at once (one password hash computed for all), then, with locust headless:

1. polling: each person logs in once, opens the home page and asks for `estado.json`
   every 3 s, as a card due within a minute does (the quickest pace of
   census/rules/card_polling.py; a found card stops polling, so this is the worst case),
   sending back the ETag it last got (an unchanged answer is a 304). Measured after
   everyone is in: requests a second and p50/p95 latency per endpoint, and errors;
2. logins alone: a few people at once log in again and again (a new session each time),
   for the logins a second one host takes (argon2id, accounts/identity/password_hashing.py).

Beside each figure, the machine's load average (`uptime`): locust runs on the same
machine and takes its share of the cores. Nothing outside this machine is contacted.

    bench_load.py                                   # N=100, 20 s, SQLite: `make bench`
    bench_load.py --people 100 300 1000 --database sqlite postgres --markdown
    bench_load.py --people 1000 --poll-seconds 15   # a card further back in line
    bench_load.py --database postgres --postgres-query conn_max_age=60
    bench_load.py --gunicorn "--workers 2 --worker-class sync --threads 1 --access-logfile -"

The same through the environment: BENCH_LOAD_PEOPLE_LIST=100,300, BENCH_LOAD_SECONDS,
BENCH_LOAD_DATABASE=sqlite,postgres, BENCH_LOAD_POLL_SECONDS, BENCH_LOAD_POSTGRES_QUERY,
BENCH_LOAD_GUNICORN.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from gunicorn_portal import gunicorn_portal, portal_environment

ROOT = Path(__file__).resolve().parents[1]

PASSWORD = "Clave-segura-2026"
FIRST_CEDULA = 1_100_000_000
# The card's quickest pace (census/rules/card_polling.py); --poll-seconds for another.
POLL_SECONDS = int(os.environ.get("BENCH_LOAD_POLL_SECONDS", "3"))
LOGIN_USERS = 8
LOGIN_SECONDS = 10
BENCH_DATABASE = "pagina_madre_bench"
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
# Targets (issue 22): at N=300 on the default `make run`, p95 ≤ 300 ms and no error.
TARGET_P95_MS = 300

STATUS = "/censo/estado.json"
HOME = "/"
LOGIN = "/ingresar/"


# --- The simulated people (locust imports this file as its locustfile) -----------------

try:
    from locust import FastHttpUser, constant, task
except ImportError:  # the driver below runs without locust imported
    FastHttpUser = None

if FastHttpUser is not None:
    import gevent

    _next_person = itertools.count()
    _people = int(os.environ.get("BENCH_LOAD_PEOPLE", "1"))
    _arrived = itertools.count(1)
    _started = time.monotonic()

    def _everyone_in(user: FastHttpUser) -> None:
        """Once the last person is in, the figures start from zero and run the time asked
        (a crowd still logging in is another measure: the arrival, in seconds), and so
        does the count of the CPU the portal spends meanwhile."""
        out = Path(os.environ["BENCH_LOAD_OUT"])
        (out / "arrival").write_text(f"{time.monotonic() - _started:.0f}")
        user.environment.stats.reset_all()
        spent = portal_cpu_seconds()

        def done() -> None:
            (out / "cpu").write_text(f"{portal_cpu_seconds() - spent:.3f}")
            user.environment.runner.quit()

        gevent.spawn_later(int(os.environ["BENCH_LOAD_SECONDS"]), done)

    def _log_in(user: FastHttpUser, cedula: str) -> bool:
        form = user.client.get(LOGIN, name=LOGIN)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text or "")
        if token is None:
            return False
        with user.client.post(
            LOGIN,
            data={"csrfmiddlewaretoken": token[1], "username": cedula, "password": PASSWORD},
            headers={"Referer": user.host + LOGIN},
            name=f"{LOGIN} (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"login answered {answer.status_code}")
                return False
        return True

    class PollingPerson(FastHttpUser):
        """One person: logs in, opens the home page, then polls like the card."""

        wait_time = constant(POLL_SECONDS)

        def on_start(self) -> None:
            self.cedula = str(FIRST_CEDULA + next(_next_person) % _people)
            self.tag = ""
            if _log_in(self, self.cedula):
                with self.client.get(HOME, name=HOME, catch_response=True) as home:
                    if 'id="censo"' not in (home.text or ""):
                        home.failure("no card on the home page")
            if next(_arrived) == _people:
                _everyone_in(self)

        @task
        def poll(self) -> None:
            headers = {"If-None-Match": self.tag} if self.tag else {}
            with self.client.get(
                STATUS, headers=headers, name=STATUS, catch_response=True
            ) as answer:
                if answer.status_code == 304:
                    answer.success()
                elif answer.status_code == 200 and answer.headers.get(
                    "Content-Type", ""
                ).startswith("application/json"):
                    self.tag = answer.headers.get("ETag", "")
                else:
                    answer.failure(f"estado.json answered {answer.status_code}")

    class LoggingIn(FastHttpUser):
        """Logins, one after the other, each in a new session."""

        wait_time = constant(0)

        @task
        def log_in(self) -> None:
            self.client.cookiejar.clear()
            _log_in(self, str(FIRST_CEDULA + next(_next_person) % _people))


def portal_cpu_seconds() -> float:
    """CPU time spent so far by gunicorn's workers (BENCH_LOAD_PORTAL_PID's children):
    what a request costs whatever else the machine runs."""
    import psutil

    workers = psutil.Process(int(os.environ["BENCH_LOAD_PORTAL_PID"])).children()
    return sum(sum(worker.cpu_times()[:2]) for worker in workers)


# --- The driver --------------------------------------------------------------------------


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f}/{five:.1f}"


def procfile_web() -> list[str]:
    """The Procfile's gunicorn options, as `make run` starts the portal (its --bind aside)."""
    line = next(
        line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:")
    )
    words = shlex.split(line.removeprefix("web:"))
    options = words[words.index("pagina_madre.wsgi") + 1 :]
    kept, skip = [], False
    for word in options:
        if skip:
            skip = False
        elif word in ("--bind", "-b"):
            skip = True
        elif word == "--access-logfile":
            skip = True
            kept += ["--access-logfile", "-"]  # to the log file, as make run prints it
        else:
            kept.append(word)
    return kept


def environment(data_dir: Path, database_url: str | None, people: int) -> dict[str, str]:
    env = portal_environment(data_dir)
    env.update(
        {
            # Everyone comes from 127.0.0.1 here: the limit per address would stop the
            # logins of a whole town behind one proxy, which is not what is measured.
            "LOGIN_RATE": "1000000/h",
            "BENCH_LOAD_PEOPLE": str(people),
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
        }
    )
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def seed(people: int) -> None:
    """In the child process: the database as `make migrate` leaves it, and ``people``
    people whose card was found, stored in bulk."""
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    import django

    django.setup()
    from datetime import UTC, datetime

    from attrs import evolve
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction

    from accounts.models import CustomUser
    from adapters.django_repository import from_domain
    from cedula_domain import AnswerSource, Cedula, LookupRecord, LookupStatus, VotingPlace
    from census.models import CedulaInfo

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    password = make_password(PASSWORD)  # once: the point is the surge, not the seeding
    now = datetime.now(UTC)
    place = VotingPlace(
        departamento="BOGOTA D.C.",
        municipio="BOGOTA D.C.",
        puesto="UNIVERSIDAD NACIONAL",
        direccion="CARRERA 45 # 26-85",
        mesa="12",
    )
    cedulas = [str(FIRST_CEDULA + index) for index in range(people)]
    with transaction.atomic():
        users = CustomUser.objects.bulk_create(
            CustomUser(
                cedula=cedula,
                password=password,
                nombre_completo="Persona de Prueba",
                telefono="+573104567890",
            )
            for cedula in cedulas
        )
        ids = dict(CustomUser.objects.filter(cedula__in=cedulas).values_list("cedula", "pk"))
        CedulaInfo.objects.bulk_create(
            CedulaInfo(
                user_id=ids[user.cedula],
                version=1,
                **from_domain(
                    evolve(
                        LookupRecord.requested(Cedula(user.cedula), now),
                        status=LookupStatus.FOUND,
                        source=AnswerSource.REGISTRADURIA,
                        attempts=1,
                        next_attempt_at=None,
                        fetched_at=now,
                        voting_place=place,
                    )
                ),
            )
            for user in users
        )


@contextmanager
def postgres_database() -> Iterator[str]:
    """A throwaway database on the local PostgreSQL, dropped afterwards."""
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    try:
        # e.g. conn_max_age=60: each worker thread keeps its connection (django-environ).
        query = os.environ.get("BENCH_LOAD_POSTGRES_QUERY", "")
        yield f"{POSTGRES_SERVER}/{BENCH_DATABASE}" + (f"?{query}" if query else "")
    finally:
        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")


@contextmanager
def portal(env: dict[str, str], options: list[str], log: Path) -> Iterator[str]:
    """The portal under gunicorn; locust reads its workers' CPU through the pid."""
    with gunicorn_portal(env=env, log=log, options=options) as served:
        env["BENCH_LOAD_PORTAL_PID"] = str(served.pid)
        yield served.url


def locust(
    env: dict[str, str], url: str, user_class: str, users: int, rate: float, seconds: int, out: Path
) -> dict[str, dict[str, str]]:
    """One headless locust run; its figures by endpoint, counted once all users are in."""
    subprocess.run(
        [
            sys.executable, "-m", "locust", "-f", __file__, user_class,
            "--headless", "--host", url, "--users", str(users), "--spawn-rate", str(rate),
            "--run-time", f"{seconds}s", "--only-summary",
            "--csv", str(out), "--loglevel", "WARNING", "--stop-timeout", "5",
        ],
        cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    with Path(f"{out}_stats.csv").open() as stats:
        return {row["Name"]: row for row in csv.DictReader(stats)}


def measure(people: int, seconds: int, database: str, options: list[str]) -> dict[str, str]:
    with (
        tempfile.TemporaryDirectory(prefix="bench-load-") as folder,
        postgres_database() if database == "postgres" else nullcontext() as database_url,
    ):
        data_dir = Path(folder)
        env = environment(data_dir, database_url, people)
        subprocess.run(
            [sys.executable, __file__, "--seed", str(people)], cwd=ROOT, env=env, check=True
        )
        with portal(env, options, data_dir / "gunicorn.log") as url:
            load_before = load_average()
            # A crowd arriving: started at up to 50 a second; each logs in, then polls.
            # The polling figures count from when the last one is in (_everyone_in); the
            # run's time is only a bound.
            rate = min(50.0, max(people / 10, 5.0))
            env = {**env, "BENCH_LOAD_SECONDS": str(seconds), "BENCH_LOAD_OUT": str(data_dir)}
            bound = int(people / rate * 10 + seconds + 120)
            polled = locust(env, url, "PollingPerson", people, rate, bound, data_dir / "poll")
            load_polling = load_average()
            arrival = data_dir / "arrival"
            arrival_s = arrival.read_text() if arrival.exists() else "-"
            cpu = data_dir / "cpu"
            cpu_s = float(cpu.read_text()) if cpu.exists() else None
            failures = _failures(data_dir / "poll")
            logins = locust(
                env, url, "LoggingIn", LOGIN_USERS, LOGIN_USERS, LOGIN_SECONDS, data_dir / "login"
            )
            load_logins = load_average()
    status = polled.get(STATUS, {})
    login = logins.get(f"{LOGIN} (POST)", {})
    served = int(polled.get("Aggregated", {}).get("Request Count", "0"))
    cpu_ms = f"{cpu_s * 1000 / served:.1f}" if cpu_s is not None and served else "-"
    return {
        "database": (
            f"PostgreSQL {os.environ.get('BENCH_LOAD_POSTGRES_QUERY', '')}".strip()
            if database == "postgres"
            else "SQLite"
        ),
        "people": str(people),
        "poll_s": os.environ.get("BENCH_LOAD_POLL_SECONDS", str(POLL_SECONDS)),
        "status_rps": _figure(status, "Requests/s"),
        "status_p50": status.get("50%", "-"),
        "status_p95": status.get("95%", "-"),
        "errors": str(sum(int(row["Failure Count"]) for row in polled.values())),
        "requests": polled.get("Aggregated", {}).get("Request Count", "0"),
        "logins_s": _figure(login, "Requests/s"),
        "login_p50": login.get("50%", "-"),
        "login_p95": login.get("95%", "-"),
        "login_errors": login.get("Failure Count", "-"),
        "arrival_s": arrival_s,
        # The portal's CPU for each request while everyone polls: one host's two cores
        # answer about 2000 / cpu_ms of them a second with nothing else running.
        "cpu_ms": cpu_ms,
        "failures": failures,
        "load": f"{load_before} → {load_polling} / {load_logins}",
    }


def _failures(out: Path) -> str:
    """The most frequent failure of a run, and how many times it happened."""
    path = Path(f"{out}_failures.csv")
    if not path.exists():
        return ""
    with path.open() as failures:
        rows = sorted(csv.DictReader(failures), key=lambda row: -int(row["Occurrences"]))
    return f"{rows[0]['Occurrences']}× {rows[0]['Name']}: {rows[0]['Error'][:120]}" if rows else ""


def _figure(row: dict[str, str], column: str) -> str:
    return f"{float(row[column]):.0f}" if row.get(column) else "-"


COLUMNS = (
    ("database", "database"),
    ("people", "N"),
    ("poll_s", "polls every s"),
    ("arrival_s", "all in after s"),
    ("status_rps", "estado.json req/s"),
    ("status_p50", "p50 ms"),
    ("status_p95", "p95 ms"),
    ("errors", "errors"),
    ("cpu_ms", "portal CPU ms/request"),
    ("logins_s", "logins/s"),
    ("login_p50", "login p50 ms"),
    ("login_p95", "login p95 ms"),
    ("load", "load avg (before → polling / logins)"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--people",
        type=int,
        nargs="+",
        default=[int(n) for n in os.environ.get("BENCH_LOAD_PEOPLE_LIST", "100").split(",")],
        help="how many people poll at once (default 100; BENCH_LOAD_PEOPLE_LIST=100,300)",
    )
    parser.add_argument(
        "--seconds",
        type=int,
        default=int(os.environ.get("BENCH_LOAD_SECONDS", "20")),
        help="how long they poll once all are in (default 20)",
    )
    parser.add_argument(
        "--database",
        nargs="+",
        choices=("sqlite", "postgres"),
        default=os.environ.get("BENCH_LOAD_DATABASE", "sqlite").split(","),
        help=f"sqlite, and/or postgres (database {BENCH_DATABASE} on {POSTGRES_SERVER})",
    )
    parser.add_argument(
        "--postgres-query",
        default=os.environ.get("BENCH_LOAD_POSTGRES_QUERY", ""),
        help="added to PostgreSQL's DATABASE_URL, e.g. conn_max_age=60",
    )
    parser.add_argument(
        "--gunicorn",
        default=os.environ.get("BENCH_LOAD_GUNICORN"),
        help="gunicorn's options instead of the Procfile's (--bind aside)",
    )
    parser.add_argument(
        "--poll-seconds",
        type=int,
        default=POLL_SECONDS,
        help="how often each person asks (default 3: a card due within a minute; 15: one "
        "further back in line)",
    )
    parser.add_argument("--markdown", action="store_true", help="the table for the README")
    arguments = parser.parse_args()
    if arguments.seed is not None:
        seed(arguments.seed)
        return
    options = shlex.split(arguments.gunicorn) if arguments.gunicorn else procfile_web()
    os.environ["BENCH_LOAD_POLL_SECONDS"] = str(arguments.poll_seconds)
    os.environ["BENCH_LOAD_POSTGRES_QUERY"] = arguments.postgres_query
    print(
        f"gunicorn {' '.join(options)} (and gunicorn.conf.py); {os.cpu_count()} CPUs; "
        f"polling every {arguments.poll_seconds} s"
    )
    rows = []
    for database in arguments.database:
        for people in arguments.people:
            row = measure(people, arguments.seconds, database, options)
            rows.append(row)
            print(
                f"{row['database']:10} N={people:<5} estado.json {row['status_rps']:>4} req/s "
                f"p50 {row['status_p50']:>5} ms p95 {row['status_p95']:>5} ms "
                f"errors {row['errors']}/{row['requests']}  all in after {row['arrival_s']} s  "
                f"logins {row['logins_s']:>3}/s "
                f"p50 {row['login_p50']} ms p95 {row['login_p95']} ms  "
                f"CPU {row['cpu_ms']} ms/request  load {row['load']}",
                flush=True,
            )
            if row["failures"]:
                print(f"    most frequent failure: {row['failures']}", flush=True)
    if arguments.markdown:
        print("| " + " | ".join(title for _, title in COLUMNS) + " |")
        print("|" + " --- |" * len(COLUMNS))
        for row in rows:
            print("| " + " | ".join(row[key] for key, _ in COLUMNS) + " |")


if __name__ == "__main__":
    main()
