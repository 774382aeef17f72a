"""The census portals as data: loaded with their version, picked by host, forced or guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.census_scraper.portals import AUTO, Portals, known_portals

WSP_PAGE = "https://wsp.registraduria.gov.co/censo/consultar/"


def test_every_real_portal_of_2025_2026_has_a_profile():
    portals = known_portals()

    assert portals.version
    assert set(portals.names) == {"consultacenso", "wsp", "eleccionescolombia"}


def test_a_known_host_picks_its_portal():
    (profile,) = known_portals().candidates(WSP_PAGE)

    assert profile.name == "wsp"
    assert [step.action for step in profile.steps] == ["select", "fill", "click"]


def test_an_unknown_address_may_be_any_portal_until_the_page_shows_which():
    candidates = known_portals().candidates("http://127.0.0.1:8765/censo/consultar/", AUTO)

    assert [profile.name for profile in candidates] == list(known_portals().names)


def test_a_forced_portal_wins_over_the_host():
    (profile,) = known_portals().candidates(WSP_PAGE, "eleccionescolombia")

    assert profile.name == "eleccionescolombia"
    assert profile.answer.matches("https://api.example/api/v1/citizen/get-information")
    assert not profile.answer.matches("https://api.example/api/v1/citizen/other")


def test_an_unknown_portal_is_refused_with_the_known_names():
    with pytest.raises(ValueError, match="known: auto, consultacenso, wsp"):
        known_portals().named("nuevo")


@pytest.mark.parametrize(
    ("portal", "error"),
    [
        ('steps = [{ press = "#b" }]', "one action"),
        ('steps = [{ select = "#tipo" }]', "value"),
        ('steps = []\nanswer = { path = "x", reader = "magic" }', "unknown reader"),
        ('steps = []\nfield = ".documento"', "#id"),
    ],
)
def test_a_profile_that_makes_no_sense_is_refused_when_loaded(
    tmp_path: Path, portal: str, error: str
):
    defaults = {
        "field": 'field = "#doc"',
        "answer": 'answer = { path = "consulta", reader = "consultacenso" }',
    }
    lines = [line for key, line in defaults.items() if f"{key} =" not in portal]
    file = tmp_path / "portals.toml"
    file.write_text(
        'version = "1"\n[[portal]]\nname = "x"\npage = "https://x.example/"\n'
        + "\n".join([portal, *lines])
        + "\n"
    )

    with pytest.raises(ValueError, match=error):
        Portals.load(file)
