"""`manage.py check --deploy --database default` says when a database cache has no table,
which would answer every rate-limited form (registration first) with an error page; and
`manage.py check --deploy` when the Redis that keeps the counts may evict them.

A deployment check, though it is about the database: `migrate` runs the database checks
against its database before migrating, and an error there would stop the very command
that creates the table. Deployment checks run only when asked for, as the deploy steps do.
Without `--database` nothing touches a database, as Django's own database checks.
"""

from __future__ import annotations

import re
from typing import Any

import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.db import connections, router

REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
REDIS_TIMEOUT_S = 2.0


@register(Tags.database, deploy=True)
def check_cache_tables(
    app_configs: Any = None, databases: list[str] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    return [
        Error(
            f"The cache table '{cache._table}' is missing from the database '{alias}': "
            "the rate limits cannot count, and the forms they guard (registration first) fail.",
            hint="Run `manage.py migrate`, whose portal migration creates it; if that "
            "migration ran already (while REDIS_URL was set, or the table was dropped since), "
            "run `manage.py createcachetable`.",
            id="portal.E001",
        )
        for alias in databases or []
        for cache in caches.all()
        if isinstance(cache, BaseDatabaseCache)
        and router.allow_migrate_model(alias, cache.cache_model_class)
        and cache._table not in connections[alias].introspection.table_names()
    ]


@register(Tags.caches, deploy=True)
def check_counts_are_never_evicted(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """A Redis that evicts keys under memory pressure forgets counts, and every address it
    forgets starts afresh. Every count expires, so even the volatile-* policies take them:
    only `noeviction` keeps them (writes then fail, and the limits refuse: too strict
    rather than none)."""
    counts = settings.CACHES[settings.RATELIMIT_USE_CACHE]
    if counts["BACKEND"] != REDIS_CACHE:
        return []
    # Django's RedisCache writes to the first of the servers it names.
    location = counts["LOCATION"]
    primary = (re.split("[;,]", location) if isinstance(location, str) else location)[0]
    server = redis.Redis.from_url(
        primary, socket_connect_timeout=REDIS_TIMEOUT_S, socket_timeout=REDIS_TIMEOUT_S
    )
    try:
        policy = server.config_get("maxmemory-policy").get("maxmemory-policy")
    except (redis.RedisError, OSError) as error:
        return [
            Warning(
                f"Could not read the maxmemory-policy of the Redis that keeps the rate "
                f"limits' counts ({error}).",
                hint="Make sure it is `noeviction` (Redis's default): any other policy lets "
                "memory pressure erase counts, and each address erased starts afresh.",
                id="portal.W002",
            )
        ]
    finally:
        server.close()
    if policy == "noeviction":
        return []
    return [
        Warning(
            f"The Redis that keeps the rate limits' counts has maxmemory-policy {policy!r}: "
            "under memory pressure it erases counts, and each address erased starts afresh.",
            hint="Set `maxmemory-policy noeviction` (Redis's default) in redis.conf, or keep "
            "the counts in a Redis of their own that never evicts.",
            id="portal.W001",
        )
    ]
