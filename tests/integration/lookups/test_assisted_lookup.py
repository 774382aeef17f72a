"""A CAPTCHA stops the real worker; the person finishes the lookup while it stays in line;
its next attempt, once the site answers, wins."""

from __future__ import annotations

import pytest

from integration.lookups.lookup_harness import census_place, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CEDULA = "1020304050"
OFFER = "Cuéntanos qué te salió"
REPORT = {
    "resultado": "encontrado",
    "departamento": "Atlántico",
    "municipio": "Barranquilla",
    "puesto": "Colegio que vio la persona",
    "direccion": "",
    "mesa": "9",
}


def test_a_person_finishes_a_lookup_stopped_by_a_captcha_until_the_registraduria_answers(
    worker, portal, census_sim
):
    census_sim.set_mode("captcha")
    person = portal()
    assert person.register(CEDULA).status_code == 302

    card = wait_until(
        lambda: OFFER in (text := person.card()) and text, 90, "the card to offer the form"
    )
    assert "una verificación que solo una persona puede hacer" in card
    assert "resuelve la verificación que te pida" in card
    assert 'href="/censo/informar/"' in card
    assert 'target="_blank" rel="noopener"' in card
    assert "hx-trigger" not in card

    def reported() -> bool:
        # While attempts are left, the report may meet one of them running; the card then
        # says so and offers the form again once that attempt met the CAPTCHA too.
        wait_until(lambda: OFFER in person.card(), 60, "the card to offer the form again")
        return person.report(**REPORT).status_code == 302 and (
            person.status()["source"] == "persona"
        )

    wait_until(reported, 120, "the person's report to be accepted")
    status = person.status()
    # Shown at once, while the lookup keeps its place for the Registraduría's answer.
    assert (status["status"], status["way_forward"]) == ("pending", None)
    assert status["voting_place"] == {k: v for k, v in REPORT.items() if k != "resultado"}
    card = person.card()
    assert "Dato informado por ti el" in card
    assert "Colegio que vio la persona" in card
    assert OFFER not in card

    census_sim.set_mode("normal")

    answer = wait_until(
        lambda: (status := person.status())["source"] == "registraduria" and status,
        90,
        "the Registraduría's answer to replace the person's",
    )
    assert answer["status"] == "found"
    assert answer["voting_place"] == census_place(CEDULA)
    assert "Consultado el" in person.card()
