"""The portal's health: the database, the broker, and whether the sweep still runs.

Load balancers ask often, so every part costs one cheap query or one PING, and a broken
part answers within a second. Failures are codes, never exception text: the endpoint is
public, and connection errors name hosts.
"""

from __future__ import annotations

import functools
import logging
from datetime import datetime, timedelta
from typing import Any

import redis
from attrs import field, frozen
from django.conf import settings
from django.db import DatabaseError, connection
from django_q.models import OrmQ, Schedule, Task

from census.management.commands.setup_schedules import SWEEP_NAME

logger = logging.getLogger(__name__)

# A sweep older than this many of its intervals means no scheduler is running: the
# cluster's scheduler wakes every 30 s, so one missed beat is not yet a failure.
STALE_AFTER_INTERVALS = 3
REDIS_TIMEOUT_S = 1.0


@frozen
class Part:
    """One part of the portal: whether it works, why not, and what else is known."""

    ok: bool
    problem: str = ""
    facts: dict[str, Any] = field(factory=dict)

    @classmethod
    def working(cls, **facts: Any) -> Part:
        return cls(ok=True, facts=facts)

    @classmethod
    def failing(cls, problem: str, **facts: Any) -> Part:
        return cls(ok=False, problem=problem, facts=facts)

    def as_json(self) -> dict[str, Any]:
        status = {"status": "ok"} if self.ok else {"status": "error", "problem": self.problem}
        return {**status, **self.facts}


@frozen
class Health:
    parts: dict[str, Part]

    @property
    def ok(self) -> bool:
        return all(part.ok for part in self.parts.values())

    def as_json(self) -> dict[str, Any]:
        parts = {name: part.as_json() for name, part in self.parts.items()}
        return {"status": "ok" if self.ok else "error", **parts}


def portal_health(*, now: datetime) -> Health:
    return Health(parts={"database": _database(), "broker": _broker(), "sweep": _sweep(now)})


def _database() -> Part:
    try:
        connection.ensure_connection()
    except DatabaseError:
        logger.warning("Health: the database is unreachable", exc_info=True)
        return Part.failing("unreachable")
    return Part.working(vendor=connection.vendor)


def _broker() -> Part:
    if settings.REDIS_URL:
        try:
            _redis(settings.REDIS_URL).ping()
        except (redis.RedisError, OSError):
            logger.warning("Health: the Redis broker is unreachable", exc_info=True)
            return Part.failing("unreachable", kind="redis")
        return Part.working(kind="redis")
    try:
        OrmQ.objects.using(settings.Q_CLUSTER["orm"]).exists()
    except DatabaseError:
        logger.warning("Health: the ORM broker's table is unreachable", exc_info=True)
        return Part.failing("unreachable", kind="orm")
    return Part.working(kind="orm")


@functools.cache
def _redis(url: str) -> redis.Redis:
    # Django-Q2's own connection has no timeouts: a Redis that hangs would hang the check.
    return redis.Redis.from_url(
        url, socket_connect_timeout=REDIS_TIMEOUT_S, socket_timeout=REDIS_TIMEOUT_S
    )


def _sweep(now: datetime) -> Part:
    """How long ago a scheduler last started the sweep, and how that run ended.

    Each time a scheduler starts the sweep it moves ``next_run`` one interval on, so
    the last start was one interval before it.
    """
    try:
        schedule = Schedule.objects.filter(name=SWEEP_NAME).first()
        if schedule is None or schedule.next_run is None:
            return Part.failing("not_scheduled")
        interval = schedule.calculate_next_run(schedule.next_run) - schedule.next_run
        age = now - (schedule.next_run - interval)
        last = Task.objects.filter(id=schedule.task).values_list("success", flat=True).first()
    except DatabaseError:
        logger.warning("Health: the sweep's schedule is unreadable", exc_info=True)
        return Part.failing("unreadable")
    stale_after = interval * STALE_AFTER_INTERVALS
    facts = {
        "age_s": round(max(age, timedelta(0)).total_seconds()),
        "stale_after_s": round(stale_after.total_seconds()),
        "last_run": {True: "ok", False: "failed", None: "unknown"}[last],
    }
    if age > stale_after:
        return Part.failing("stale", **facts)
    if last is False:
        return Part.failing("last_run_failed", **facts)
    return Part.working(**facts)
