"""The accessibility suite: real Chromium on the live portal, at a desktop's size and at a
360 px phone's, with axe-core run in every page. It reuses the portal suite's stored
census records and the lookups suite's real worker (for the live announcement), as the
referrals suite does."""

from __future__ import annotations

import sys
from pathlib import Path

# Those suites import their helpers by bare name (pytest puts a conftest's folder on
# sys.path when it loads it); loading them from here needs the same.
for suite in ("portal", "lookups"):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / suite))

from integration.lookups.conftest import portal, worker, worker_env  # noqa: E402, F401
from support.rate_limits import rate_limits_start_afresh  # noqa: E402, F401
