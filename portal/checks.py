"""`manage.py check --deploy --database default` says when a database cache has no table,
which would answer every rate-limited form (registration first) with an error page.

A deployment check, though it is about the database: `migrate` runs the database checks
against its database before migrating, and an error there would stop the very command
that creates the table. Deployment checks run only when asked for, as the deploy steps do.
Without `--database` nothing touches a database, as Django's own database checks.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.core.checks import CheckMessage, Error, Tags, register
from django.db import connections, router


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
