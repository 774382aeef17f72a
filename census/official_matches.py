"""How the stored answers stand against the official lists of polling places, for
operators: per list, how many matched one of its places; and of the answers that have no
official place, how many are a person's unverified word and why the others matched none."""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import Count, Q

from cedula_domain import AnswerSource, Unmatched
from census.models import CedulaInfo
from polling_places.models import CURRENT_FIRST, PollingPlaceList


class ListMatches(NamedTuple):
    place_list: PollingPlaceList
    # Stored answers matched to one of its places.
    matched: int


class MatchSummary(NamedTuple):
    # Every list, the current (published last) first.
    lists: list[ListMatches]
    # The person's answers that have no official place: their word alone.
    unverified: int
    # The other answers without an official place, by why (None: never compared).
    unmatched: dict[Unmatched | None, int]


# A place is stored whole, its departamento never blank (``voting_place_of``).
NO_OFFICIAL_PLACE = ~Q(departamento="") & Q(polling_place__isnull=True)
THE_PERSONS = Q(source=AnswerSource.PERSON.value)
UNVERIFIED = NO_OFFICIAL_PLACE & THE_PERSONS
UNMATCHED = NO_OFFICIAL_PLACE & ~THE_PERSONS


def unmatched_because(why: Unmatched | None) -> Q:
    """The answers (not a person's word) that matched no official place for ``why``; None:
    never compared with a list."""
    return UNMATCHED & Q(place_unmatched=why.value if why else "")


def match_summary() -> MatchSummary:
    matched = dict(
        CedulaInfo.objects.filter(polling_place__isnull=False)
        .order_by()
        .values_list("polling_place__list")
        .annotate(count=Count("pk"))
    )
    lists = [
        ListMatches(place_list, matched.get(place_list.pk, 0))
        for place_list in PollingPlaceList.objects.order_by(*CURRENT_FIRST)
    ]
    unmatched = (
        CedulaInfo.objects.filter(UNMATCHED)
        .order_by()
        .values_list("place_unmatched")
        .annotate(count=Count("pk"))
    )
    return MatchSummary(
        lists=lists,
        unverified=CedulaInfo.objects.filter(UNVERIFIED).count(),
        unmatched={Unmatched(why) if why else None: count for why, count in unmatched},
    )
