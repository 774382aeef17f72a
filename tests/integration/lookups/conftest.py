"""A real portal (live_server), a real `qcluster` subprocess and the census simulator,
sharing one SQLite file in WAL mode: ``worker``, ``worker_env`` and ``portal`` come from
the plugin integration.lookups.worker_fixtures (listed in tests/conftest.py)."""

from __future__ import annotations

from support.rate_limits import rate_limits_start_afresh  # noqa: F401
