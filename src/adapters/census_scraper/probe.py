"""What a census page is, asked without asking it anything: for an operator pointing the
scraper at a page (``manage.py lookup_cedula --probe``)."""

from __future__ import annotations

from attrs import frozen

from cedula_domain.outcomes import Failure


@frozen(kw_only=True)
class PortalCheck:
    """One known portal against the page: which of its widgets show and which it lacks."""

    portal: str
    description: str
    present: tuple[str, ...]
    missing: tuple[str, ...]


@frozen(kw_only=True)
class PortalProbe:
    url: str
    status: int
    title: str
    # The portal recognised by its form; "" when none.
    portal: str
    # What stands in front of the form, or instead of it.
    failure: Failure | None
    checks: tuple[PortalCheck, ...]
