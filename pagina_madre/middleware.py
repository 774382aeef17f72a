"""What every response to a logged-in person carries."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

View = Callable[..., HttpResponse]


def holds_no_personal_data(view: View) -> View:
    """A view decorator: its responses hold nothing of the person who asks (the official
    list of polling places, say), so they keep the caching the view gives them."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.holds_no_personal_data = True
        return response

    return wrapped


class PrivatePagesMiddleware:
    """A logged-in person's pages show their data, so no browser or proxy may keep them
    (`Cache-Control: no-store, private`). Pages are private unless a view says
    otherwise (LoginRequiredMiddleware), and so is this rule: a new view is covered
    without having to remember a decorator (``holds_no_personal_data`` is the exception
    a view must ask for)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        personal = not getattr(response, "holds_no_personal_data", False)
        if request.user.is_authenticated and personal:
            add_never_cache_headers(response)
        return response
