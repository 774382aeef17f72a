"""What a person would see of a page: the facts a block is judged by.

The browser gathers a ``PageView`` from the rendered page (``browser_view``). A body that
nobody rendered (what the consulta API answered) is read here with the standard library's
HTML parser, keeping the same promise: text inside ``script``, ``style``, ``template``,
``noscript`` or a hidden element is not text anybody sees.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html.parser import HTMLParser

from attrs import frozen

from adapters.census_scraper import blockers

# Enough visible text to judge a page by; a rejection page says it all in a few lines.
TEXT_LIMIT = 20_000

_UNSEEN_ELEMENTS = frozenset({"script", "style", "template", "noscript", "head"})
_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_HIDING_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$)",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
_CAPTCHA_CLASSES = frozenset(
    name.removeprefix(".") for name in blockers.CAPTCHA_CONTAINERS.split(", ") if name[0] == "."
)


@frozen(kw_only=True)
class PageView:
    title: str = ""
    # The visible text of the page, spaces collapsed.
    text: str = ""
    # A CAPTCHA widget or challenge frame shows.
    captcha: bool = False
    # Structural marks of F5's JavaScript challenge: its scripts or its global.
    challenge: bool = False
    # A census form's document field is there: ``portal`` names whose.
    form: bool = False
    portal: str = ""
    # An element a CAPTCHA draws in is in the page, drawn or not (an explicit render may
    # not have drawn it yet): it explains a submit that stays disabled.
    captcha_container: bool = False
    # Some other form or visible input: a redesign, or a page still being built.
    other_form: bool = False
    # Our own browser shows the classic automation signals (webdriver, HeadlessChrome).
    automated: bool = False

    @classmethod
    def from_html(cls, html: str, fields: Mapping[str, str] | None = None) -> PageView:
        """What a browser would show of ``html``, read without one (no CSS, no scripts).
        ``fields``: the document field (an ``#id``) of each portal it may be, by name."""
        reader = _VisibleText(
            {field.removeprefix("#"): name for name, field in (fields or {}).items()}
        )
        reader.feed(html)
        reader.close()
        return cls(
            title=_collapse(" ".join(reader.title)),
            text=_collapse(" ".join(reader.text))[:TEXT_LIMIT],
            challenge=reader.challenge,
            form=bool(reader.portal),
            portal=reader.portal,
            other_form=reader.other_form,
            captcha_container=reader.captcha_container,
        )

    @property
    def words(self) -> str:
        """Title and visible text together, the way a person reads the page."""
        return f"{self.title} {self.text}".strip()


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


class _VisibleText(HTMLParser):
    def __init__(self, portal_of_id: Mapping[str, str]) -> None:
        super().__init__(convert_charrefs=True)
        self._portal_of_id = portal_of_id
        # Open elements, each with whether it hides what it holds.
        self._open: list[tuple[str, bool]] = []
        self.title: list[str] = []
        self.text: list[str] = []
        self.challenge = False
        self.portal = ""
        self.other_form = False
        self.captcha_container = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script" and blockers.CHALLENGE_SCRIPT_PATH in (attributes.get("src") or ""):
            self.challenge = True
        if portal := self._portal_of_id.get(attributes.get("id") or ""):
            self.portal = self.portal or portal
        elif tag in ("form", "input", "select"):
            self.other_form = True
        classes = (attributes.get("class") or "").split()
        if "data-sitekey" in attributes or _CAPTCHA_CLASSES.intersection(classes):
            self.captcha_container = True
        if tag in _VOID_ELEMENTS:
            return
        hides = (
            tag in _UNSEEN_ELEMENTS
            or "hidden" in attributes
            or bool(_HIDING_STYLE.search(attributes.get("style") or ""))
        )
        self._open.append((tag, hides))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_ELEMENTS and self._open and self._open[-1][0] == tag:
            self._open.pop()

    def handle_endtag(self, tag: str) -> None:
        # Browsers forgive unclosed elements; close back to the matching one, if any.
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1][0] == "title":
            self.title.append(data)
        elif not any(hides for _, hides in self._open):
            self.text.append(data)
