"""How much one client may ask of the portal: django-ratelimit's counts, kept in the cache
every process shares, at the rates the settings name; over a limit, the 429 page."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage
from django_ratelimit.exceptions import Ratelimited

from portal.client_address import by_client_address

log = logging.getLogger(__name__)

View = Callable[..., HttpResponse]
Key = str | Callable[[str, HttpRequest], str]


class TooManyRequests(Ratelimited):
    """A limit reached; ``retry_after`` is how many seconds are left in its window."""

    def __init__(self, retry_after: int) -> None:
        super().__init__()
        self.retry_after = retry_after


def enforce_limit(
    request: HttpRequest, *, group: str, rate_setting: str, key: Key = by_client_address
) -> None:
    """Count this request against ``group``'s limit (the rate in the setting named, per
    ``key``: the client's address unless told otherwise); over it, raise TooManyRequests,
    which RatelimitMiddleware turns into the 429 page."""
    rate = getattr(settings, rate_setting)
    usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return
    if usage["time_left"] < 0:
        # django-ratelimit refuses everything when it cannot count: say why, once per hit.
        log.error(
            "Rate limit %r cannot count: the cache is unreachable (for the database cache, "
            "`manage.py check --deploy --database default` says what is missing).",
            group,
        )
    raise TooManyRequests(retry_after=max(usage["time_left"], 60))


def limited(
    *, group: str, rate_setting: str, key: Key = by_client_address
) -> Callable[[View], View]:
    """A view decorator: every POST counts against the limit (see enforce_limit)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                enforce_limit(request, group=group, rate_setting=rate_setting, key=key)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def too_many_requests(request: HttpRequest, exception: Exception) -> HttpResponse:
    """RATELIMIT_VIEW: the Spanish page of a limit reached, with when to come back."""
    retry_after = getattr(exception, "retry_after", 3600)
    context = {"minutes": math.ceil(retry_after / 60)}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response
