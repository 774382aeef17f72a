from __future__ import annotations

import pytest

from accounts.privacy.rules.browser import browser_in_words

ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
SAMSUNG = (
    "Mozilla/5.0 (Linux; Android 14; SM-A145M) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36"
)
IPHONE_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
WINDOWS_EDGE = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"
)
LINUX_FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


@pytest.mark.parametrize(
    ("user_agent", "words"),
    [
        (ANDROID_CHROME, "un navegador Chrome en Android"),
        (SAMSUNG, "un navegador Samsung Internet en Android"),
        (IPHONE_SAFARI, "un navegador Safari en iPhone"),
        (WINDOWS_EDGE, "un navegador Edge en Windows"),
        (LINUX_FIREFOX, "un navegador Firefox en Linux"),
    ],
)
def test_a_common_browser_is_named_with_its_system(user_agent: str, words: str) -> None:
    assert browser_in_words(user_agent) == words


def test_an_unknown_browser_is_not_guessed() -> None:
    assert browser_in_words("curl/8.5.0") == "un navegador que no reconocemos"
    assert browser_in_words("Mozilla/5.0 (Windows NT 10.0)") == "un navegador en Windows"
    assert browser_in_words("Mozilla/5.0 Firefox/133.0") == "un navegador Firefox"


@pytest.mark.parametrize("blank", ["", "  "])
def test_no_user_agent_says_nothing(blank: str) -> None:
    assert browser_in_words(blank) == ""
