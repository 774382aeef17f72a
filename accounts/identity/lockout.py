"""The lockout of a login as django-axes has it, read through axes' own API, and the rule
that words it for people (``accounts.identity.rules.lockout``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from accounts.identity.rules.lockout import FailedLogins, LockoutPolicy


def lockout_policy(request: HttpRequest, credentials: dict[str, Any] | None) -> LockoutPolicy:
    """The limit and cool-off axes applies to this request (AXES_FAILURE_LIMIT,
    AXES_COOLOFF_TIME, which may be callables of the request)."""
    cooloff = get_cool_off(request)
    if cooloff is None:
        raise ImproperlyConfigured("AXES_COOLOFF_TIME: a lockout here always ends")
    return LockoutPolicy(failure_limit=get_failure_limit(request, credentials), cooloff=cooloff)


def tries_left_to_tell(*, request: HttpRequest, cedula: str) -> int | None:
    """After a failed login, the tries left the login page says (None: nothing to say).
    The count is axes' own, for the same cédula and address its lockout counts."""
    credentials = {"username": cedula}
    failures = AxesProxyHandler.get_failures(request, credentials)
    return lockout_policy(request, credentials).tries_left_to_tell(failures=failures)


def lockout_ends_at(request: HttpRequest, credentials: dict[str, Any] | None) -> datetime | None:
    """When the lockout of this request's cédula and address ends (None: axes keeps no
    rows that make one, or keeps them elsewhere than in the database)."""
    AxesProxyHandler.update_request(request)
    handler = AxesProxyHandler.get_implementation()
    # The database handler's rows, filtered as axes filters them for this request.
    user_attempts = getattr(handler, "get_user_attempts", None)
    if user_attempts is None:
        return None
    rows = [
        FailedLogins(count=attempt.failures_since_start, latest_at=attempt.attempt_time)
        for attempts in user_attempts(request, credentials)
        for attempt in attempts
    ]
    return lockout_policy(request, credentials).ends_at(rows)
