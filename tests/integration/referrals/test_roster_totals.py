"""The totals of /referidos/ are counted by the database (referrals.selectors.roster_totals),
which states SharingConsent's rule (the latest entry of the ledger decides),
voting_place_of's (a place has its departamento) and Puesto's (an answer that matched an
official place is that place) again in SQL. Proven here against the rule applied person by
person (ReferredPerson.seen_by_referrer), on every status and every shape of ledger."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from attrs import evolve

from accounts.models import CustomUser
from cedula_domain import AnswerSource, LookupStatus
from integration.portal.census_support import PLACE, store
from integration.referrals.referral_support import brought, make_person, matched, official_place
from referrals.models import SharingConsentEntry
from referrals.roster import PuestoTotal
from referrals.selectors import roster_page, roster_totals
from referrals.services import link_for

pytestmark = pytest.mark.django_db

NOW = datetime.now(UTC)
# Each ledger as its entries in the order written (the pk's), with their times.
LEDGERS = {
    "never": [],
    "granted": [("granted", NOW)],
    "withdrawn": [("granted", NOW), ("withdrawn", NOW)],
    "granted again": [("granted", NOW), ("withdrawn", NOW), ("granted", NOW)],
    # A clock set back between two changes: the order of writing decides, not the time.
    "withdrawn, clock set back": [("granted", NOW), ("withdrawn", NOW - timedelta(days=1))],
}
OTHER_PUESTO = evolve(PLACE, puesto="COLEGIO SAN JOSE", mesa="3")
# The same puesto's name in another municipio is another puesto.
NAMESAKE = evolve(PLACE, municipio="ENVIGADO")
# Two answers of one official place, typed and chosen from the list.
TYPED = evolve(PLACE, puesto="IE Inem José Félix de Restrepo", municipio="Medellín")
CHOSEN = evolve(PLACE, puesto="INST.EDUC. INEM JOSE FELIX DE RESTREPO")
# What each status's lookups found; a place stays while a new lookup runs or after it fails.
PLACES = {
    LookupStatus.FOUND: [PLACE, OTHER_PUESTO, NAMESAKE, TYPED, CHOSEN],
    LookupStatus.PENDING: [PLACE, CHOSEN, None],
    LookupStatus.ERROR: [OTHER_PUESTO, TYPED, None],
}


def everyone_brought_by(referrer: CustomUser) -> None:
    """One person per status (and one without a lookup), per ledger, per place."""
    inem = official_place("01-001-13-01", "ANTIOQUIA", "MEDELLIN", CHOSEN.puesto)
    cedula = 30_000_000
    for status in (*LookupStatus, None):
        for ledger in LEDGERS.values():
            for place in PLACES.get(status, [None]):
                cedula += 1
                person = make_person(str(cedula), f"Persona {cedula}")
                brought(referrer, person)
                if status is not None:
                    answered = status.is_final or place is not None
                    store(
                        person,
                        status=status,
                        voting_place=place,
                        source=AnswerSource.REGISTRADURIA if answered else None,
                    )
                    if place in (TYPED, CHOSEN):
                        matched(person, inem)
                SharingConsentEntry.objects.bulk_create(
                    SharingConsentEntry(referral=person.referral, change=change, at=at)
                    for change, at in ledger
                )


def test_the_totals_the_database_counts_are_the_rule_applied_person_by_person():
    ana = make_person("1020304050", "Ana María Ríos")
    link_for(owner=ana)
    everyone_brought_by(ana)
    first = CustomUser.objects.get(cedula="30000001")
    link_for(owner=first)
    brought(first, make_person("40000001", "Eva Ruiz"), make_person("40000002", "Fabio Gil"))

    totals = roster_totals(referrer=ana, with_network=True)

    pages = roster_page(referrer=ana, number=1, with_network=True).paginator.page_range
    people = [
        person
        for number in pages
        for person in roster_page(referrer=ana, number=number, with_network=True).object_list
    ]
    statuses = Counter(person.status for person in people)
    places = Counter(
        (place.departamento, place.municipio, place.puesto, place.code)
        for person in people
        if (place := person.puesto) is not None
    )
    assert totals.total == len(people)
    assert totals.not_shared == sum(not person.shares_place for person in people)
    assert totals.by_status == tuple(
        (status, statuses[status]) for status in (*LookupStatus, None) if statuses[status]
    )
    assert sorted(totals.by_puesto, key=lambda total: total.puesto + total.municipio) == sorted(
        (
            PuestoTotal(departamento=dep, municipio=mun, puesto=puesto, code=code, people=count)
            for (dep, mun, puesto, code), count in places.items()
        ),
        key=lambda total: total.puesto + total.municipio,
    )
    assert totals.network == sum(person.brought for person in people) == 2
    # Not a proof over nothing: more than a page, some share, some do not, places counted.
    assert len(pages) > 1
    assert 0 < totals.not_shared < totals.total
    assert len(totals.by_puesto) == 4
    assert sum(total.verified for total in totals.by_puesto) == 1
    assert dict(totals.by_status)[None] > 0


def test_someone_who_brought_nobody_has_empty_totals():
    ana = make_person("1020304050", "Ana María Ríos")

    totals = roster_totals(referrer=ana, with_network=True)

    assert (totals.total, totals.not_shared, totals.by_status, totals.by_puesto) == (0, 0, (), ())
    assert totals.network == 0
