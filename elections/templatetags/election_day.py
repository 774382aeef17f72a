"""The census card's election block, without census knowing elections: the card loads
this library and asks ``{% election_day place as election_day %}``."""

from __future__ import annotations

from typing import Any

from django import template

from cedula_domain import VotingPlace
from elections.selectors import ElectionCard, election_card
from pagina_madre.bootstrap.elections import election_clock, next_election

register = template.Library()


@register.simple_tag(takes_context=True)
def election_day(context: dict[str, Any], place: VotingPlace | None) -> ElectionCard | None:
    """What the card says of the next election (None: nothing to say)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return None
    return election_card(
        election=next_election(), place=place, user=request.user, now=election_clock().now()
    )
