"""The wsp, consultacenso and eleccionescolombia answers of the simulator, as the scraper
reads them, looked up through the portal's own service and stored: each lands on the right
place of the shipped 2026 list, or is stored matched to none with the reason."""

from __future__ import annotations

import pytest

from cedula_domain import Cedula, LookupStatus
from census.models import CedulaInfo
from integration.place_matching.matching_support import PORTALS, register, service_reading

pytestmark = pytest.mark.django_db

# Each found fixture cédula, and the code of its place in the list (dd-mm-zz-pp).
PLACES = {
    "1020304050": "16-001-13-30",  # "UNIVERSIDAD NACIONAL": the start of the list's name
    "43210987": "01-001-19-06",  # INSTITUCION EDUCATIVA JAVIERA LONDOÑO: I.E. JAVIERA LONDOÑO
    "1144000111": "31-001-04-03",  # COLEGIO SANTA LIBRADA, stray spaces: IE SANTA LIBRADA
    "72123456": "03-001-33-05",  # COLEGIO DE BARRANQUILLA CODEBA: COL.BARRANQUILLA CODEBA
    "71000001": "01-001-01-01",  # SEC. ESC. LA ESPERANZA No 2
    "71000002": "25-001-05-07",  # NORTE DE SAN / CUCUTA, COL.BASICO GUAIMARAL NRO 25
    "71000003": "28-001-03-02",  # IE SAN JOSE C I P, beside an IE SAN JOSE
    "71000004": "88-355-05-02",  # Madrid - Consulado, without an address
}


def stored_after_lookup(portal: str, cedula: str) -> CedulaInfo:
    register(cedula)
    service = service_reading(portal)
    service.request_first(Cedula(cedula))
    assert service.run_next().status is LookupStatus.FOUND
    return CedulaInfo.objects.select_related("polling_place").get(cedula=cedula)


@pytest.mark.parametrize("portal", PORTALS)
def test_each_portals_answer_is_stored_with_its_place_in_the_list(portal, polling_place_list):
    for cedula, code in PLACES.items():
        info = stored_after_lookup(portal, cedula)

        assert info.polling_place is not None, (cedula, info.place_unmatched)
        assert (info.polling_place.code, info.place_unmatched) == (code, ""), cedula
        assert info.polling_place.list == polling_place_list


def test_the_code_consultacenso_sends_names_the_place_its_words_cannot(polling_place_list):
    # "ESCUELA NORMAL SUPERIOR": the list has its SEDE A and its SEDE C.
    info = stored_after_lookup("consultacenso", "1098765432")

    assert info.polling_place.puesto == "ESC NORMAL SUPERIOR SEDE A"


def test_eleccionescolombias_puesto_code_and_zona_name_it_too(polling_place_list):
    info = stored_after_lookup("eleccionescolombia", "1098765432")

    assert info.polling_place.puesto == "ESC NORMAL SUPERIOR SEDE A"


def test_wsps_words_alone_fit_both_sedes_and_are_stored_as_ambiguous(polling_place_list):
    info = stored_after_lookup("wsp", "1098765432")

    assert (info.polling_place, info.place_unmatched) == (None, "ambiguous")
    assert info.puesto == "ESCUELA NORMAL SUPERIOR"


@pytest.mark.parametrize("portal", PORTALS)
def test_a_place_the_list_lacks_is_stored_matched_to_none_with_why(portal, polling_place_list):
    info = stored_after_lookup(portal, "71000009")

    assert (info.status, info.puesto) == ("found", "COLEGIO EL PORVENIR DE LOS ARTESANOS")
    assert (info.polling_place, info.place_unmatched) == (None, "puesto")


def test_without_a_list_an_answer_is_stored_saying_so():
    info = stored_after_lookup("consultacenso", "71000001")

    assert (info.polling_place, info.place_unmatched) == (None, "no_list")
