"""Reading referrals for the pages: a link by its code, a person's people as they may see
them, their consent, a leader. A few queries each, whatever the number of people."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.db.models import Count

from accounts.models import CustomUser
from cedula_domain import Cedula, LookupStatus
from census.selectors import lookup_ages, lookups_of
from referrals.models import Leader, NetworkRefresh, Referral, ReferralLink, SharingConsentEntry
from referrals.roster import ReferredPerson, Roster
from referrals.rules.leader import NetworkRefreshPolicy
from referrals.rules.referral import InvalidReferralCode, ReferralCode
from referrals.rules.sharing_consent import ConsentEntry, SharingConsent

# No lookup yet: it is requested right after the registration commits.
NOT_YET = (LookupStatus.PENDING, None)


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


def roster_of(*, referrer: CustomUser, with_network: bool = False) -> Roster:
    """The people ``referrer`` brought, newest first, as the referrer may see them; with
    ``with_network`` (leaders), how many each of them brought in turn."""
    referrals = Referral.objects.filter(referrer=referrer)
    rows = referrals.order_by("-created_at", "-pk").values(
        "pk", "created_at", "referred_id", "referred__nombre_completo", "referred__cedula"
    )
    lookups = lookups_of(people=referrals.values("referred_id"))
    consents = _consents(referrer)
    brought = _brought_by_each(referrer) if with_network else {}
    people = []
    for row in rows:
        status, place = lookups.get(row["referred_id"], NOT_YET)
        people.append(
            ReferredPerson.seen_by_referrer(
                name=row["referred__nombre_completo"],
                cedula=Cedula(row["referred__cedula"]),
                registered_at=row["created_at"],
                status=status,
                voting_place=place,
                consent=consents.get(row["pk"], SharingConsent.never_given()),
                brought=brought.get(row["referred_id"], 0) if with_network else None,
            )
        )
    return Roster.of(people)


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


def _consents(referrer: CustomUser) -> dict[int, SharingConsent]:
    ledgers: dict[int, list[ConsentEntry]] = defaultdict(list)
    entries = SharingConsentEntry.objects.filter(referral__referrer=referrer).order_by("pk")
    for entry in entries.only("referral_id", "change", "at"):
        ledgers[entry.referral_id].append(entry.to_domain())
    return {
        referral_id: SharingConsent.from_ledger(ledger) for referral_id, ledger in ledgers.items()
    }


def _brought_by_each(referrer: CustomUser) -> dict[int, int]:
    counts = (
        Referral.objects.filter(referrer__referral__referrer=referrer)
        .values("referrer_id")
        .annotate(people=Count("pk"))
        .values_list("referrer_id", "people")
    )
    return dict(counts)
