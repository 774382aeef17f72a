"""The Django-Q2 cluster: its timeouts follow the census settings unless given."""

from __future__ import annotations

import pytest

from pagina_madre.config import InvalidConfig, QueueConfig
from unit.settings.environments import local


def test_the_task_timeout_covers_the_wait_for_a_turn_and_the_lookup():
    config = local()

    # Three turns of 15 s + 0.4 s, a lookup of 60 s, and 15 s of room.
    assert config.queue == QueueConfig(timeout=121, retry=151, lease_s=131)
    assert config.queue.workers == 1
    assert config.queue.poll_s == 1
    assert config.queue.save_limit == 50
    assert config.queue.results_minutes == 60


def test_the_timeout_follows_a_faster_census():
    queue = local(CENSUS_MIN_INTERVAL_S="2", CENSUS_TIMEOUT_S="30").queue

    assert (queue.timeout, queue.retry, queue.lease_s) == (52, 82, 62)


def test_a_given_timeout_moves_the_retry_and_the_lease_unless_they_are_given():
    assert local(QCLUSTER_TIMEOUT="90").queue == QueueConfig(timeout=90, retry=120, lease_s=100)
    queue = local(QCLUSTER_TIMEOUT="90", QCLUSTER_RETRY="200", CENSUS_LEASE_S="120").queue
    assert (queue.timeout, queue.retry, queue.lease_s) == (90, 200, 120)


def test_every_cluster_number_is_read():
    queue = local(
        QCLUSTER_WORKERS="4",
        QCLUSTER_QUEUE_LIMIT="8",
        QCLUSTER_POLL_S="0.5",
        QCLUSTER_SAVE_LIMIT="10",
        QCLUSTER_RESULTS_MINUTES="5",
        QCLUSTER_RECYCLE="20",
    ).queue

    assert queue.workers == 4
    assert queue.queue_limit == 8
    assert queue.poll_s == 0.5
    assert queue.save_limit == 10
    assert queue.results_minutes == 5
    assert queue.recycle == 20


@pytest.mark.parametrize(
    "name", ["QCLUSTER_TIMEOUT", "QCLUSTER_RETRY", "CENSUS_LEASE_S", "QCLUSTER_WORKERS"]
)
def test_a_word_where_a_number_goes_is_refused_naming_it(name: str):
    with pytest.raises(InvalidConfig, match=f"{name} must be a number"):
        local(**{name: "pronto"})
