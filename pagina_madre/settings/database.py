"""The database (SQLite in WAL mode by default, PostgreSQL for a fleet), and Redis when
every host of a fleet shares one."""

import environ

from pagina_madre.settings.environment import config

DATABASES = {"default": environ.Env.db_url_config(config.stores.database_url)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # The portal and the worker write the same file: WAL lets readers go on
            # while one writes, IMMEDIATE takes the write lock at BEGIN (so a
            # transaction never fails half-way on lock upgrade), and the busy timeout
            # makes a writer wait its turn instead of failing with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": config.stores.sqlite_busy_timeout_s,
            # secure_delete: a deleted row's bytes are overwritten, so what a person had
            # us delete does not linger in the file's free pages (Ley 1581).
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
            ),
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": str(config.data_dir / "test_pagina_madre.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis, when set (redis://host:6379/0): what every host of a fleet must share besides
# the database (the queue's broker, the limits' counts, the fleet's pace). "" on a single
# machine.
REDIS_URL = config.stores.redis_url
