"""A fleet on one machine: a fresh PostgreSQL database, a Redis database of its own, the
portal under gunicorn and any number of `qcluster` processes, all configured only through
the environment, as on separate hosts.

The tests and `benchmarks/bench_fleet.py` drive it from outside, over HTTP, and read what
the census simulator saw: nothing here imports Django, so the process that drives the
fleet never shares its settings or its database connections.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis
import requests
from psycopg import sql
from psycopg.rows import dict_row

from adapters.fleet_pace import BUCKET
from integration.lookups.lookup_harness import FINAL, ROOT, Portal, Worker, wait_until

POSTGRES_URL = os.environ.get("FLEET_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_SERVER_URL = os.environ.get("FLEET_REDIS_URL", "redis://127.0.0.1:6379")
CONNECT_TIMEOUT_S = 3

# Short budgets, a one-second pace and small breaker numbers so that the fleet's rules show
# within seconds; the queue's timeouts derive from them as in production.
FLEET_SETTINGS = {
    "CENSUS_SCRAPER": "stealth",
    "CENSUS_TIMEOUT_S": "10",
    "CENSUS_MIN_INTERVAL_S": "1",
    "CENSUS_RETRY_BASE_S": "1",
    "CENSUS_BLOCKED_RETRY_BASE_S": "2",
    "CENSUS_RETRY_MIN_S": "1",
    "CENSUS_RETRY_MAX_S": "4",
    "CENSUS_REFRESH_INTERVAL_S": "1",
    "CENSUS_BREAKER_THRESHOLD": "3",
    "CENSUS_BREAKER_COOLDOWN_S": "5",
    "QCLUSTER_WORKERS": "2",
    "QCLUSTER_POLL_S": "0.2",
    # Every person here comes from the loopback: the per-address limits would take them
    # all for one client.
    "REGISTRATION_RATE": "100000/h",
    "EXISTENCE_ANSWER_RATE": "100000/h",
    "LOGIN_RATE": "100000/h",
}


class Unreachable(Exception):
    """A server the fleet needs does not answer."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    """The local PostgreSQL server, asked through its maintenance database."""

    def __init__(self, admin_url: str = POSTGRES_URL) -> None:
        self.admin_url = admin_url

    def _connect(self) -> psycopg.Connection:
        return psycopg.connect(self.admin_url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)

    def check(self) -> None:
        try:
            with self._connect() as connection:
                connection.execute("SELECT 1")
        except psycopg.OperationalError as error:
            raise Unreachable(f"PostgreSQL at {self.admin_url}: {error}".strip()) from None

    def create_database(self, name: str, *, template: str | None = None) -> None:
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        with self._connect() as connection:
            connection.execute(statement)

    def drop_database(self, name: str) -> None:
        with self._connect() as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def url(self, database: str) -> str:
        parts = urlsplit(self.admin_url)
        return urlunsplit(parts._replace(path=f"/{database}"))


class RedisDatabase:
    """One numbered database of the local Redis, claimed so that concurrent runs (and
    other suites) never share it, and emptied when done."""

    CLAIM_KEY = "pagina_madre:fleet-harness:claim"

    def __init__(self, server_url: str, number: int, token: str) -> None:
        self.server_url = server_url.rstrip("/")
        self.number = number
        self._token = token
        self.client = redis.Redis.from_url(self.url, socket_timeout=CONNECT_TIMEOUT_S)

    @property
    def url(self) -> str:
        return f"{self.server_url}/{self.number}"

    @classmethod
    def claim(cls, server_url: str = REDIS_SERVER_URL) -> RedisDatabase:
        token = uuid.uuid4().hex
        try:
            databases = int(
                redis.Redis.from_url(
                    server_url, socket_connect_timeout=CONNECT_TIMEOUT_S
                ).config_get("databases")["databases"]
            )
        except redis.RedisError as error:
            raise Unreachable(f"Redis at {server_url}: {error}") from None
        # From the top: low numbers are what applications use by default.
        for number in range(databases - 1, 0, -1):
            client = redis.Redis.from_url(f"{server_url.rstrip('/')}/{number}")
            if client.dbsize() == 0 and client.set(cls.CLAIM_KEY, token, nx=True):
                return cls(server_url, number, token)
        raise Unreachable(f"Redis at {server_url}: no empty database left to claim")

    def flush(self) -> None:
        """Everything in this database is gone, as when Redis restarts empty; the claim
        stays."""
        self.client.flushdb()
        self.client.set(self.CLAIM_KEY, self._token)

    def release(self) -> None:
        self.client.flushdb()


class PaceTurns:
    """The turns one of the fleet's paces gives, read off Redis as they are given.

    The fleet keeps its paces in Redis (adapters.fleet_pace.RedisTurnBook): each turn given
    moves the book's next free turn on by one interval, in a script that reads Redis's own
    clock; MONITOR shows every such move. A turn is the value written less the interval:
    what the fleet allowed, whatever time a page then took to reach the site.
    """

    def __init__(self, database: RedisDatabase, pace: str) -> None:
        self._database = database
        self._key = f"pagina_madre:{BUCKET}:{pace}"
        self._moves_us: list[int] = []
        self._marks_seen: set[str] = set()
        self._stopping = threading.Event()
        self._monitor = redis.Redis.from_url(database.url).monitor()
        self._monitor.__enter__()
        self._listener = threading.Thread(target=self._listen, daemon=True)
        self._listener.start()

    def _listen(self) -> None:
        while not self._stopping.is_set():
            try:
                command = self._monitor.next_command()
            except (redis.RedisError, OSError, ValueError):
                return
            if not command or command["db"] != self._database.number:
                continue
            words = command["command"].split()
            if command["client_type"] == "lua" and words[:2] == ["SET", self._key]:
                self._moves_us.append(int(float(words[2])))
            elif words[:1] == ["ECHO"]:
                self._marks_seen.add(words[-1])

    def turns(self, interval_s: float) -> list[float]:
        """The turns given so far, in epoch seconds, oldest first."""
        # Redis shows commands in the order it ran them: once this mark is seen, every
        # turn given before it has been read.
        mark = uuid.uuid4().hex
        self._database.client.echo(mark)
        wait_until(lambda: mark in self._marks_seen, 30, "the turns given so far")
        return sorted((move - round(interval_s * 1e6)) / 1e6 for move in list(self._moves_us))

    def stop(self) -> None:
        self._stopping.set()
        self._database.client.ping()  # one more command, so the listener sees the flag
        self._listener.join(timeout=10)
        self._monitor.__exit__(None, None, None)


class Fleet:
    """The portal and its clusters on one database and one Redis database."""

    def __init__(
        self,
        *,
        database_url: str,
        redis_url: str,
        census_url: str,
        browser_executable: str,
        work_dir: Path,
        settings: Mapping[str, str] = FLEET_SETTINGS,
        portal_cpus: set[int] | None = None,
        cluster_cpus: set[int] | None = None,
    ) -> None:
        """``portal_cpus`` and ``cluster_cpus`` pin the processes to separate cores, as if
        the portal and the workers ran on separate hosts."""
        self.work_dir = work_dir
        self._portal_cpus = portal_cpus
        self._cluster_cpus = cluster_cpus
        self.env = {
            **os.environ,
            **settings,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CENSUS_URL": census_url,
            "CENSUS_BROWSER_EXECUTABLE": browser_executable,
            # Django-Q2 signs tasks, and sessions are signed: one key for every process.
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_SECURE_SSL": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PAGINA_MADRE_DATA_DIR": str(work_dir / "data"),
        }
        for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"):
            self.env.pop(name, None)
        self.portal_url = ""
        self._portal: subprocess.Popen[bytes] | None = None
        self.clusters: list[Worker] = []

    def manage(self, *args: str) -> None:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")

    def prepare_database(self) -> None:
        self.manage("migrate", "--noinput")
        self.manage("setup_schedules")

    def start_portal(self, workers: int = 2) -> str:
        port = free_port()
        log = (self.work_dir / "gunicorn.log").open("ab")
        command = [sys.executable, "-m", "gunicorn", "pagina_madre.wsgi"]
        self._portal = subprocess.Popen(
            [*command, "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        # Pinned before gunicorn forks its workers, which inherit it (the same for clusters).
        if self._portal_cpus:
            os.sched_setaffinity(self._portal.pid, self._portal_cpus)
        self.portal_url = f"http://127.0.0.1:{port}"
        wait_until(self._portal_answers, 60, "the portal (gunicorn) to answer")
        return self.portal_url

    def _portal_answers(self) -> bool:
        if self._portal is not None and self._portal.poll() is not None:
            log = (self.work_dir / "gunicorn.log").read_text(errors="replace")
            raise RuntimeError(f"gunicorn exited:\n{log[-3000:]}")
        try:
            return requests.get(f"{self.portal_url}/ingresar/", timeout=5).status_code == 200
        except (requests.ConnectionError, requests.Timeout):
            return False

    def start_clusters(self, count: int) -> list[Worker]:
        for _ in range(count):
            index = len(self.clusters)
            marker = {"PAGINA_MADRE_TEST_WORKER": uuid.uuid4().hex}
            cluster = Worker({**self.env, **marker}, self.work_dir / f"qcluster-{index}.log")
            cluster.start()
            if self._cluster_cpus and cluster.process is not None:
                os.sched_setaffinity(cluster.process.pid, self._cluster_cpus)
            self.clusters.append(cluster)
        return self.clusters

    def stop(self) -> None:
        for cluster in self.clusters:
            cluster.stop()
        if self._portal is not None and self._portal.poll() is None:
            self._portal.terminate()
            self._portal.wait(timeout=30)

    def person(self) -> Portal:
        return Portal(self.portal_url)

    def _rows(self, query: str) -> list[dict[str, Any]]:
        with psycopg.connect(
            self.env["DATABASE_URL"], connect_timeout=CONNECT_TIMEOUT_S, row_factory=dict_row
        ) as connection:
            return connection.execute(query).fetchall()

    def attempts(self) -> dict[str, int]:
        """Each lookup's attempts, as its record counts them."""
        rows = self._rows("SELECT cedula, attempts FROM accounts_cedulainfo")
        return {row["cedula"]: row["attempts"] for row in rows}

    def attempts_log(self) -> Counter[str]:
        """The attempts log (census.LookupAttempt): how many attempts ended in each
        outcome (an answer's status, or a failure's kind). An attempt whose worker died
        ended in nothing, so it is not there."""
        rows = self._rows("SELECT outcome, count(*) AS n FROM census_lookupattempt GROUP BY 1")
        return Counter({row["outcome"]: row["n"] for row in rows})

    def breaker(self) -> dict[str, Any]:
        """The census site as the fleet sees it (census.SourceState); empty before its
        first change."""
        rows = self._rows("SELECT state, openings, opened_at, retry_at FROM census_sourcestate")
        return rows[0] if rows else {}

    def logs(self) -> str:
        """Every process's log, for a failing test's report."""
        return "\n".join(
            f"===== {path.name}\n{path.read_text(errors='replace')[-4000:]}"
            for path in sorted(self.work_dir.glob("*.log"))
        )


