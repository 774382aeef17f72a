from __future__ import annotations

from django import template

from cedula_domain import LookupStatus
from census.presenter import seen_status_words

register = template.Library()


@register.filter
def estado(status: LookupStatus | None) -> str:
    """A lookup's status in the census app's words, as a referrer may see it."""
    return seen_status_words(status)
