"""Every census setting read once, defaults kept where the values live: no Django."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from adapters.census_scraper import ScraperConfig
from cedula_domain import RefreshPolicy, RetryPolicy
from pagina_madre.config import CensusConfig, InvalidConfig
from unit.settings.environments import local


def test_an_empty_environment_gives_the_defaults_of_each_value():
    config = CensusConfig.from_env({})

    assert config == CensusConfig(
        scraper=ScraperConfig(), retry=RetryPolicy(), refresh=RefreshPolicy()
    )
    assert config.min_interval_s == 15.0
    assert config.evidence_retention == timedelta(days=30)
    assert config.simulated is False


def test_every_census_variable_is_read():
    config = CensusConfig.from_env(
        {
            "CENSUS_SCRAPER": "patchright",
            "CENSUS_TIMEOUT_S": "12",
            "CENSUS_MIN_INTERVAL_S": "2.5",
            "CENSUS_MAX_ATTEMPTS": "5",
            "CENSUS_RETRY_BASE_S": "30",
            "CENSUS_BLOCKED_RETRY_BASE_S": "900",
            "CENSUS_RETRY_MAX_S": "7200",
            "CENSUS_RETRY_MIN_S": "1",
            "CENSUS_REFRESH_INTERVAL_S": "60",
            "CENSUS_EVIDENCE_DAYS": "7",
            "CENSUS_SIMULATED": "1",
            "CENSUS_CHANGED_THRESHOLD": "5",
        }
    )

    assert config.scraper.engines == ("patchright",)
    assert config.scraper.timeout_s == 12.0
    assert config.min_interval_s == 2.5
    assert config.retry.max_attempts == 5
    assert config.retry.base_delay == timedelta(seconds=30)
    assert config.retry.blocked_base_delay == timedelta(seconds=900)
    assert config.retry.max_delay == timedelta(hours=2)
    assert config.retry.min_delay == timedelta(seconds=1)
    assert config.refresh.interval == timedelta(minutes=1)
    assert config.evidence_retention == timedelta(days=7)
    assert config.simulated is True
    assert config.breaker.changed_threshold == 5


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"CENSUS_MAX_ATTEMPTS": "tres"}, "CENSUS_MAX_ATTEMPTS must be a number"),
        ({"CENSUS_MAX_ATTEMPTS": "0"}, "max_attempts"),
        ({"CENSUS_MIN_INTERVAL_S": "-1"}, "min_interval_s"),
        ({"CENSUS_EVIDENCE_DAYS": "-3"}, "evidence_retention"),
        ({"CENSUS_SIMULATED": "quizás"}, "CENSUS_SIMULATED must be true or false"),
        ({"CENSUS_SCRAPER": "selenium"}, "unknown census scraper"),
        ({"CENSUS_CHANGED_THRESHOLD": "0"}, "at least 1"),
    ],
)
def test_nonsense_is_refused_when_the_config_is_built(env: dict[str, str], complaint: str):
    with pytest.raises(ValueError, match=complaint):
        CensusConfig.from_env(env)


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"CENSUS_SCRAPER": "selenium"}, "unknown census scraper 'selenium'"),
        ({"CENSUS_TIMEOUT_S": "pronto"}, "CENSUS_TIMEOUT_S must be a number"),
        ({"CENSUS_MAX_ATTEMPTS": "0"}, "max_attempts"),
        ({"CENSUS_HEADLESS": "false", "DISPLAY": ""}, "needs a DISPLAY"),
    ],
)
def test_nonsense_census_settings_stop_the_portal_at_start_naming_them(
    env: dict[str, str], complaint: str
):
    with pytest.raises(InvalidConfig, match=f"^Census settings: .*{complaint}"):
        local(**env)


def test_the_portal_keeps_snapshots_under_its_data_dir_unless_told():
    assert local(PAGINA_MADRE_DATA_DIR="/srv/portal").census.scraper.snapshot_dir == Path(
        "/srv/portal/snapshots"
    )
    assert local(CENSUS_SNAPSHOT_DIR="/var/snaps").census.scraper.snapshot_dir == Path("/var/snaps")
