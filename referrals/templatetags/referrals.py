from __future__ import annotations

from django import template

from cedula_domain import AnswerSource, LookupStatus
from census.presenter import SOURCE_WORDS, seen_status_words

register = template.Library()


@register.filter
def estado(status: LookupStatus | None) -> str:
    """A lookup's status in the census app's words, as a referrer may see it."""
    return seen_status_words(status)


@register.filter
def origen(source: AnswerSource | None) -> str:
    """Who gave a lookup's answer, in the census app's words; "" when none is shown."""
    return SOURCE_WORDS[source] if source else ""
