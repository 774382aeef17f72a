"""The admin's pages, for tests that read every one of them."""

from __future__ import annotations

from contextlib import suppress

from django.contrib import admin
from django.urls import NoReverseMatch, reverse


def admin_pages() -> list[str]:
    """Every model's list and add page, and the change page of one row where one exists."""
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        with suppress(NoReverseMatch):
            urls.append(reverse("admin:{}_{}_add".format(*info)))
        row = model_admin.get_queryset(None).first() if hasattr(model_admin, "model") else None
        if row is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[row.pk]))
    return urls
