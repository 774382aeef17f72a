from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser
from cedula_domain import AnswerSource, LookupStatus
from integration.portal.census_support import PLACE, as_operator, store
from integration.referrals.referral_support import brought, make_person, my_link
from referrals.models import Leader, Referral, ReferralLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree() -> dict[str, CustomUser]:
    """Ana brought Beto and Carla; Beto brought Eva."""
    people = {
        "ana": make_person("1020304050", "Ana María Ríos"),
        "beto": make_person("43210987", "Beto Pérez"),
        "carla": make_person("72123456", "Carla Gómez"),
        "eva": make_person("55555555", "Eva Ruiz"),
        "dora": make_person("1098765432", "Dora Díaz"),
    }
    for owner in ("ana", "beto"):
        client = Client()
        client.force_login(people[owner], backend="django.contrib.auth.backends.ModelBackend")
        my_link(client)
    brought(people["ana"], people["beto"], people["carla"])
    brought(people["beto"], people["eva"])
    store(people["beto"], status=LookupStatus.FOUND, voting_place=PLACE, source=AnswerSource.PERSON)
    return people


@pytest.fixture
def operator(client: Client) -> Client:
    return as_operator(client)


def test_staff_search_the_referrals_by_who_brought_them(operator: Client, tree):
    url = reverse("admin:referrals_referral_changelist")

    page = operator.get(url, {"q": "Ana María"}).content.decode()

    assert "Beto Pérez" in page
    assert "Carla Gómez" in page
    assert "Eva Ruiz" not in page
    everyone_ana_brought = f"?referrer__id__exact={tree['ana'].pk}"
    assert everyone_ana_brought in page
    filtered = operator.get(url + everyone_ana_brought).content.decode()
    assert "Carla Gómez" in filtered
    assert "Eva Ruiz" not in filtered


def test_a_referrals_page_shows_its_tree_up_and_down_and_no_way_to_change_the_referrer(
    operator: Client, tree
):
    beto = Referral.objects.get(referred=tree["beto"])
    url = reverse("admin:referrals_referral_change", args=[beto.pk])

    page = operator.get(url).content.decode()

    assert "Ana María Ríos" in page  # up: who brought Beto
    assert "Eva Ruiz" in page  # down: whom Beto brought
    assert 'name="referrer"' not in page
    assert operator.post(url, {"referrer": tree["dora"].pk}).status_code == 403
    assert Referral.objects.get(pk=beto.pk).referrer == tree["ana"]
    assert operator.get(reverse("admin:referrals_referral_add")).status_code == 403


def test_staff_make_someone_a_leader_with_a_goal_and_see_their_people(operator: Client, tree):
    response = operator.post(
        reverse("admin:referrals_leader_add"), {"person": tree["ana"].pk, "meta": "10"}
    )

    assert response.status_code == 302
    leader = Leader.objects.get(person=tree["ana"])
    assert leader.meta == 10
    page = operator.get(reverse("admin:referrals_leader_change", args=[leader.pk])).content.decode()
    assert "Beto Pérez" in page
    assert "Carla Gómez" in page
    assert f"{PLACE.puesto} · mesa {PLACE.mesa}" in page
    assert "<th>Origen del dato</th>" in page
    assert "<td>Encontrada</td><td>Informado por la persona</td>" in page
    assert "Eva Ruiz" not in page
    listing = operator.get(reverse("admin:referrals_leader_changelist")).content.decode()
    assert "20 %" in listing


def test_a_goal_of_zero_is_refused_with_a_clear_message(operator: Client, tree):
    response = operator.post(
        reverse("admin:referrals_leader_add"), {"person": tree["ana"].pk, "meta": "0"}
    )

    assert response.status_code == 200
    assert "La meta es de al menos una persona." in response.content.decode()
    assert not Leader.objects.exists()


def test_staff_revoke_a_link_that_then_invites_nobody(operator: Client, tree):
    link = ReferralLink.objects.get(owner=tree["ana"])

    operator.post(
        reverse("admin:referrals_referrallink_changelist"),
        {"action": "revoke", "_selected_action": [link.pk]},
    )

    link.refresh_from_db()
    assert link.revoked_at is not None
    visitor = Client()
    visitor.get(f"/r/{link.code}/")
    assert "Te invitó" not in visitor.get(reverse("accounts:register")).content.decode()
