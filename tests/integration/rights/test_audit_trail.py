"""Operators reading personal data in the admin leave a trail (django-auditlog): who,
which record, when; people named by id and a masked cédula."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry as AuditEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import CustomUser
from integration.portal.census_support import as_operator, store
from integration.referrals.referral_support import make_person

pytestmark = pytest.mark.django_db

USERS = reverse("admin:accounts_customuser_changelist")


def reads() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).order_by("pk"))


def test_opening_a_persons_page_leaves_who_read_it_and_when(person: CustomUser):
    operator = as_operator(Client())
    lookup = store(person)

    operator.get(reverse("admin:accounts_customuser_change", args=[person.pk]))
    operator.get(reverse("admin:census_cedulainfo_change", args=[person.cedula_info.pk]))

    [account, census] = reads()
    assert (account.object_pk, account.actor.cedula) == (str(person.pk), "1010101")
    assert account.remote_addr == "127.0.0.1"
    assert account.object_repr == "Jorge Eliécer Gaitán (****567)"
    assert census.content_type.model == "cedulainfo"
    assert lookup.cedula.value not in census.object_repr


def test_a_list_leaves_one_entry_per_row_read_in_a_single_query(person: CustomUser):
    operator = as_operator(Client())
    # A session's first page does some things once (the session, the limits' counters):
    # the pages compared are its second and third.
    operator.get(USERS)
    with CaptureQueriesContext(connection) as few:
        operator.get(USERS)
    before = len(reads())
    for n in range(5):
        make_person(f"300000{n}", f"Persona {n}")
    with CaptureQueriesContext(connection) as more:
        operator.get(USERS)

    assert len(reads()) - before == 7  # the operator, the person and five more
    assert len(more) == len(few)
    assert not [entry for entry in reads() if "3000001" in entry.object_repr]


def test_a_page_that_was_not_read_leaves_nothing(person: CustomUser):
    operator = as_operator(Client())

    operator.get(reverse("admin:accounts_customuser_change", args=[999999]))
    operator.post(reverse("admin:accounts_customuser_change", args=[person.pk]), {})

    assert reads() == []
