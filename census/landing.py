"""`/` for everyone: the person's own page once logged in; for a visitor, what the portal
is, who runs it, that it is not the Registraduría, and the way in."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

View = Callable[..., HttpResponse]


def landing_for_visitors(home: View) -> View:
    """``home`` for a logged-in person, the landing page for anyone else. The address
    stays ``/`` for both, so LOGIN_REDIRECT_URL and every link to the home page hold."""

    @login_not_required
    @wraps(home)
    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return home(request, *args, **kwargs)
        return render(request, "portada.html")

    return view
