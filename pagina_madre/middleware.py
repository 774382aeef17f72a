"""What every response to a logged-in person carries."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class PrivatePagesMiddleware:
    """A logged-in person's pages show their data, so no browser or proxy may keep them
    (`Cache-Control: no-store, private`). Pages are private unless a view says
    otherwise (LoginRequiredMiddleware), and so is this rule: a new view is covered
    without having to remember a decorator."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
