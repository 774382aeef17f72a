from __future__ import annotations

import pytest
from attrs import evolve
from django.db import OperationalError, transaction
from django.urls import reverse
from django_q.models import OrmQ
from phonenumber_field.phonenumber import PhoneNumber

from accounts.identity.services import register_person
from accounts.models import CustomUser
from accounts.privacy.consents import accept_policy
from adapters.django_repository import DjangoCedulaRepository
from census.models import CedulaInfo
from census.tasks import sweep
from pagina_madre.bootstrap.census_lookup import lookup_service

pytestmark = pytest.mark.django_db(transaction=True)


def create_person(cedula: str = "1234567") -> CustomUser:
    """A person registering, who accepts the data policy as the form asks."""
    return register_person(
        cedula=cedula,
        password="Clave-segura-2026",
        nombre_completo="Jorge Eliécer Gaitán",
        telefono=PhoneNumber.from_string("+573001112233"),
    )


def test_a_committed_registration_records_and_enqueues_its_first_lookup():
    create_person()

    assert CedulaInfo.objects.get().status == "pending"
    assert OrmQ.objects.count() == 1


def register_then_fail() -> None:
    with transaction.atomic():
        create_person()
        raise RuntimeError("the request failed after saving the user")


def test_a_rolled_back_registration_asks_for_nothing():
    with pytest.raises(RuntimeError):
        register_then_fail()

    assert not CustomUser.objects.exists()
    assert not CedulaInfo.objects.exists()
    assert not OrmQ.objects.exists()


def test_later_saves_of_the_account_ask_for_nothing_more():
    person = create_person()
    person.nombre_completo = "Jorge E. Gaitán"
    person.save()

    assert CedulaInfo.objects.count() == 1
    assert OrmQ.objects.count() == 1


def test_a_failed_hand_off_leaves_the_account_and_the_sweep_starts_the_lookup(mocker):
    broken = mocker.patch.object(
        DjangoCedulaRepository, "add", side_effect=OperationalError("disk I/O error")
    )
    create_person()
    assert broken.called
    assert CustomUser.objects.exists()
    assert not CedulaInfo.objects.exists()
    mocker.stopall()

    assert sweep() == 1

    assert CedulaInfo.objects.get().status == "pending"
    assert OrmQ.objects.count() == 1


def test_the_portal_requests_lookups_without_a_browser_installed(settings):
    settings.CENSUS = evolve(
        settings.CENSUS, scraper=evolve(settings.CENSUS.scraper, executable="/no/chromium")
    )
    lookup_service.cache_clear()
    try:
        create_person()
    finally:
        lookup_service.cache_clear()

    assert CedulaInfo.objects.get().status == "pending"
    assert OrmQ.objects.count() == 1


def test_an_account_that_never_accepted_the_policy_is_never_looked_up():
    staff = CustomUser.objects.create_superuser(
        "1010101", "Clave-segura-2026", nombre_completo="Ana Operadora", telefono="+573001112233"
    )
    staff.nombre_completo = "Ana M. Operadora"
    staff.save()

    assert sweep() == 0
    assert not CedulaInfo.objects.exists()
    assert not OrmQ.objects.exists()

    accept_policy(user=staff)

    assert CedulaInfo.objects.get(cedula="1010101").status == "pending"
    assert OrmQ.objects.count() == 1


def test_the_home_of_an_account_that_never_accepted_the_policy_says_so_and_leads_to_it(client):
    staff = CustomUser.objects.create_superuser(
        "1010101", "Clave-segura-2026", nombre_completo="Ana Operadora", telefono="+573001112233"
    )
    client.force_login(staff)

    waiting = client.get(reverse("census:home"))
    to_accept = f"{reverse('accounts:accept_policy')}?next={reverse('census:home')}"
    accepted = client.post(to_accept, {"acepto": "on"}, follow=True)

    assert "Todavía no buscamos dónde votas" in waiting.text
    assert f'href="{to_accept}"' in waiting.text
    assert "Estamos buscando" not in waiting.text
    assert accepted.redirect_chain == [(reverse("census:home"), 302)]
    assert "Todavía no buscamos" not in accepted.text
    assert CedulaInfo.objects.get(cedula="1010101").status == "pending"
