"""The portal suite: ``register``, ``person``, ``other_person`` and ``logged_in`` come from
the plugin integration.portal.people_fixtures (listed in tests/conftest.py)."""

from __future__ import annotations

from support.rate_limits import rate_limits_start_afresh  # noqa: F401

from integration.portal.sms_support import (
    outbox,  # noqa: F401  (the file SMS backend, read back)
    sms_service,  # noqa: F401  (taken down at will)
)
