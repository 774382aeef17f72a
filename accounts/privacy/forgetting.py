"""Forgetting a person (Ley 1581 de 2012, art. 8 e): supresión): the account and everything
about them goes, in one transaction.

Most of it goes by cascade from the account (their census lookup and its evidence, codes,
acceptances, referral links, who they brought and who brought them, consents to share,
leadership). What the cascade cannot reach goes here, or through ``person_forgotten``
for what other apps keep by cédula (the lookup's snapshots, the queue). What stays:

- how many forgotten people accepted each policy version (``ForgottenAcceptances``);
- in the audit trails, who read or changed which record and when, the record named by its
  id (``accounts.privacy.audit``), and one entry saying the person was forgotten, with a masked
  cédula;
- claims that someone else sent about the cédula and staff have not decided yet: they are
  the claimant's request, made with their own acceptance and owed an answer; with the
  account gone the claimant can simply register. Decided claims go, with their decisions:
  they were about this account (a handed-over one's claimant is the person themself).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import router, transaction
from django.db.models import F, Model, ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.utils import timezone

from accounts.models import (
    CedulaClaim,
    ClaimDecision,
    CustomUser,
    ForgottenAcceptances,
    IssuedCode,
    PolicyAcceptanceEntry,
)
from accounts.privacy.audit import forget_in_trail, record_forgetting
from accounts.signals import person_forgotten

_DATABASE_SESSIONS = "django.contrib.sessions.backends.db"


class PersonNotForgettable(Exception):
    """Records that must stay point at the account: decisions the person made as staff."""


def forget_person(*, user: CustomUser, requested_by: CustomUser | None = None) -> None:
    """Delete ``user`` and everything about them; ``requested_by`` is whoever asked (the
    person, or staff for a request that came by other means). Raises PersonNotForgettable,
    changing nothing."""
    cedula = user.cedula
    with transaction.atomic():
        person_forgotten.send(sender=CustomUser, user=user)
        _count_acceptances(user)
        _forget_logins(cedula)
        _forget_sessions(user)
        claims = _forget_decided_claims(cedula)
        collector = Collector(using=router.db_for_write(CustomUser), origin=user)
        try:
            collector.collect([user])
        except (ProtectedError, RestrictedError) as error:
            raise PersonNotForgettable(user.pk) from error
        forget_in_trail(records={**_collected(collector), **claims}, cedula=cedula)
        record_forgetting(user=user, requested_by=requested_by)
        collector.delete()


def forget_previous_holder(*, user: CustomUser) -> None:
    """An account staff hand to the claimant of its cédula keeps the cédula and its census
    lookup, and loses what was about the person who held it: their logins and failed
    attempts (addresses, browsers), the codes texted to their phone, when they last came
    in, and their acceptances of the policy (counted, as a forgotten person's: the
    claimant's own acceptance follows). Meant to run in the hand-over's transaction."""
    _count_acceptances(user)
    PolicyAcceptanceEntry.objects.filter(user=user).delete()
    IssuedCode.objects.filter(user=user).delete()
    _forget_logins(user.cedula)
    user.last_login = None
    user.save(update_fields=["last_login"])


def _count_acceptances(user: CustomUser) -> None:
    versions = PolicyAcceptanceEntry.objects.filter(user=user).values_list("version", flat=True)
    for version in set(versions):
        ForgottenAcceptances.objects.get_or_create(version=version)
        ForgottenAcceptances.objects.filter(version=version).update(people=F("people") + 1)


def _forget_logins(cedula: str) -> None:
    # django-axes keeps logins and failed attempts by the username typed: the cédula.
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=cedula).delete()


def _forget_sessions(user: CustomUser) -> None:
    """Their sessions on every device, and any that holds their cédula (a password
    recovery half done). Sessions are not indexed by person, so each open one is read:
    seconds on a large portal, for a request made rarely."""
    if settings.SESSION_ENGINE != _DATABASE_SESSIONS:
        return  # signed cookies or a cache: they end with the account (auth hash)
    theirs = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if _mentions(session.get_decoded(), user)
    ]
    Session.objects.filter(pk__in=theirs).delete()


def _mentions(data: dict[str, Any], user: CustomUser) -> bool:
    return data.get("_auth_user_id") == str(user.pk) or user.cedula in map(str, data.values())


def _forget_decided_claims(cedula: str) -> dict[type[Model], list[Any]]:
    claims = CedulaClaim.objects.filter(cedula=cedula).exclude(status=CedulaClaim.Status.PENDING)
    decisions = ClaimDecision.objects.filter(claim__in=claims)
    gone: dict[type[Model], list[Any]] = {
        ClaimDecision: list(decisions.values_list("pk", flat=True)),
        CedulaClaim: list(claims.values_list("pk", flat=True)),
    }
    ClaimDecision.objects.filter(pk__in=gone[ClaimDecision]).delete()
    CedulaClaim.objects.filter(pk__in=gone[CedulaClaim]).delete()
    return gone


def _collected(collector: Collector) -> dict[type[Model], list[Any]]:
    records: dict[type[Model], set[Any]] = defaultdict(set)
    for model, instances in collector.data.items():
        records[model] |= {instance.pk for instance in instances}
    for queryset in collector.fast_deletes:
        records[queryset.model] |= set(queryset.values_list("pk", flat=True))
    return {model: sorted(keys) for model, keys in records.items()}
