"""Issue 14's acceptance, over HTTP: a real portal, the real worker and Chromium, the census
simulator. A person registers, their lookup is blocked once (a snapshot is taken) and then
answered; they download their data, fail to delete it with a wrong password, delete it
with the right one, and nothing anywhere holds their cédula any more."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve
from django_q.models import Task

from accounts.models import CustomUser
from accounts.privacy.policy import POLICY_VERSION
from census.models import CedulaInfo
from integration.lookups.lookup_harness import PASSWORD, census_place, final_status, wait_until
from integration.referrals.referral_support import get, submit
from integration.rights.rights_support import files_holding, portal_log, tables_holding

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CEDULA = "1020304050"


@pytest.fixture
def snapshots(tmp_path: Path, settings: Any) -> Path:
    """One snapshot folder for the worker that takes them and the portal that forgets."""
    folder = tmp_path / "snapshots"
    settings.CENSUS = evolve(
        settings.CENSUS, scraper=evolve(settings.CENSUS.scraper, snapshot_dir=folder)
    )
    return folder


@pytest.fixture
def worker_env(worker_env: dict[str, str], snapshots: Path) -> dict[str, str]:
    return {**worker_env, "CENSUS_SNAPSHOT_DIR": str(snapshots)}


def test_a_person_takes_their_data_and_deletes_it_leaving_no_cedula_anywhere(
    snapshots, worker, portal, census_sim
):
    with portal_log() as log:
        census_sim.set_mode("firewall")
        person = portal()
        assert person.register(CEDULA, "Ana María Ríos").status_code == 302
        wait_until(lambda: list(snapshots.glob("*.html")), 60, "a snapshot of the block")
        census_sim.set_mode("normal")
        answer = final_status(person, 120)
        assert answer["status"] == "found"
        holding = tables_holding(CEDULA)
        assert {"accounts_customuser", "accounts_cedulainfo"} <= holding
        # The queue never held the cédula, not even while the lookup ran.
        # (Its results are kept, and were read above: a wake-up carries no argument.)
        assert Task.objects.filter(func="census.tasks.run_lookup").exists()
        assert not [table for table in holding if table.startswith("django_q")]

        download = get(person, "/perfil/mis-datos.json")
        assert download.headers["Content-Disposition"] == 'attachment; filename="mis-datos.json"'
        data = json.loads(download.content)
        assert data["cuenta"]["cédula"] == CEDULA
        lookup = data["consulta_del_censo"]
        assert (lookup["estado"], lookup["origen_del_dato"]) == ("Encontrada", "Registraduría")
        assert lookup["respondida_el"] is not None
        place = census_place(CEDULA)
        assert lookup["lugar_de_votación"]["puesto"] == place["puesto"]
        assert lookup["lugar_de_votación"]["mesa"] == place["mesa"]
        [acceptance] = data["autorizaciones_de_la_política_de_datos"]
        assert acceptance["versión"] == POLICY_VERSION

        wrong = submit(person, "/perfil/eliminar/", "/perfil/eliminar/", {"password": "otra"})
        assert wrong.status_code == 400
        assert "La contraseña no es correcta. No eliminamos nada." in wrong.text
        assert CustomUser.objects.filter(cedula=CEDULA).exists()
        assert CedulaInfo.objects.filter(cedula=CEDULA, status="found").exists()
        assert list(snapshots.iterdir())

        done = submit(person, "/perfil/eliminar/", "/perfil/eliminar/", {"password": PASSWORD})
        assert done.status_code == 302
        farewell = person.session.get(person.base_url + done.headers["Location"], timeout=30)
        assert "Borramos tu cuenta y todos tus datos" in farewell.text
        assert get(person, "/perfil/mis-datos/").url.startswith(f"{person.base_url}/ingresar/")

        assert tables_holding(CEDULA) == set()
        assert list(snapshots.iterdir()) == []
        assert files_holding(CEDULA, snapshots.parent) == []

        again = portal()
        login = submit(
            again, "/ingresar/", "/ingresar/", {"username": CEDULA, "password": PASSWORD}
        )
        assert login.status_code == 200
        assert "La cédula o la contraseña no son correctas." in login.text
    assert CEDULA not in log.getvalue()
    assert CEDULA not in worker.log()

    assert again.register(CEDULA, "Ana María Ríos").status_code == 302
    assert CustomUser.objects.filter(cedula=CEDULA).count() == 1
