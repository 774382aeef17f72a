"""The site's state decides for everyone at once, on the real worker: a site that wants a
CAPTCHA of everyone offers everyone the way forward after a few attempts, and a page that
changed is an alarm that stops every page load until an operator resumes."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_q.models import OrmQ

from accounts.models import CustomUser
from integration.lookups.lookup_harness import FINAL, Portal, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFER = "Cuéntanos qué te salió"
PAGE_LOAD = "GET /"
# Cédulas the simulator answers by its hash rule (found, or not in the census).
PEOPLE = [str(5_000_000 + 7_919 * index) for index in range(6)]
REPORT = {
    "resultado": "encontrado",
    "departamento": "Atlántico",
    "municipio": "Barranquilla",
    "puesto": "Colegio que vio la persona",
    "direccion": "",
    "mesa": "9",
}


def operator() -> Client:
    """An operator's session on the same database, as the admin's pages see it."""
    admin = CustomUser.objects.create_superuser(
        "1010101", "Admin-clave-2026", nombre_completo="Operadora", telefono="+573001234567"
    )
    client = Client()
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    return client


def register(portal, cedulas: list[str]) -> dict[str, Portal]:
    people = {}
    for cedula in cedulas:
        person = portal()
        assert person.register(cedula).status_code == 302
        people[cedula] = person
    return people


def consultas_and_page_loads(census_sim) -> int:
    stats = census_sim.stats()
    return len(stats["consultas"]) + stats["requests"].get(PAGE_LOAD, 0)


def test_everyone_behind_a_site_that_wants_a_captcha_is_offered_the_way_forward_at_once(
    worker, portal, census_sim
):
    census_sim.set_mode("captcha")

    people = register(portal, PEOPLE)

    def everyone_offered() -> bool:
        return all(person.status()["way_forward"] == "captcha" for person in people.values())

    # The breaker opens on the third CAPTCHA (default settings): nobody is asked after it.
    wait_until(everyone_offered, 180, "all six people to be offered the way forward")
    assert all(OFFER in person.card() for person in people.values())
    assert 0 < census_sim.requests(PAGE_LOAD) <= 3
    assert len(census_sim.stats()["consultas"]) <= 3
    statuses = [person.status() for person in people.values()]
    assert {status["status"] for status in statuses} == {"pending"}  # still in line

    last = people[PEOPLE[-1]]
    assert last.report(**REPORT).status_code == 302
    told = last.status()
    assert (told["status"], told["source"], told["way_forward"]) == ("pending", "persona", None)
    assert told["queue_position"] is not None  # it keeps its place for the Registraduría
    assert census_sim.requests(PAGE_LOAD) <= 3


def test_a_page_that_changes_under_the_worker_raises_an_alarm_until_an_operator_resumes(
    worker, portal, census_sim
):
    first = register(portal, PEOPLE[:1])[PEOPLE[0]]
    wait_until(lambda: first.status()["status"] in FINAL, 90, "the first lookup to answer")
    census_sim.set_mode("changed_page")
    staff = operator()

    waiting = register(portal, PEOPLE[1:4])

    def alarm() -> dict:
        return (body := staff.get(reverse("census:fleet_status")).json())["source"][
            "page_changed"
        ] and body

    source = wait_until(alarm, 90, "the alarm on /salud/censo/")["source"]
    assert (source["state"], source["asking"]) == ("changed", False)
    loads = consultas_and_page_loads(census_sim)

    # One more person, and every wake-up the worker gets meanwhile: none loads the page.
    waiting |= register(portal, PEOPLE[4:5])
    wait_until(lambda: not OrmQ.objects.exists(), 60, "the worker to take every wake-up")
    assert all(person.status()["way_forward"] == "page_changed" for person in waiting.values())
    assert "La página de consulta de la Registraduría cambió" in waiting[PEOPLE[4]].card()
    assert consultas_and_page_loads(census_sim) == loads

    census_sim.set_mode("normal")
    resumed = staff.post(reverse("admin:census_sourcestate_changelist"), {"accion": "reanudar"})

    assert resumed.status_code == 302
    wait_until(
        lambda: all(person.status()["source"] == "registraduria" for person in waiting.values()),
        120,
        "the Registraduría's answers once resumed",
    )
    assert consultas_and_page_loads(census_sim) > loads
    assert staff.get(reverse("census:fleet_status")).json()["source"]["state"] == "closed"
