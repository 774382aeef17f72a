"""When the person on a browser changes, the browser forgets what the portal left in it.

A phone is often shared. What the portal keeps there (a card kept for a day without a
connection by the service worker, its caches) belongs to whoever was logged in, so a
response that ends their session (logging out, deleting the account) or starts another
person's carries ``Clear-Site-Data: "cache", "storage"``: the browser drops the site's
caches, storage and service worker. One middleware sees every such response, whichever
view gave it (a view of its own would have to be remembered by each way out)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CLEAR_SITE_DATA = '"cache", "storage"'


class ClearSiteDataWhenThePersonChanges:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        before = _person(request)
        response = self.get_response(request)
        if before is not None and _person(request) != before:
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response


def _person(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None
