"""System checks (`manage.py check`) for settings that would break census lookups."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register

from pagina_madre.bootstrap.census_lookup import census_config, lease, missing_browser

# Seconds between the task timeout and the broker's redelivery: time for the cluster
# to notice the timeout and record the failure before the task is handed out again.
RETRY_MARGIN_S = 15


@register("census")
def check_queue_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    cluster = settings.Q_CLUSTER
    timeout = cluster["timeout"]
    lease_s = lease().total_seconds()
    lookup_s = census_config().scraper.timeout_s
    if "orm" in cluster:
        problems = _orm_broker_problems(timeout, cluster["retry"], lease_s)
    else:
        problems = _redis_broker_problems(timeout, lease_s)
    if timeout <= lookup_s:
        problems.append(
            Error(
                f"CENSUS_TIMEOUT_S ({lookup_s:g} s) must be shorter than "
                f"QCLUSTER_TIMEOUT ({timeout} s): the lookup must end before its task is killed.",
                id="census.E003",
            )
        )
    on_sqlite = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    if on_sqlite and cluster["workers"] > 1:
        problems.append(
            Error(
                f"QCLUSTER_WORKERS is {cluster['workers']}, but SQLite takes one writer at a time.",
                hint="Use one worker on SQLite, or PostgreSQL (DATABASE_URL) for more.",
                id="census.E004",
            )
        )
    return problems


def _orm_broker_problems(timeout: int, retry: int, lease_s: float) -> list[CheckMessage]:
    """The ORM broker hands a task out again `retry` seconds after it was pulled: that
    must come after the task's timeout and after its lease."""
    problems: list[CheckMessage] = []
    if retry <= timeout + RETRY_MARGIN_S:
        problems.append(
            Error(
                f"QCLUSTER_RETRY ({retry} s) must exceed QCLUSTER_TIMEOUT ({timeout} s) "
                f"by more than {RETRY_MARGIN_S} s, or a slow lookup is handed out twice.",
                id="census.E001",
            )
        )
    if not timeout < lease_s < retry:
        problems.append(
            Error(
                f"CENSUS_LEASE_S ({lease_s:g} s) must lie between QCLUSTER_TIMEOUT ({timeout} s) "
                f"and QCLUSTER_RETRY ({retry} s).",
                hint="A live worker must keep its lease; a redelivered task must find it expired.",
                id="census.E002",
            )
        )
    return problems


def _redis_broker_problems(timeout: int, lease_s: float) -> list[CheckMessage]:
    """Redis never hands a task out again (QCLUSTER_RETRY means nothing there): only the
    task's own timeout bounds the lease."""
    if lease_s > timeout:
        return []
    return [
        Error(
            f"CENSUS_LEASE_S ({lease_s:g} s) must exceed QCLUSTER_TIMEOUT ({timeout} s).",
            hint="A live worker must keep its lease until its task ends.",
            id="census.E002",
        )
    ]


@register("census")
def check_browser(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    problem = missing_browser()
    return [Warning(problem, id="census.W001")] if problem else []
