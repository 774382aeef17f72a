"""Django-Q2's admin (schedules, tasks, the queue), for superusers only.

A schedule names any importable function and the worker runs it: whoever may edit one
may run code on the server, whatever the model permissions say.
"""

from __future__ import annotations

from typing import Any

import django_q.admin  # noqa: F401  (its admins must be registered before they are replaced)
from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django_q.models import Failure, OrmQ, Schedule, Success

WORKER_MODELS: tuple[type[Model], ...] = (Schedule, Success, Failure, OrmQ)


class SuperuserOnly:
    """Mixed in before a Django-Q2 admin: superusers keep what it allowed, others get nothing."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser and super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser and super().has_delete_permission(request, obj)


def restrict_to_superusers(site: admin.AdminSite = admin.site) -> None:
    for model in WORKER_MODELS:
        if not site.is_registered(model):
            continue
        original = type(site.get_model_admin(model))
        site.unregister(model)
        locked = type(f"SuperuserOnly{original.__name__}", (SuperuserOnly, original), {})
        site.register(model, locked)


restrict_to_superusers()
