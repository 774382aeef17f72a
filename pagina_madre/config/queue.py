"""The Django-Q2 cluster that runs the lookups in the background, and the lease a worker
holds on a lookup. The timeouts follow from the census settings unless given: the checks
(``census.checks``) refuse unsafe combinations of what is given."""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from adapters.environment import Environment, given
from pagina_madre.config.census import CensusConfig

# Room for the task around its wait and its lookup, and between the timeouts.
TASK_MARGIN_S = 15
RETRY_MARGIN_S = 30
LEASE_MARGIN_S = 10


@frozen(kw_only=True)
class QueueConfig:
    # A task waits its turn among the fleet's, then runs the lookup, within this.
    timeout: int
    # The ORM broker hands a task out again `retry` seconds after it was pulled, so it
    # must outlast the timeout or a slow lookup runs twice.
    retry: int
    # A worker holds a lookup this long; past it the attempt is presumed lost. Longer than
    # the task timeout (a live worker never loses it), shorter than the broker's retry (a
    # redelivered task finds it expired).
    lease_s: int
    # SQLite takes one writer at a time: one worker (checked by census.checks).
    workers: int = 1
    queue_limit: int = 2
    poll_s: float = 1
    # Successes kept, and for how long (the sweep drops older ones): they are for
    # watching the cluster, not a record.
    save_limit: int = 50
    results_minutes: int = 60
    # A fresh worker process (and so a fresh browser) now and then bounds memory growth.
    recycle: int = 500

    @classmethod
    def from_env(cls, environ: Mapping[str, str], *, census: CensusConfig) -> QueueConfig:
        """Raises ValueError naming the variable that makes no sense."""
        read = Environment(environ)
        timeout = _or(
            read.number("QCLUSTER_TIMEOUT", int),
            int(census.pace_wait_s + census.scraper.timeout_s) + TASK_MARGIN_S,
        )
        return cls(
            timeout=timeout,
            retry=_or(read.number("QCLUSTER_RETRY", int), timeout + RETRY_MARGIN_S),
            lease_s=_or(read.number("CENSUS_LEASE_S", int), timeout + LEASE_MARGIN_S),
            **given(
                workers=read.number("QCLUSTER_WORKERS", int),
                queue_limit=read.number("QCLUSTER_QUEUE_LIMIT", int),
                poll_s=read.number("QCLUSTER_POLL_S", float),
                save_limit=read.number("QCLUSTER_SAVE_LIMIT", int),
                results_minutes=read.number("QCLUSTER_RESULTS_MINUTES", int),
                recycle=read.number("QCLUSTER_RECYCLE", int),
            ),
        )


def _or(given_value: int | None, derived: int) -> int:
    return derived if given_value is None else given_value
