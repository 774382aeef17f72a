"""The first results table of an HTML fragment, and its visible text, read without a browser.

wsp answers its XHR with JSON carrying the HTML its page puts into ``#success``: that HTML is
read here as a person would read it once shown (headers, the first row, the sentences).
"""

from __future__ import annotations

from html.parser import HTMLParser

from attrs import frozen

from adapters.census_scraper.page_view import PageView


@frozen(kw_only=True)
class HtmlTable:
    headers: tuple[str, ...] = ()
    # The first row of data cells.
    cells: tuple[str, ...] = ()
    text: str = ""

    @classmethod
    def read(cls, html: str) -> HtmlTable:
        reader = _FirstTable()
        reader.feed(html)
        reader.close()
        return cls(
            headers=tuple(" ".join(words).strip() for words in reader.headers),
            cells=tuple(" ".join(words).strip() for words in reader.cells),
            text=PageView.from_html(html).text,
        )


class _FirstTable(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headers: list[list[str]] = []
        self.cells: list[list[str]] = []
        self._tables = 0
        self._open: list[str] | None = None
        self._row_has_cells = False
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._done:
            return
        if tag == "table":
            self._tables += 1
        elif self._tables == 1 and tag == "th":
            self._open = []
            self.headers.append(self._open)
        elif self._tables == 1 and tag == "td":
            self._open = []
            self.cells.append(self._open)
            self._row_has_cells = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td"):
            self._open = None
        elif tag == "tr" and self._row_has_cells:
            # Only the first row of data: the census answers for one document.
            self._done = True
        elif tag == "table" and self._tables == 1:
            self._done = True

    def handle_data(self, data: str) -> None:
        if self._open is not None and not self._done:
            self._open.append(data.strip())
