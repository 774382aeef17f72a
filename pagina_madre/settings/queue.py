"""Django-Q2, which runs the census lookups in the background."""

from pagina_madre.settings.environment import config

# The task waits its turn among the fleet's (a few CENSUS_MIN_INTERVAL_S at most), then runs
# the lookup (CENSUS_TIMEOUT_S).
QCLUSTER_TIMEOUT = config.queue.timeout
Q_CLUSTER = {
    "name": "pagina_madre",
    # Redis lets any number of clusters on any number of hosts pull tasks, and delivers
    # at most once; the ORM broker (the database) delivers at least once. Either way a
    # task only wakes a worker: the lookup record is the truth, the sweep recovers.
    **({"redis": config.stores.redis_url} if config.stores.redis_url else {"orm": "default"}),
    "workers": config.queue.workers,
    "timeout": QCLUSTER_TIMEOUT,
    "retry": config.queue.retry,
    # Retries are the domain's business (RetryPolicy): Django-Q2 never re-runs a
    # failed task by itself, and acknowledges failures so they don't come back.
    "max_attempts": 1,
    "ack_failures": True,
    "queue_limit": config.queue.queue_limit,
    "bulk": 1,
    "poll": config.queue.poll_s,
    "save_limit": config.queue.save_limit,
    "catch_up": False,
    "recycle": config.queue.recycle,
    "label": "Tareas en segundo plano",
    # Statistics only (settings.cache): in the worker's memory, not in SQLite.
    "cache": "local",
}
QCLUSTER_RESULTS_MINUTES = config.queue.results_minutes
CENSUS_LEASE_S = config.queue.lease_s
