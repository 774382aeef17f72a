"""Every census setting, read once from the environment and validated as it is built.

The defaults live in the value objects they configure (``ScraperConfig``, ``RetryPolicy``,
``RefreshPolicy`` and the fields below); a variable left unset keeps them. ``PortalConfig``
builds one ``CensusConfig`` (the settings name it ``CENSUS``); ``bootstrap`` is the only
code that reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from attrs import field, frozen, validators

from adapters.census_scraper.config import ScraperConfig
from adapters.environment import Environment, given
from cedula_domain import BreakerPolicy, RefreshPolicy, RetryPolicy

# A worker waits this many of the fleet's turns at most for its own (well within its task's
# timeout); then its wake-up goes back in line.
PACE_TURNS_WAITED = 3
# A consulta released in its turn reaches the site a little later, by more or less: up to
# 0.3 s was measured with six browsers on a loaded two-core machine. The turns keep this
# much more than the interval, so that the site never sees two closer than it.
DELIVERY_MARGIN_S = 0.4


def _seconds(value: float | None) -> timedelta | None:
    return None if value is None else timedelta(seconds=value)


@frozen(kw_only=True)
class CensusConfig:
    scraper: ScraperConfig = field(factory=ScraperConfig)
    retry: RetryPolicy = field(factory=RetryPolicy)
    refresh: RefreshPolicy = field(factory=RefreshPolicy)
    breaker: BreakerPolicy = field(factory=BreakerPolicy)
    # Seconds between two lookups of the whole fleet: a few per minute at most, never a
    # burst, however many workers and hosts.
    min_interval_s: float = field(default=15.0, validator=validators.ge(0))
    # How long raw answers are kept for operators.
    evidence_retention: timedelta = field(
        default=timedelta(days=30), validator=validators.ge(timedelta(0))
    )
    # The portal reads the local census simulator (make demo): every page says so.
    simulated: bool = False

    @property
    def pace_interval_s(self) -> float:
        """The spacing the fleet's turns keep: the interval, plus room for what a consulta
        meets between the turn that releases it and the site that receives it."""
        return self.min_interval_s + DELIVERY_MARGIN_S if self.min_interval_s > 0 else 0.0

    @property
    def pace_wait_s(self) -> float:
        """How long a worker waits for its turn to start a lookup."""
        return self.pace_interval_s * PACE_TURNS_WAITED

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> CensusConfig:
        """Raises ValueError naming the variable that makes no sense."""
        read = Environment(env)
        retry = RetryPolicy(
            **given(
                max_attempts=read.number("CENSUS_MAX_ATTEMPTS", int),
                base_delay=_seconds(read.number("CENSUS_RETRY_BASE_S", float)),
                blocked_base_delay=_seconds(read.number("CENSUS_BLOCKED_RETRY_BASE_S", float)),
                max_delay=_seconds(read.number("CENSUS_RETRY_MAX_S", float)),
                min_delay=_seconds(read.number("CENSUS_RETRY_MIN_S", float)),
            )
        )
        refresh = RefreshPolicy(
            **given(interval=_seconds(read.number("CENSUS_REFRESH_INTERVAL_S", float)))
        )
        breaker = BreakerPolicy(
            **given(
                threshold=read.number("CENSUS_BREAKER_THRESHOLD", int),
                cooldown=_seconds(read.number("CENSUS_BREAKER_COOLDOWN_S", float)),
                max_cooldown=_seconds(read.number("CENSUS_BREAKER_MAX_COOLDOWN_S", float)),
                changed_threshold=read.number("CENSUS_CHANGED_THRESHOLD", int),
            )
        )
        days = read.number("CENSUS_EVIDENCE_DAYS", int)
        return cls(
            scraper=ScraperConfig.from_env(env),
            retry=retry,
            refresh=refresh,
            breaker=breaker,
            **given(
                min_interval_s=read.number("CENSUS_MIN_INTERVAL_S", float),
                evidence_retention=None if days is None else timedelta(days=days),
                simulated=read.flag("CENSUS_SIMULATED"),
            ),
        )
