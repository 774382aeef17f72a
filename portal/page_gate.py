"""A gate every page passes: a logged-in person who still owes the portal something
(accepting a new data policy, proving their phone) is sent to the page where they settle
it, from every page but the few that must stay open. One middleware per debt, so that no
view checks it by itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


class PageGate:
    """A middleware: ``owes`` says whether the person must go to ``destination`` first."""

    # Views by their namespaced name ("accounts:logout"), and whole namespaces.
    open_views: frozenset[str] = frozenset()
    open_namespaces: frozenset[str] = frozenset({"admin"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def owes(self, request: HttpRequest) -> bool:
        raise NotImplementedError

    def destination(self, request: HttpRequest) -> str:
        raise NotImplementedError

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if (
            match is None
            or match.view_name in self.open_views
            or match.namespace in self.open_namespaces
        ):
            return None
        if not self.owes(request):
            return None
        url = self.destination(request)
        if request.headers.get("HX-Request"):
            # htmx would swap the page into the card: the whole page goes there instead.
            return HttpResponse(status=204, headers={"HX-Redirect": url})
        return redirect(url)
