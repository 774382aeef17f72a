"""The accessibility suite: real Chromium on the live portal, at a desktop's size and at a
360 px phone's, with axe-core run in every page. It reuses the portal suite's stored
census records and the lookups suite's real worker (for the live announcement; the
plugins listed in tests/conftest.py), as the referrals suite does."""

from __future__ import annotations

from support.rate_limits import rate_limits_start_afresh  # noqa: F401
