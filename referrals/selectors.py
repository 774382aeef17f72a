"""Reading referrals for the pages: a link by its code, a person's people as they may see
them (a page of them, everyone for the spreadsheet, and their totals), their consent, a
leader. A few queries each, whatever the number of people."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.models import CustomUser
from cedula_domain import Cedula, LookupStatus
from census.selectors import PersonLookup, lookup_ages, lookup_counts, lookups_of, puesto_counts
from referrals.models import Leader, NetworkRefresh, Referral, ReferralLink, SharingConsentEntry
from referrals.roster import PuestoTotal, ReferredPerson, Roster, RosterTotals, StatusCount
from referrals.rules.leader import NetworkRefreshPolicy
from referrals.rules.referral import InvalidReferralCode, ReferralCode
from referrals.rules.sharing_consent import ConsentChange, ConsentEntry, SharingConsent

# No lookup yet: it is requested right after the registration commits.
NOT_YET = PersonLookup(LookupStatus.PENDING, None, None)
# A page of /referidos/: light enough for a cheap phone whatever the number of people.
PEOPLE_PER_PAGE = 50


def link_by_code(*, code: str | None) -> ReferralLink | None:
    """The link a code names, revoked or not (the domain tells), with its owner."""
    try:
        parsed = ReferralCode.parse(code or "")
    except InvalidReferralCode:
        return None
    return ReferralLink.objects.select_related("owner").filter(code=parsed.value).first()


def active_link(*, owner: CustomUser) -> ReferralLink | None:
    return ReferralLink.objects.filter(owner=owner, revoked_at__isnull=True).first()


def referral_of(*, person: CustomUser) -> Referral | None:
    """Who brought ``person``, if anyone."""
    return Referral.objects.select_related("referrer").filter(referred=person).first()


def consent_of(*, referral: Referral) -> SharingConsent:
    entries = SharingConsentEntry.objects.filter(referral=referral).order_by("pk")
    return SharingConsent.from_ledger(entry.to_domain() for entry in entries)


def leader_of(*, person: CustomUser) -> Leader | None:
    return Leader.objects.filter(person=person).first()


def roster_of(*, referrer: CustomUser) -> Roster:
    """Everyone ``referrer`` brought, newest first, as the referrer may see them."""
    referrals = Referral.objects.filter(referrer=referrer)
    return Roster.of(_seen(_newest_first(referrals), referrals, with_network=False))


def roster_page(
    *, referrer: CustomUser, number: str | int | None, with_network: bool = False
) -> Page:
    """Page ``number`` (the last for one past the end, the first for anything else) of the
    people ``referrer`` brought, newest first, as the referrer may see them: its
    ``object_list`` their ReferredPerson; with ``with_network`` (leaders), how many each of
    them brought in turn."""
    people = Referral.objects.filter(referrer=referrer)
    current = Paginator(_newest_first(people), PEOPLE_PER_PAGE).get_page(number)
    rows = list(current.object_list)
    on_page = Referral.objects.filter(pk__in=[row["pk"] for row in rows])
    current.object_list = _seen(rows, on_page, with_network=with_network)
    return current


def roster_totals(*, referrer: CustomUser, with_network: bool = False) -> RosterTotals:
    """The totals of everyone ``referrer`` brought, counted by the database (a few queries
    whatever their number): by status (a result counted only for those who share it, the
    rest as withheld), not sharing, by puesto (shared places only, an official place once
    whatever each answer typed, the others by their text); with ``with_network``,
    how many they brought in turn."""
    brought = Referral.objects.filter(referrer=referrer)
    referrals = _with_consent(brought)
    counted = referrals.aggregate(
        people=Count("pk"), sharing=Count("pk", filter=Q(latest_change=_GRANTED))
    )
    sharing = referrals.filter(latest_change=_GRANTED).values("referred_id")
    not_sharing = referrals.exclude(latest_change=_GRANTED).values("referred_id")
    statuses = [
        *_status_counts(sharing, people=counted["sharing"], shared=True),
        *_status_counts(not_sharing, people=counted["people"] - counted["sharing"], shared=False),
    ]
    puestos = (
        PuestoTotal(
            departamento=count.departamento,
            municipio=count.municipio,
            puesto=count.puesto,
            code=count.code,
            people=count.people,
        )
        for count in puesto_counts(people=sharing)
    )
    network = (
        Referral.objects.filter(referrer__in=brought.values("referred_id")).count()
        if with_network
        else None
    )
    return RosterTotals.counted(statuses=statuses, puestos=puestos, network=network)


def stale_cedulas(
    *, referrer: CustomUser, policy: NetworkRefreshPolicy, now: datetime
) -> list[Cedula]:
    """The cédulas of ``referrer``'s people whose lookup the policy would ask again."""
    people = Referral.objects.filter(referrer=referrer).values("referred_id")
    return [
        cedula
        for cedula, status, requested_at in lookup_ages(people=people)
        if policy.is_stale(status, requested_at, now)
    ]


