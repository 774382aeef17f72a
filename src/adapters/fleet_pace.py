"""The fleet's pace toward the census site: one turn per interval for every worker on
every host, kept where they all see it. The fleet keeps two: lookups starting (which
paces the work) and consultas sent (which spaces what the site sees: a page loads in more
or less time, so two lookups started an interval apart may ask closer than that).

A turn is a reservation: one atomic step reads the store's clock, takes the next free turn
(never earlier than one interval after the last one given) and moves it on; the caller
then sleeps until its turn. The clock is the store's own (PostgreSQL's, Redis's), so the
hosts' clocks never matter, and a caller that was slow between its question and the answer
only starts later, never sooner. A caller whose turn would come beyond its wait allowed
takes none, so no turn is wasted on it.

pyrate-limiter was tried first and measured: its blocking wait stamps a turn with the time
of the first try plus the planned sleeps, and its Redis bucket trusts each caller's own
clock, so under contention two turns came 0.05 to 0.14 s apart at an interval of 0.2 s.
The spacing is the whole promise, hence this small book kept in the stores we run anyway.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

# The table (or key prefix) holding the next free turn of each pace.
BUCKET = "census_pace"
# The paces of the fleet: lookups starting, and consultas sent (see bootstrap).
STARTS = "starts"
CONSULTAS = "consultas"


class TurnBook(Protocol):
    def reserve(self, interval_s: float, within_s: float) -> float | None:
        """Take the next free turn if it comes within ``within_s``: the seconds until
        it does (0 when now). None, taking nothing, when it comes later."""
        ...

    def close(self) -> None: ...


class FleetPace:
    def __init__(
        self,
        book: TurnBook | None,
        *,
        interval_s: float,
        max_wait_s: float,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._book = book
        self._interval_s = interval_s
        self._max_wait_s = max_wait_s
        self._sleep = sleep

    def wait_turn(self) -> bool:
        if self._book is None:  # no interval: every worker goes at once
            return True
        wait_s = self._book.reserve(self._interval_s, self._max_wait_s)
        if wait_s is None:
            return False
        if wait_s > 0:
            self._sleep(wait_s)
        return True

    def close(self) -> None:
        if self._book is not None:
            self._book.close()


def shared_pace(
    *,
    interval_s: float,
    max_wait_s: float,
    redis_url: str,
    database: dict[str, Any],
    key: str = STARTS,
) -> FleetPace:
    """The pace named ``key``, kept where the fleet sees it: Redis when there is one,
    else the database."""
    book = None if interval_s <= 0 else _book(redis_url, database, key)
    return FleetPace(book, interval_s=interval_s, max_wait_s=max_wait_s)


def _book(redis_url: str, database: dict[str, Any], key: str) -> TurnBook:
    if redis_url:
        return RedisTurnBook(redis_url, key)
    if database["ENGINE"] == "django.db.backends.postgresql":
        return PostgresTurnBook(database, key)
    # The embedded default: every worker runs on this host, so a file beside the
    # database (with its own lock, not the portal's write lock) is where they all see it.
    return SqliteTurnBook(Path(database["NAME"]).with_name(f"{BUCKET}.sqlite3"), key)


class SqliteTurnBook:
    def __init__(self, path: Path, key: str) -> None:
        self._key = key
        self._lock = threading.Lock()
        self._connection = sqlite3.connect(
            path, timeout=30, isolation_level=None, check_same_thread=False
        )
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.execute(
            f"CREATE TABLE IF NOT EXISTS {BUCKET} (key TEXT PRIMARY KEY, next_turn_at REAL)"
        )
        self._connection.execute(f"INSERT OR IGNORE INTO {BUCKET} VALUES (?, 0)", (key,))

    def reserve(self, interval_s: float, within_s: float) -> float | None:
        with self._lock:
            # IMMEDIATE: the write lock from the start, so the read and the move are one step.
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                now = time.time()
                (next_turn,) = self._connection.execute(
                    f"SELECT next_turn_at FROM {BUCKET} WHERE key = ?", (self._key,)
                ).fetchone()
                turn = max(next_turn, now)
                if turn - now > within_s:
                    return None
                self._connection.execute(
                    f"UPDATE {BUCKET} SET next_turn_at = ? WHERE key = ?",
                    (turn + interval_s, self._key),
                )
            finally:
                self._connection.execute("COMMIT")
            return max(0.0, turn - time.time())

    def close(self) -> None:
        self._connection.close()


class PostgresTurnBook:
    # The row lock makes concurrent reservations one after the other; the clock is the
    # server's, read once the lock is held.
    _RESERVE = f"""
        UPDATE {BUCKET}
        SET next_turn_at = GREATEST(next_turn_at, extract(epoch FROM clock_timestamp()))
            + %(interval)s
        WHERE key = %(key)s
          AND GREATEST(next_turn_at, extract(epoch FROM clock_timestamp()))
            <= extract(epoch FROM clock_timestamp()) + %(within)s
        RETURNING next_turn_at - %(interval)s - extract(epoch FROM clock_timestamp())
    """

    def __init__(self, database: dict[str, Any], key: str) -> None:
        import psycopg

        self._key = key
        self._lock = threading.Lock()
        self._connection = psycopg.connect(
            dbname=database["NAME"],
            user=database.get("USER") or None,
            password=database.get("PASSWORD") or None,
            host=database.get("HOST") or None,
            port=database.get("PORT") or None,
            autocommit=True,
        )
        # Workers starting together would race on CREATE TABLE IF NOT EXISTS (PostgreSQL
        # can then fail on its catalog): one at a time, under an advisory lock.
        with self._connection.transaction():
            self._connection.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (BUCKET,))
            self._connection.execute(
                f"CREATE TABLE IF NOT EXISTS {BUCKET} "
                "(key text PRIMARY KEY, next_turn_at double precision NOT NULL)"
            )
            self._connection.execute(
                f"INSERT INTO {BUCKET} VALUES (%s, 0) ON CONFLICT DO NOTHING", (key,)
            )

    def reserve(self, interval_s: float, within_s: float) -> float | None:
        with self._lock:
            row = self._connection.execute(
                self._RESERVE, {"interval": interval_s, "within": within_s, "key": self._key}
            ).fetchone()
        return None if row is None else max(0.0, float(row[0]))

    def close(self) -> None:
        self._connection.close()


class RedisTurnBook:
    # Redis runs a script alone and gives it the server's clock: one atomic step.
    _RESERVE = """
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
        local turn = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
        if turn - now > tonumber(ARGV[2]) then return -1 end
        redis.call('SET', KEYS[1], turn + tonumber(ARGV[1]))
        return turn - now
    """

    def __init__(self, url: str, key: str) -> None:
        from redis import Redis

        self._key = f"pagina_madre:{BUCKET}:{key}"
        self._redis = Redis.from_url(url)
        self._reserve = self._redis.register_script(self._RESERVE)

    def reserve(self, interval_s: float, within_s: float) -> float | None:
        # Microseconds, as integers: Lua numbers lose no precision there.
        wait_us = int(
            self._reserve(
                keys=[self._key],
                args=[round(interval_s * 1e6), round(within_s * 1e6)],
            )
        )
        return None if wait_us < 0 else wait_us / 1e6

    def close(self) -> None:
        self._redis.close()
