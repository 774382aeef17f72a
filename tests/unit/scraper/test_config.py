"""The scraper's configuration, read from an environment-like mapping: no browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.census_scraper import (
    ENGINE_NAMES,
    BrowserNotFound,
    ScraperConfig,
    resolve_executable,
)
from adapters.census_scraper.config import DEFAULT_URL


def test_defaults_read_the_real_portal_with_the_stealth_then_patchright_chain():
    config = ScraperConfig.from_env({})

    assert config.url == DEFAULT_URL
    assert config.engines == ("stealth", "patchright")
    assert config.executable is None
    assert config.headless is True
    assert config.timeout_s == 60.0
    assert config.recycle_after == 50
    assert config.snapshot_dir is None


def test_every_variable_is_read():
    config = ScraperConfig.from_env(
        {
            "CENSUS_URL": "http://127.0.0.1:8765/",
            "CENSUS_SCRAPER": " Patchright ",
            "CENSUS_BROWSER_EXECUTABLE": "/opt/chrome/chrome",
            "CENSUS_HEADLESS": "false",
            "DISPLAY": ":99",
            "CENSUS_TIMEOUT_S": "12.5",
            "CENSUS_RECYCLE_AFTER": "7",
            "CENSUS_SNAPSHOT_DIR": "/tmp/snaps",
            "CENSUS_PORTAL": "wsp",
            "CENSUS_API_URL": "http://localhost:8765/",
        }
    )

    assert config.url == "http://127.0.0.1:8765/"
    assert config.engines == ("patchright",)
    assert config.executable == "/opt/chrome/chrome"
    assert config.headless is False
    assert config.display == ":99"
    assert config.timeout_s == 12.5
    assert config.recycle_after == 7
    assert config.snapshot_dir == Path("/tmp/snaps")
    assert [profile.name for profile in config.portals] == ["wsp"]
    assert [str(origin) for origin in config.trusted_origins] == [
        "http://127.0.0.1:8765",
        "http://localhost:8765",
    ]


def test_a_comma_separated_chain_keeps_its_order_without_repeats():
    config = ScraperConfig.from_env({"CENSUS_SCRAPER": "patchright, stealth,patchright"})

    assert config.engines == ("patchright", "stealth")


def test_an_unknown_engine_is_refused_naming_the_valid_ones():
    with pytest.raises(ValueError, match="selenium") as error:
        ScraperConfig.from_env({"CENSUS_SCRAPER": "stealth,selenium"})

    for name in ENGINE_NAMES:
        assert name in str(error.value)


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"CENSUS_TIMEOUT_S": "soon"}, "CENSUS_TIMEOUT_S must be a number"),
        ({"CENSUS_TIMEOUT_S": "0"}, "timeout_s must be positive"),
        ({"CENSUS_RECYCLE_AFTER": "-1"}, "recycle_after must be positive"),
        ({"CENSUS_HEADLESS": "maybe"}, "CENSUS_HEADLESS must be true or false"),
        ({"CENSUS_HEADLESS": "false"}, "needs a DISPLAY"),
        ({"CENSUS_URL": "file:///etc/passwd"}, "CENSUS_URL must be an http"),
        ({"CENSUS_URL": "consultacenso.registraduria.gov.co"}, "CENSUS_URL must be an http"),
        ({"CENSUS_PORTAL": "infovotantes"}, "CENSUS_PORTAL: unknown census portal"),
        ({"CENSUS_API_URL": "localhost"}, "CENSUS_API_URL must be an http"),
    ],
)
def test_nonsense_values_are_refused_with_a_reason(env: dict[str, str], complaint: str):
    with pytest.raises(ValueError, match=complaint):
        ScraperConfig.from_env(env)


def test_a_headful_browser_without_a_display_is_refused_however_the_config_is_built():
    with pytest.raises(ValueError, match="needs a DISPLAY"):
        ScraperConfig(headless=False)

    assert ScraperConfig(headless=False, display=":99").display == ":99"


def test_the_engines_accept_a_string_as_the_settings_give_it():
    assert ScraperConfig(engines="stealth").engines == ("stealth",)  # type: ignore[arg-type]


def test_a_configured_executable_that_does_not_exist_is_a_clear_error(tmp_path: Path):
    with pytest.raises(BrowserNotFound, match="CENSUS_BROWSER_EXECUTABLE"):
        resolve_executable(str(tmp_path / "chrome"))


def test_without_any_chromium_the_error_says_how_to_install_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setattr("adapters.census_scraper.config.SYSTEM_CHROMIUM", str(tmp_path / "none"))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path))

    with pytest.raises(BrowserNotFound) as error:
        resolve_executable(None)

    assert "apt-get install -y chromium" in str(error.value)
    assert "playwright install chromium" in str(error.value)


def test_playwrights_own_chromium_is_preferred_when_installed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path))
    monkeypatch.setattr("adapters.census_scraper.config.SYSTEM_CHROMIUM", str(tmp_path / "none"))
    from adapters.census_scraper.config import _playwright_chromium

    monkeypatch.setattr(
        "adapters.census_scraper.config._playwright_chromium", lambda: str(tmp_path / "chrome")
    )
    chrome = tmp_path / "chrome"
    chrome.write_text("#!/bin/sh\n")
    chrome.chmod(0o755)

    assert resolve_executable(None) == str(chrome)
    assert _playwright_chromium() is None  # nothing really installed under tmp_path
