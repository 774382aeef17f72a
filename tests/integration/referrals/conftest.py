"""The referrals suite reuses the portal suite's people and the lookups suite's real
worker and portal sessions (the plugins listed in tests/conftest.py)."""

from __future__ import annotations

from support.rate_limits import rate_limits_start_afresh  # noqa: F401
