"""Admin pages of records that change only through their use cases: shown, not edited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class ViewOnly:
    """Nobody adds or edits these records in the admin; deleting is as the admin class
    grants it. (Inlines pass the parent object to ``has_add_permission``.)"""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnly(ViewOnly):
    """Nobody adds, edits or deletes these records in the admin, superusers included."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(ViewOnly, admin.TabularInline):
    extra = 0
    can_delete = False