def register_all(fleet: Fleet, cedulas: Iterable[str], threads: int = 6) -> dict[str, Portal]:
    """Registers one person per cédula at once, as a burst; each keeps their session."""

    def register(cedula: str) -> tuple[str, Portal]:
        person = fleet.person()
        response = person.register(cedula)
        if response.status_code != 302:
            said = re.findall(r"(?:invalid-feedback|alert)[^>]*>\s*([^<]+)", response.text)
            raise AssertionError(f"registration of {cedula}: {response.status_code} {said}")
        return cedula, person

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return dict(pool.map(register, cedulas))


def ask_refresh(person: Portal) -> None:
    """Presses "Volver a consultar" on the census card."""
    card = person.card()
    marker = 'name="csrfmiddlewaretoken" value="'
    token = card[card.index(marker) + len(marker) :].split('"', 1)[0]
    response = person.session.post(
        f"{person.base_url}/censo/actualizar/",
        data={"csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.status_code


def wait_all_final(people: Mapping[str, Portal], timeout_s: float) -> dict[str, dict]:
    """Each person's estado.json once it is final; asks again only those still waiting."""
    done: dict[str, dict] = {}

    def all_final() -> bool:
        for cedula, person in people.items():
            if cedula not in done and (status := person.status())["status"] in FINAL:
                done[cedula] = status
        return len(done) == len(people)

    deadline = time.monotonic() + timeout_s
    while not all_final():
        if time.monotonic() > deadline:
            waiting = sorted(set(people) - set(done))
            raise AssertionError(f"{len(waiting)} lookups not final after {timeout_s} s")
        time.sleep(1)
    return done


def burst_cedulas(count: int, start: int = 3_000_000, step: int = 7_919) -> list[str]:
    """Cédulas the simulator answers by its hash rule (found, or not in the census)."""
    return [str(start + step * index) for index in range(count)]


def consultas(census_sim: object) -> list[dict]:
    """The consultas the simulator received, oldest first."""
    return sorted(census_sim.stats()["consultas"], key=lambda call: call["at"])  # type: ignore[attr-defined]


def wait_for_consultas(census_sim: object, count: int, timeout_s: float, what: str) -> list[dict]:
    """The simulator's consultas, oldest first, once there are at least ``count``."""
    return wait_until(
        lambda: len(calls := consultas(census_sim)) >= count and calls, timeout_s, what
    )


def epoch(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


@contextmanager
def fresh_database(server: PostgresServer, *, template: str | None = None) -> Iterator[str]:
    """A database of a random name, dropped afterwards; yields its URL."""
    name = f"pagina_madre_fleet_{uuid.uuid4().hex[:12]}"
    server.create_database(name, template=template)
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)
