from __future__ import annotations

from django import template

from cedula_domain import LookupStatus
from census.presenter import STATUS_WORDS

register = template.Library()


@register.filter
def estado(status: LookupStatus) -> str:
    """A lookup's status in the census app's words."""
    return STATUS_WORDS[status]
