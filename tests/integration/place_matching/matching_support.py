"""What the matching tests share: people with an account, and the simulator's answers on
each portal as the scraper's readers turn them into outcomes (no browser)."""

from __future__ import annotations

import json
from collections.abc import Callable

from attrs import define, evolve
from django.contrib.auth import get_user_model

from adapters.census_scraper.readers import (
    read_citizen_information,
    read_consultacenso,
    read_html_in_json,
)
from cedula_domain import Cedula, CedulaLookup, Outcome
from census_sim import elecciones_api, wsp_answers
from census_sim.census import answer_for, entry_for
from pagina_madre.bootstrap.census_lookup import lookup_service

PORTALS = ("consultacenso", "wsp", "eleccionescolombia")


def _consultacenso(cedula: str) -> Outcome:
    answer = answer_for(cedula)
    return read_consultacenso(200, answer, json.dumps(answer))


def _wsp(cedula: str) -> Outcome:
    reply = wsp_answers.success(entry_for(cedula))
    return read_html_in_json(reply.status, json.loads(reply.body), reply.body)


def _eleccionescolombia(cedula: str) -> Outcome:
    reply = elecciones_api.answer(entry_for(cedula))
    return read_citizen_information(reply.status, json.loads(reply.body), reply.body)


READ: dict[str, Callable[[str], Outcome]] = {
    "consultacenso": _consultacenso,
    "wsp": _wsp,
    "eleccionescolombia": _eleccionescolombia,
}


@define
class SimulatedPortal:
    """A census scraper that reads the simulator's answer on ``portal`` as the browser
    scraper's reader for that portal does."""

    portal: str

    def lookup(self, cedula: Cedula) -> Outcome:
        return READ[self.portal](cedula.value)

    def close(self) -> None:
        pass


class FreePace:
    def wait_turn(self) -> bool:
        return True


def service_reading(portal: str) -> CedulaLookup:
    """The portal's lookup service (its repository, list, queue and source), reading
    ``portal`` through the simulator, at no pace."""
    return evolve(lookup_service(), scraper=SimulatedPortal(portal), pace=FreePace())


def register(cedula: str) -> None:
    # No password: hashing one per person would only slow the suite down.
    get_user_model().objects.create_user(
        cedula, None, nombre_completo="Persona de Prueba", telefono="+573001234567"
    )
