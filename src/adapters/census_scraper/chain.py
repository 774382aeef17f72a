"""A fallback chain of engines: the next one is tried only after a block."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from adapters.census_scraper.deadline import Deadline
from cedula_domain.outcomes import Blocked, Outcome

if TYPE_CHECKING:
    from adapters.census_scraper.browser_scraper import BrowserScraper
    from cedula_domain.cedula import Cedula


class FallbackScraper:
    """Tries its scrapers in order within one time budget.

    Only ``Blocked`` moves on: an answer is an answer, and an unavailable site or a changed
    page would look the same to the next engine (asking again would just add load).
    """

    def __init__(self, scrapers: Sequence[BrowserScraper], timeout_s: float) -> None:
        if not scrapers:
            raise ValueError("a fallback chain needs at least one scraper")
        self._scrapers = tuple(scrapers)
        self._timeout_s = timeout_s

    @property
    def scrapers(self) -> tuple[BrowserScraper, ...]:
        return self._scrapers

    def lookup(self, cedula: Cedula) -> Outcome:
        return self.lookup_until(cedula, Deadline.after(self._timeout_s))

    def lookup_until(self, cedula: Cedula, deadline: Deadline) -> Outcome:
        outcome: Outcome | None = None
        for scraper in self._scrapers:
            outcome = scraper.lookup_until(cedula, deadline)
            if not isinstance(outcome, Blocked) or deadline.expired:
                break
        assert outcome is not None
        return outcome

    def close(self) -> None:
        errors: list[Exception] = []
        for scraper in self._scrapers:
            try:
                scraper.close()
            except Exception as error:  # close them all, then report
                errors.append(error)
        if errors:
            raise errors[0]
