"""The site frame's template tags: the error summary of refused forms, and the one
written form of a phone number. Loaded with {% load portal %} (TEMPLATES' libraries)."""

from __future__ import annotations

from typing import Any

from django import forms, template
from phonenumber_field.phonenumber import PhoneNumber

from portal import phones

register = template.Library()


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms_shown: forms.BaseForm | None) -> dict[str, Any]:
    """GOV.UK's error summary for the forms of a page: every error, in the order of the
    fields, each linking to its field (an error of the whole form to the first field),
    and whether a password typed came back empty (browsers never get a password back; a
    form's optional password left blank lost nothing)."""
    errors: list[tuple[str, str]] = []
    passwords_emptied = False
    for form in forms_shown:
        if form is None or not form.is_bound or not form.errors:
            continue
        fields = form.visible_fields()
        first = fields[0].id_for_label if fields else ""
        errors += [(first, message) for message in form.non_field_errors()]
        for field in form:
            errors += [(field.id_for_label or first, message) for message in field.errors]
        passwords_emptied |= any(field.widget_type == "password" and field.data for field in fields)
    return {"errors": errors, "passwords_emptied": passwords_emptied}


@register.filter
def telefono(number: PhoneNumber | str | None) -> str:
    """{{ user.telefono|telefono }}: "300 123 4567"."""
    return phones.national(number)
