"""How django-bootstrap5 draws a field: red when it has an error, and never green.

A field marked valid after a refused form says "this one is fine" about a field the person
typed nothing in, or about a password we just emptied: GOV.UK marks only what is wrong."""

from __future__ import annotations

from django_bootstrap5.renderers import FieldRenderer


class ErrorsOnlyFieldRenderer(FieldRenderer):
    def get_server_side_validation_classes(self) -> str:
        return "is-invalid" if self.field_errors else ""
