"""Helpers shared by the scraper tests (imported as a plain module, like tests/unit/fakes)."""

from __future__ import annotations

import time
from typing import Any

from attrs import evolve

from adapters.census_scraper import ScraperConfig
from adapters.census_scraper.deadline import Deadline
from cedula_domain.cedula import Cedula
from cedula_domain.outcomes import Outcome

# Generous next to what a lookup takes here (about a second), so that "fast" means fast.
TIMEOUT_S = 20.0
# How long a challenge or an unknown page gets to become the form: short in tests.
GRACE_S = 1.0
SNAPSHOT_KEEP = 3


def make_config(url: str, **overrides: Any) -> ScraperConfig:
    config = ScraperConfig(
        url=url, engines=("stealth",), timeout_s=TIMEOUT_S, settle_grace_s=GRACE_S
    )
    return evolve(config, **overrides)


def timed_lookup(scraper: Any, cedula: str, budget_s: float | None = None) -> tuple[Outcome, float]:
    """The outcome and how long it took; ``budget_s`` overrides the scraper's timeout."""
    started = time.monotonic()
    if budget_s is None:
        outcome = scraper.lookup(Cedula.parse(cedula))
    else:
        outcome = scraper.lookup_until(Cedula.parse(cedula), Deadline.after(budget_s))
    return outcome, time.monotonic() - started
