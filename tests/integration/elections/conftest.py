"""The elections suite: the portal suite's people and outbox; ``election`` and ``today``
come from the plugin integration.elections.election_fixtures (listed in tests/conftest.py)."""

from __future__ import annotations

from support.rate_limits import rate_limits_start_afresh  # noqa: F401

from integration.portal.sms_support import outbox  # noqa: F401  (the file SMS backend)
