"""The rights suite reuses the portal suite's people and the lookups suite's real worker
and portal sessions: their fixtures, imported by name (as the referrals suite does)."""

from __future__ import annotations

import sys
from pathlib import Path

for suite in ("portal", "lookups", "referrals"):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / suite))

from integration.lookups.conftest import portal, worker, worker_env  # noqa: E402, F401
from integration.portal.conftest import (  # noqa: E402, F401
    logged_in,
    other_person,
    person,
    register,
)
from support.rate_limits import rate_limits_start_afresh  # noqa: E402, F401
