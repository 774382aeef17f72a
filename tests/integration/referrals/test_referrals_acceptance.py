"""Issue 11's acceptance, over HTTP: a real portal, the real worker and Chromium, the census
simulator. Ana registers; Beto registers through her link and consents; Carla through it
and does not; Dora without a link."""

from __future__ import annotations

import pytest
import requests

from integration.lookups.lookup_harness import census_place, final_status
from integration.referrals.referral_support import (
    code_of,
    get,
    item_of,
    link_in,
    puesto_seen,
    spreadsheet_rows,
    submit,
)
from referrals.models import Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANA, BETO, CARLA, DORA = "1020304050", "43210987", "72123456", "1098765432"


def test_a_referrer_sees_the_people_they_brought_as_each_consented(worker, portal, census_sim):
    ana, beto, carla, dora = portal(), portal(), portal(), portal()
    assert ana.register(ANA, "Ana María Ríos").status_code == 302
    link = link_in(get(ana, "/referidos/").text)

    invited = beto.session.get(link, timeout=30)
    assert invited.url == f"{beto.base_url}/registro/"
    assert "Te invitó Ana" in invited.text
    assert beto.register(BETO, "Beto Pérez", compartir_con_referente="on").status_code == 302
    carla.session.get(link, timeout=30)
    assert carla.register(CARLA, "Carla Gómez").status_code == 302
    assert dora.register(DORA, "Dora Díaz").status_code == 302
    for person in (beto, carla):
        assert final_status(person, 90)["status"] == "found"

    page = get(ana, "/referidos/").text
    place = census_place(BETO)
    # The official place once the answer matched one: a leader counts real places.
    puesto, code = puesto_seen(BETO, place)
    beto_item = item_of(page, "Beto Pérez")
    assert puesto in beto_item
    assert f"mesa {place['mesa']}" in beto_item
    carla_item = item_of(page, "Carla Gómez")
    assert "no compartido" in carla_item
    assert census_place(CARLA)["puesto"] not in page
    assert puesto_seen(CARLA, census_place(CARLA))[0] not in page
    assert "Dora Díaz" not in page
    spreadsheet = get(ana, "/referidos/exportar.csv")
    rows = {row["Nombre"]: row for row in spreadsheet_rows(spreadsheet.content)}
    assert set(rows) == {"Beto Pérez", "Carla Gómez"}
    beto_row = rows["Beto Pérez"]
    assert (beto_row["Puesto"], beto_row["Código del puesto"], beto_row["Mesa"]) == (
        puesto,
        code,
        place["mesa"],
    )
    assert rows["Carla Gómez"]["Puesto"] == "no compartido"
    assert not any(cedula in spreadsheet.text for cedula in (ANA, BETO, CARLA, DORA))
    assert rows["Beto Pérez"]["Cédula"] == "****" + BETO[-4:]

    assert "Todavía nadie se ha registrado con tu enlace" in get(beto, "/referidos/").text
    assert spreadsheet_rows(get(beto, "/referidos/exportar.csv").content) == []

    withdrawn = submit(beto, "/perfil/", "/referidos/autorizacion/", {"compartir": "no"})
    assert withdrawn.status_code == 302
    assert puesto not in get(ana, "/referidos/").text
    rows = spreadsheet_rows(get(ana, "/referidos/exportar.csv").content)
    assert {row["Puesto"] for row in rows} == {"no compartido"}

    for path in ("/referidos/", "/referidos/exportar.csv"):
        anonymous = requests.get(ana.base_url + path, allow_redirects=False, timeout=30)
        assert anonymous.status_code == 302
        assert anonymous.headers["Location"].startswith("/ingresar/")


def test_a_forged_or_reused_code_never_attaches_anyone_to_the_wrong_person(portal):
    ana = portal()
    ana.register(ANA, "Ana María Ríos")
    link = link_in(get(ana, "/referidos/").text)
    code = code_of(link)
    forged = link.replace(code, code[:-1] + ("A" if code[-1] != "A" else "B"))

    eve = portal()
    eve.session.get(forged, timeout=30)
    assert "Te invitó" not in get(eve, "/registro/").text
    assert eve.register("55555555", "Eva Ruiz").status_code == 302

    # Beto registers through Ana's link; then Fabio registers in the same browser.
    shared_browser = portal()
    shared_browser.session.get(link, timeout=30)
    assert shared_browser.register(BETO, "Beto Pérez").status_code == 302
    assert submit(shared_browser, "/", "/salir/", {}).status_code == 302
    assert "Te invitó" not in get(shared_browser, "/registro/").text
    assert shared_browser.register("66666666", "Fabio Gil").status_code == 302

    # Ana, logged out, opens her own link and tries to register again.
    assert submit(ana, "/", "/salir/", {}).status_code == 302
    ana.session.get(link, timeout=30)
    assert ana.register(ANA, "Ana María Ríos").status_code == 200

    page = get(shared_browser, "/referidos/").text  # Fabio's page, logged in
    assert "Todavía nadie" in page
    assert list(Referral.objects.values_list("referrer__cedula", "referred__cedula")) == [
        (ANA, BETO)
    ]
