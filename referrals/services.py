"""Use cases of referrals: a person's link, the referral written with a new account, the
consent to share one's voting place, and a leader asking the census again."""

from __future__ import annotations

import functools

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import CustomUser
from cedula_domain import Cedula
from pagina_madre.bootstrap.census_lookup import lookup_service
from pagina_madre.bootstrap.network_refresh import network_refresh_policy
from referrals.models import Leader, NetworkRefresh, Referral, ReferralLink, SharingConsentEntry
from referrals.rules.leader import NetworkRefreshDecision
from referrals.rules.referral import Referral as ReferralFact
from referrals.rules.referral import ReferralLink as ReferralLinkValue
from referrals.rules.sharing_consent import SharingConsent
from referrals.selectors import active_link, consent_of, last_network_refresh, stale_cedulas

# Issuing a link loses only to a concurrent request issuing one (or, in theory, to a
# code drawn twice); after this many tries the error stands.
_ISSUE_TRIES = 3


class NotReferred(Exception):
    """The person registered through nobody's link: there is no one to share with."""


def link_for(*, owner: CustomUser) -> ReferralLink:
    """The person's working link, issued the first time they need it."""
    tries = 0
    while (existing := active_link(owner=owner)) is None:
        tries += 1
        try:
            with transaction.atomic():
                return _issue_link(owner)
        except IntegrityError:
            if tries >= _ISSUE_TRIES:
                raise
    return existing


def renew_link(*, owner: CustomUser) -> ReferralLink:
    """Revoke the person's link (it brings nobody from now on) and issue a new one. Who
    came through the old one stays theirs: a referral is a fact of registration."""
    now = timezone.now()
    with transaction.atomic():
        current = ReferralLink.objects.select_for_update().filter(
            owner=owner, revoked_at__isnull=True
        )
        for row in current:
            row.revoked_at = row.to_domain().revoke(now).revoked_at
            row.save(update_fields=["revoked_at"])
        return _issue_link(owner)


def revoke_link(*, link: ReferralLink) -> bool:
    """An operator revokes a link: it invites nobody from now on (its owner gets a new
    one on their next visit). Whether it was still active."""
    with transaction.atomic():
        row = ReferralLink.objects.select_for_update().get(pk=link.pk)
        value = row.to_domain()
        if not value.is_active:
            return False
        row.revoked_at = value.revoke(timezone.now()).revoked_at
        row.save(update_fields=["revoked_at"])
        return True


def record_referral(
    *, referred: CustomUser, link: ReferralLink | None, shares_place: bool
) -> Referral | None:
    """Write who brought the person just registered, and their consent if they gave it.
    Meant to run in the transaction that creates the account (all or nothing). None when
    the link brings nobody: none, revoked, or the person's own."""
    if link is None:
        return None
    now = timezone.now()
    fact = ReferralFact.made(link=link.to_domain(), referred=referred.pk, now=now)
    if fact is None:
        return None
    referral = Referral.from_domain(fact, link)
    referral.save(force_insert=True)
    if shares_place:
        _append(referral, SharingConsent.never_given(), SharingConsent.never_given().grant(now))
    return referral


def share_voting_place(*, person: CustomUser, share: bool) -> bool:
    """Grant or withdraw the consent to let whoever brought ``person`` see where they
    vote; each change is a new entry of the ledger. Whether anything changed; raises
    NotReferred when nobody brought them."""
    now = timezone.now()
    with transaction.atomic():
        # Locked so that two changes at once are written one after the other.
        referral = Referral.objects.select_for_update().filter(referred=person).first()
        if referral is None:
            raise NotReferred(person.pk)
        consent = consent_of(referral=referral)
        changed = consent.grant(now) if share else consent.withdraw(now)
        return _append(referral, consent, changed)


def end_previous_holders_network(*, account: CustomUser) -> None:
    """Staff handed ``account`` to the claimant of its cédula: nothing of the previous
    holder's network passes to them. Their links go (a code nobody holds registers people
    without referrer, as a revoked one does); the people they brought stay registered with
    no referrer, as when a referrer is forgotten, and the consents those people gave to
    share with them end with the referral they were given on; whoever brought the previous
    holder loses them and what they shared; and they lead no more. Nobody is told: the
    people who consented learn nothing of the new holder. Meant to run in the hand-over's
    transaction."""
    Referral.objects.filter(Q(referrer=account) | Q(referred=account)).delete()
    ReferralLink.objects.filter(owner=account).delete()
    Leader.objects.filter(person=account).delete()


def refresh_network(*, leader: Leader) -> tuple[NetworkRefreshDecision, int]:
    """A leader asks the census again about their people whose lookup ended more than a
    week ago, at most once a day. The lookups are restarted after the commit, at the
    lowest priority (behind new people's first lookups). The decision, and how many."""
    now = timezone.now()
    with transaction.atomic():
        # Locked so that two clicks at once make one request, not two.
        Leader.objects.select_for_update().filter(pk=leader.pk).first()
        policy = network_refresh_policy()
        stale = stale_cedulas(referrer=leader.person, policy=policy, now=now)
        decision = policy.decide(
            last_asked_at=last_network_refresh(leader=leader), stale=len(stale), now=now
        )
        if not decision.allowed:
            return decision, 0
        NetworkRefresh.objects.create(leader=leader, asked_at=now, lookups=len(stale))
        # robust: the request is written down; a lookup that could not be restarted is
        # logged (without its cédula) rather than turning the page into an error.
        transaction.on_commit(functools.partial(_ask_again, stale), robust=True)
    return decision, len(stale)


def _ask_again(cedulas: list[Cedula]) -> None:
    service = lookup_service()
    for cedula in cedulas:
        service.request_bulk_refresh(cedula)


def _append(referral: Referral, before: SharingConsent, after: SharingConsent) -> bool:
    if after == before or after.latest is None:
        return False
    SharingConsentEntry.objects.create(
        referral=referral, change=after.latest.change.value, at=after.latest.at
    )
    return True


def _issue_link(owner: CustomUser) -> ReferralLink:
    link = ReferralLink.from_domain(ReferralLinkValue.issued(owner.pk, timezone.now()))
    link.save(force_insert=True)
    return link
