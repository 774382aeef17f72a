"""The abuse limits: rates read as a count per period, and the numbers that bound them."""

from __future__ import annotations

import pytest

from adapters.environment import Environment
from pagina_madre.config import InvalidConfig, LimitsConfig
from unit.settings.environments import local

RATES = (
    "REGISTRATION_RATE",
    "EXISTENCE_ANSWER_RATE",
    "LOGIN_RATE",
    "REPORT_RATE",
    "RECOVERY_RATE",
    "CLAIM_RATE",
)


def test_the_limits_default_to_what_a_household_behind_one_address_needs():
    assert local().limits == LimitsConfig(
        registration_rate="5/h",
        existence_answer_rate="20/h",
        login_rate="30/h",
        report_rate="10/h",
        recovery_rate="10/h",
        claim_rate="5/h",
        trusted_proxy_count=0,
        axes_failure_limit=5,
        axes_cooloff_hours=1,
        registration_challenge=False,
        registration_challenge_max_number=200_000,
    )


@pytest.mark.parametrize("rate", ["5/h", "100/15m", "1/s", "3/d", "20/2h"])
def test_a_rate_is_a_count_per_period(rate: str):
    assert Environment({"RATE": rate}).rate("RATE") == rate


def test_a_rate_is_read_without_the_spaces_around_it():
    assert Environment({"RATE": " 10/h "}).rate("RATE") == "10/h"


@pytest.mark.parametrize("name", RATES)
def test_every_rate_is_read(name: str):
    limits = local(**{name: "7/m"}).limits

    assert getattr(limits, name.lower()) == "7/m"


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"REGISTRATION_RATE": "cinco"}, "REGISTRATION_RATE must be a count per period"),
        ({"LOGIN_RATE": "30/0h"}, "LOGIN_RATE must be a count per period"),
        ({"EXISTENCE_ANSWER_RATE": "0/h"}, "EXISTENCE_ANSWER_RATE must be a count per period"),
        ({"REPORT_RATE": "10/hora"}, "REPORT_RATE must be a count per period"),
        ({"RECOVERY_RATE": "10"}, "RECOVERY_RATE must be a count per period"),
        ({"CLAIM_RATE": "5/h/d"}, "CLAIM_RATE must be a count per period"),
        ({"TRUSTED_PROXY_COUNT": "-1"}, "TRUSTED_PROXY_COUNT must be 0 or more"),
        ({"TRUSTED_PROXY_COUNT": "uno"}, "TRUSTED_PROXY_COUNT must be a number"),
        (
            {"REGISTRATION_CHALLENGE_MAX_NUMBER": "0"},
            "REGISTRATION_CHALLENGE_MAX_NUMBER must be 1 or more",
        ),
        ({"AXES_FAILURE_LIMIT": "cinco"}, "AXES_FAILURE_LIMIT must be a number"),
        ({"AXES_COOLOFF_HOURS": "1h"}, "AXES_COOLOFF_HOURS must be a number"),
    ],
)
def test_nonsense_limits_stop_the_portal_at_start_naming_them(env: dict[str, str], complaint: str):
    with pytest.raises(InvalidConfig, match=complaint):
        local(**env)


def test_a_rate_refused_is_quoted_with_the_periods_allowed():
    with pytest.raises(InvalidConfig) as refusal:
        local(LOGIN_RATE="30/0h")

    assert str(refusal.value) == (
        "LOGIN_RATE must be a count per period such as 5/h or 100/15m "
        "(periods s, m, h, d), not '30/0h'"
    )


def test_the_proxies_the_lockout_and_the_challenge_are_read():
    limits = local(
        TRUSTED_PROXY_COUNT="2",
        AXES_FAILURE_LIMIT="7",
        AXES_COOLOFF_HOURS="0.5",
        REGISTRATION_CHALLENGE_MAX_NUMBER="5000",
    ).limits

    assert limits.trusted_proxy_count == 2
    assert limits.axes_failure_limit == 7
    assert limits.axes_cooloff_hours == 0.5
    assert limits.registration_challenge_max_number == 5000
