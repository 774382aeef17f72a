"""Django's database cache, made fit to count requests for django-ratelimit.

Every portal process and host shares the database, so the counts are shared too; what the
stock backend lacks:

- its increment: a read and a write apart (two concurrent requests count once) that also
  resets the entry's expiry (an attacker who pauses a few minutes starts a fresh count).
  Here an increment is one locked read-modify-write that leaves the expiry alone.
- counts that no traffic can evict: past MAX_ENTRIES (300) rows, every write also culls a
  third of the live entries (the first keys in sort order, whatever their age), so ~400
  other addresses sending one request each gave an address that had used its 30 logins 30
  more. Here a write past MAX_ENTRIES deletes only the expired rows (Django's first step,
  one DELETE on the indexed expiry): the table holds no more than MAX_ENTRIES rows or the
  live counts, whichever is more, and a count leaves it only when its window ends.
  CULL_FREQUENCY means nothing here.

With REDIS_URL set the portal counts in Redis instead (see settings and the README: that
Redis must not evict keys).
"""

from __future__ import annotations

import base64
import pickle
from datetime import datetime
from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.db.backends.utils import CursorWrapper
from django.utils.timezone import now


class CounterDatabaseCache(DatabaseCache):
    def _cull(self, db: str, cursor: CursorWrapper, current: datetime, num: int) -> None:
        """Expired entries only, whatever CULL_FREQUENCY says: a live entry is a count, and
        dropping one gives its address a fresh start."""
        connection = connections[db]
        table, expires = map(connection.ops.quote_name, (self._table, "expires"))
        cursor.execute(
            f"DELETE FROM {table} WHERE {expires} < %s",
            [connection.ops.adapt_datetimefield_value(current)],
        )

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