def last_network_refresh(*, leader: Leader) -> datetime | None:
    return (
        NetworkRefresh.objects.filter(leader=leader)
        .order_by("-asked_at")
        .values_list("asked_at", flat=True)
        .first()
    )


# SharingConsent's rule in SQL, for counting: the latest entry of a ledger (in the order
# of writing, its pk) is the state, and without any entry nothing is shared. Proven against
# SharingConsent.from_ledger by tests/integration/referrals/test_roster_totals.py.
_GRANTED = ConsentChange.GRANTED.value


def _with_consent(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """``referrals`` with ``latest_change``: their ledger's latest change, "" if none."""
    latest = (
        SharingConsentEntry.objects.filter(referral=OuterRef("pk"))
        .order_by("-pk")
        .values("change")[:1]
    )
    return referrals.annotate(latest_change=Coalesce(Subquery(latest), Value("")))


def _status_counts(of: QuerySet[dict[str, int]], *, people: int, shared: bool) -> list[StatusCount]:
    """The lookups of ``of`` (``people`` people) by status, those without one yet at
    its first status."""
    counts = lookup_counts(people=of)
    without_lookup = people - sum(counts.values())
    return [
        *(StatusCount(status=status, shared=shared, people=n) for status, n in counts.items()),
        StatusCount(status=NOT_YET.status, shared=shared, people=without_lookup),
    ]


def _newest_first(referrals: QuerySet[Referral]) -> QuerySet[dict[str, Any]]:
    return referrals.order_by("-created_at", "-pk").values(
        "pk", "created_at", "referred_id", "referred__nombre_completo", "referred__cedula"
    )


def _seen(
    rows: Iterable[dict[str, Any]], referrals: QuerySet[Referral], *, with_network: bool
) -> tuple[ReferredPerson, ...]:
    """``rows`` (of ``referrals``) as the referrer may see them: a few queries for all."""
    lookups = lookups_of(people=referrals.values("referred_id"))
    consents = _consents(referrals)
    brought = _brought_by_each(referrals) if with_network else {}
    people = []
    for row in rows:
        lookup = lookups.get(row["referred_id"], NOT_YET)
        people.append(
            ReferredPerson.seen_by_referrer(
                name=row["referred__nombre_completo"],
                cedula=Cedula(row["referred__cedula"]),
                registered_at=row["created_at"],
                status=lookup.status,
                voting_place=lookup.voting_place,
                source=lookup.source,
                consent=consents.get(row["pk"], SharingConsent.never_given()),
                brought=brought.get(row["referred_id"], 0) if with_network else None,
            )
        )
    return tuple(people)


def _consents(referrals: QuerySet[Referral]) -> dict[int, SharingConsent]:
    ledgers: dict[int, list[ConsentEntry]] = defaultdict(list)
    entries = SharingConsentEntry.objects.filter(referral__in=referrals).order_by("pk")
    for entry in entries.only("referral_id", "change", "at"):
        ledgers[entry.referral_id].append(entry.to_domain())
    return {
        referral_id: SharingConsent.from_ledger(ledger) for referral_id, ledger in ledgers.items()
    }


def _brought_by_each(referrals: QuerySet[Referral]) -> dict[int, int]:
    counts = (
        Referral.objects.filter(referrer__in=referrals.values("referred_id"))
        .order_by()
        .values("referrer_id")
        .annotate(people=Count("pk"))
        .values_list("referrer_id", "people")
    )
    return dict(counts)
