"""The list the project ships, loaded whole as `make run` loads it: all 13,759 puestos of
the 2026 DIVIPOLE, each refused row explained, most places with coordinates, in seconds;
loaded again, nothing is written. And ``polling_place_list``, the fixture other suites
ask for, gives the same list in a test's database, committed where a worker must see it."""

from __future__ import annotations

import io
import re
import time

import pytest
from django.core.management import call_command

from polling_places.models import PollingPlace, PollingPlaceList

SHIPPED_PLACES = 13_759


@pytest.mark.django_db
def test_the_shipped_list_loads_whole_in_seconds_and_again_writes_nothing():
    out = io.StringIO()
    started = time.perf_counter()
    call_command("load_polling_places", stdout=out)
    took = time.perf_counter() - started
    said = out.getvalue()

    assert took < 30, said
    assert PollingPlace.objects.count() == SHIPPED_PLACES
    assert "13.759 puestos: 13.759 nuevos" in said
    assert "Filas rechazadas de la lista" not in said
    located = PollingPlace.objects.filter(latitud__isnull=False).count()
    assert located > 11_000  # 84 % in 2026: the share the 2023 list allows
    assert f"Coordenadas para {located:,} de 13.759".replace(",", ".") in said
    # Every refused row of the 2023 points is told with its line and why.
    refused = re.search(r"Filas rechazadas de las coordenadas: (\d+)", said)
    assert refused is not None
    assert len(re.findall(r"^    línea \d+: \S", said, re.M)) == int(refused.group(1))

    again = io.StringIO()
    call_command("load_polling_places", stdout=again)

    assert "ya estaba cargada y no cambió: nada que escribir" in again.getvalue()


@pytest.mark.django_db
def test_the_fixture_gives_the_shipped_list(polling_place_list: PollingPlaceList):
    assert polling_place_list.election == "congreso-2026"
    assert polling_place_list.places.count() == SHIPPED_PLACES
    bogota = polling_place_list.places.filter(municipio_key="BOGOTA D C")
    assert bogota.count() == 1_083


@pytest.mark.django_db(transaction=True)
def test_the_fixture_commits_the_list_for_a_transactional_test(
    polling_place_list: PollingPlaceList,
):
    assert PollingPlace.objects.filter(list=polling_place_list).count() == SHIPPED_PLACES
