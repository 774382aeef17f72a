"""A browser's user-agent string in words a person recognises ("un navegador Chrome en
Android"), for "Mis datos": the string itself stays in the download.

Only the browsers and systems most phones and computers in Colombia use are named, by the
marks each puts in its string; order matters, since most strings also carry the marks of
the browsers they descend from (Edge and Samsung Internet say "Chrome", Chrome says
"Safari"). Anything else is left unnamed ("un navegador que no reconocemos"): a guess in words
would be worse than none. Hand-written: a parser library with its database of
thousands of devices buys nothing for one line on one page.
"""

from __future__ import annotations

_BROWSERS = (
    ("SamsungBrowser/", "Samsung Internet"),
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "Mac"),
    ("Linux", "Linux"),
)


def browser_in_words(user_agent: str) -> str:
    """``user_agent`` as "un navegador Chrome en Android"; "" when there is none."""
    if not user_agent.strip():
        return ""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), "")
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), "")
    if not browser and not system:
        return "un navegador que no reconocemos"
    words = f"un navegador {browser}" if browser else "un navegador"
    return f"{words} en {system}" if system else words
