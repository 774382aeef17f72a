"""The composition root's part for referrals: how often a leader may ask the census again
about their people, and which of their lookups count as old."""

from __future__ import annotations

import functools

from referrals.rules.leader import NetworkRefreshPolicy


@functools.cache
def network_refresh_policy() -> NetworkRefreshPolicy:
    return NetworkRefreshPolicy()
