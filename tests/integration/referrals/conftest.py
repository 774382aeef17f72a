"""The referrals suite reuses the portal suite's people and the lookups suite's real
worker and portal sessions: their fixtures, imported by name."""

from __future__ import annotations

import sys
from pathlib import Path

# Those suites import their helpers by bare name (pytest puts a conftest's folder on
# sys.path when it loads it); loading their conftests from here needs the same.
for suite in ("portal", "lookups"):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / suite))

from integration.lookups.conftest import portal, worker, worker_env  # noqa: E402, F401
from integration.portal.conftest import (  # noqa: E402, F401
    logged_in,
    other_person,
    person,
    register,
)
from support.rate_limits import rate_limits_start_afresh  # noqa: E402, F401
