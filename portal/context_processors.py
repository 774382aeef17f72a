"""What every page of the site's frame shows, whichever app renders it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from portal.operator import Operator


def operator(request: HttpRequest) -> dict[str, Operator]:
    """Who runs the portal and how to reach them, for the footer and the data policy."""
    return {"operator": Operator.from_settings(settings)}
