"""The next election's settings: a date or none, its name, the reminders' rate."""

from __future__ import annotations

from datetime import date

import pytest

from pagina_madre.config import ElectionsConfig, InvalidConfig
from unit.settings.environments import local


def test_without_a_date_no_election_is_announced() -> None:
    assert local().elections == ElectionsConfig(
        election_date=None, election_name="", reminder_rate="60/m"
    )


def test_the_date_name_and_rate_are_read() -> None:
    config = local(
        ELECTION_DATE="2026-03-08", ELECTION_NAME=" Congreso ", REMINDER_RATE="30/m"
    ).elections

    assert config == ElectionsConfig(
        election_date=date(2026, 3, 8), election_name="Congreso", reminder_rate="30/m"
    )


@pytest.mark.parametrize("value", ["8 de marzo", "2026-02-30", "mañana"])
def test_a_nonsense_date_stops_the_portal_naming_the_variable(value: str) -> None:
    with pytest.raises(InvalidConfig, match="ELECTION_DATE"):
        local(ELECTION_DATE=value)


def test_a_nonsense_rate_stops_the_portal_naming_the_variable() -> None:
    with pytest.raises(InvalidConfig, match="REMINDER_RATE"):
        local(REMINDER_RATE="rápido")
