"""The Spanish pages of what went wrong that Django would otherwise answer in English or
with nothing: an address opened with a method it does not take (405), a form refused by
the CSRF check, the server's own failure (500). 403 and 404 are Django's handlers with
the templates of the same name."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader

from portal.operator import Operator


class MethodNotAllowedPage:
    """An address that only takes a form's POST (/censo/actualizar/), opened from the
    address bar or a bookmark, answers a page that says so and leads back, instead of
    the empty body of require_POST that browsers show as their own English error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        page = render(request, "405.html", status=405)
        page["Allow"] = response["Allow"]
        return page


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent from a page kept open too long, after logging out
    in another tab, or from a browser that refuses cookies."""
    return render(request, "403_csrf.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the page renders from settings alone (no context processor, no
    database), so that whatever failed cannot fail it too."""
    context = {"operator": Operator.from_settings(settings)}
    return HttpResponseServerError(loader.get_template("500.html").render(context))
