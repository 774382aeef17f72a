"""Django's database cache, made fit to count requests for django-ratelimit.

Every portal process and host shares the database, so the counts are shared too; what the
stock backend lacks is its increment: a read and a write apart (two concurrent requests
count once) that also resets the entry's expiry (an attacker who pauses a few minutes
starts a fresh count). Here an increment is one locked read-modify-write that leaves the
expiry alone. With REDIS_URL set the portal uses Redis instead (see settings).
"""

from __future__ import annotations

import base64
import pickle
from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.utils.timezone import now


class CounterDatabaseCache(DatabaseCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table, cache_key, value, expires = map(
            connection.ops.quote_name, (self._table, "cache_key", "value", "expires")
        )
        # SQLite's IMMEDIATE transactions take the write lock at BEGIN; elsewhere the row
        # lock does the same for this one entry.
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        # As the stock backend compares expiries: naive UTC, to the second.
        current = now().replace(microsecond=0, tzinfo=None)
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {value} FROM {table} WHERE {cache_key} = %s AND {expires} > %s{lock}",
                [key, connection.ops.adapt_datetimefield_value(current)],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            stored = connection.ops.process_clob(row[0])
            count = pickle.loads(base64.b64decode(stored.encode())) + delta
            encoded = base64.b64encode(pickle.dumps(count, self.pickle_protocol))
            cursor.execute(
                f"UPDATE {table} SET {value} = %s WHERE {cache_key} = %s",
                [encoded.decode("latin1"), key],
            )
        return count
