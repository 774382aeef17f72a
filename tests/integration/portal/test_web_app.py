"""The portal as an app on the phone: a manifest and a service worker anyone may fetch
(they hold nothing of anyone), the worker scoped to the whole site and versioned; and the
browser told to forget the site's data whenever the person on it changes."""

from __future__ import annotations

import json

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser
from census import web_app

pytestmark = pytest.mark.django_db

PASSWORD = "Clave-segura-2026"


def someone(cedula: str = "1020304050") -> CustomUser:
    return CustomUser.objects.create_user(
        cedula, PASSWORD, nombre_completo="Policarpa Salavarrieta", telefono="+573104567890"
    )


def worker_config(script: str) -> dict:
    line = next(line for line in script.splitlines() if line.startswith("const CONFIG = "))
    return json.loads(line.removeprefix("const CONFIG = ").removesuffix(";"))


def test_the_manifest_makes_the_portal_installable_from_its_home_page(client: Client):
    response = client.get(reverse("census:manifest"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Página Madre"
    assert (manifest["start_url"], manifest["display"]) == ("/", "standalone")
    assert manifest["theme_color"] == web_app.THEME_COLOUR
    assert [icon["sizes"] for icon in manifest["icons"]] == ["192x192", "512x512"]
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200
    assert (
        f'<link rel="manifest" href="{reverse("census:manifest")}">'
        in client.get(reverse("accounts:login")).text
    )


def test_the_service_worker_answers_for_the_whole_site_with_our_addresses(client: Client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    config = worker_config(response.text)
    assert config["home"] == "/"
    assert config["card"] == reverse("census:offline_card")
    assert reverse("accounts:logout") in config["sessionEnds"]
    assert reverse("accounts:forget_me") in config["sessionEnds"]
    assert len(config["version"]) == 12


def test_a_deploy_with_new_static_files_is_a_new_service_worker(
    client: Client, monkeypatch: pytest.MonkeyPatch
):
    before = worker_config(client.get("/sw.js").text)["version"]
    assert worker_config(client.get("/sw.js").text)["version"] == before

    monkeypatch.setattr(staticfiles_storage, "manifest_hash", "0123abcd", raising=False)

    assert worker_config(client.get("/sw.js").text)["version"] != before


def test_logging_out_tells_the_browser_to_forget_the_site_s_data(client: Client):
    client.force_login(someone(), backend="django.contrib.auth.backends.ModelBackend")
    assert "Clear-Site-Data" not in client.get(reverse("census:home")).headers

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_deleting_the_account_tells_the_browser_to_forget_it_but_a_wrong_password_does_not(
    client: Client,
):
    client.force_login(someone(), backend="django.contrib.auth.backends.ModelBackend")
    address = reverse("accounts:forget_me")

    refused = client.post(address, {"password": "no-es-la-clave"})
    assert refused.status_code == 400
    assert "Clear-Site-Data" not in refused.headers

    deleted = client.post(address, {"password": PASSWORD})
    assert deleted.status_code == 302
    assert deleted["Clear-Site-Data"] == '"cache", "storage"'


def test_a_first_login_keeps_what_the_browser_has(client: Client):
    someone()

    response = client.post(
        reverse("accounts:login"), {"username": "1020304050", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert "Clear-Site-Data" not in response.headers
