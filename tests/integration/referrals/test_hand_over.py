"""A hand-over of an account ends its previous holder's network, and nobody else's."""

from __future__ import annotations

import pytest

from accounts.claims.services import hand_over_account, submit_claim
from accounts.models import CustomUser
from integration.referrals.referral_support import make_person
from referrals.models import Leader, Referral, ReferralLink, SharingConsentEntry
from referrals.selectors import active_link
from referrals.services import link_for, record_referral

pytestmark = pytest.mark.django_db


def bring(referrer: CustomUser, *people: CustomUser, shares: bool = True) -> None:
    for person in people:
        record_referral(referred=person, link=link_for(owner=referrer), shares_place=shares)


def test_a_hand_over_ends_only_the_previous_holders_links_network_and_leadership():
    holder = make_person("1234567", "Jorge Eliécer Gaitán")
    beto, dora = make_person("43210987", "Beto Pérez"), make_person("1098765432", "Dora Díaz")
    xiomara, elena = make_person("52123456", "Xiomara Ruiz"), make_person("72123456", "Elena Gil")
    staff = make_person("1010101", "Operadora", is_staff=True)
    bring(xiomara, holder, elena)
    bring(holder, beto)
    bring(beto, dora)
    Leader.objects.create(person=holder)
    Leader.objects.create(person=xiomara, meta=5)
    claim = submit_claim(
        cedula="1234567", full_name="Ana María Pérez", phone="+573105551234", message="Mía."
    )

    hand_over_account(claim=claim, decided_by=staff, link="http://testserver/recuperar/codigo/")

    assert set(Referral.objects.values_list("referrer__cedula", "referred__cedula")) == {
        ("52123456", "72123456"),  # Xiomara brought Elena
        ("43210987", "1098765432"),  # Beto brought Dora
    }
    assert set(
        SharingConsentEntry.objects.values_list("referral__referred__cedula", flat=True)
    ) == {
        "72123456",
        "1098765432",
    }
    assert not ReferralLink.objects.filter(owner=holder).exists()
    assert active_link(owner=xiomara) is not None
    assert active_link(owner=beto) is not None
    assert list(Leader.objects.values_list("person__cedula", flat=True)) == ["52123456"]
    assert CustomUser.objects.filter(cedula__in=["43210987", "1098765432"]).count() == 2
