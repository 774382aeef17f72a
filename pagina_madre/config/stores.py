"""Where the portal keeps its data: the database, and Redis when a fleet shares one.

The URLs are checked for their kind only, and never quoted back in an error: they may hold
a password. The settings turn the database URL into Django's dictionary (django-environ's
parser, which knows every backend's scheme).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from attrs import field, frozen

from adapters.environment import Environment, given

_URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)
REDIS_SCHEMES = ("redis", "rediss", "unix")


def _database_url(instance: object, attribute: object, value: str) -> None:
    if not _URL.match(value):
        raise ValueError(
            "DATABASE_URL must be a database URL such as "
            "postgres://user:password@host:5432/name or sqlite:////path/to/file.sqlite3"
        )


def _redis_url(instance: object, attribute: object, value: str) -> None:
    scheme, separator, _ = value.partition("://")
    if value and not (separator and scheme.lower() in REDIS_SCHEMES):
        raise ValueError(
            "REDIS_URL must be a redis://, rediss:// or unix:// URL such as "
            "redis://host:6379/0, or unset"
        )


@frozen(kw_only=True)
class StoresConfig:
    database_url: str = field(validator=_database_url, repr=False)
    # How long a SQLite writer waits its turn before failing with "database is locked".
    sqlite_busy_timeout_s: int = 20
    # "" on a single machine: the database is then the queue's broker and the cache.
    redis_url: str = field(default="", validator=_redis_url, repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str], *, data_dir: Path) -> StoresConfig:
        """Raises ValueError naming the variable that makes no sense."""
        read = Environment(environ)
        return cls(
            database_url=(
                read.text("DATABASE_URL") or f"sqlite:///{data_dir / 'pagina_madre.sqlite3'}"
            ),
            **given(
                sqlite_busy_timeout_s=read.number("SQLITE_BUSY_TIMEOUT_S", int),
                redis_url=read.text("REDIS_URL"),
            ),
        )
