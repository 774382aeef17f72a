"""Operators see the fleet (the queue, the outcomes, the source) and pause the source."""

from __future__ import annotations

import os
import re
from datetime import timedelta

import pytest
from attrs import evolve
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_q.models import OrmQ
from fakes import ended_at

from accounts.models import CustomUser
from cedula_domain import (
    Blocked,
    BlockKind,
    Breaker,
    BreakerState,
    Cedula,
    Found,
    PageChanged,
    Unavailable,
)
from census.models import LookupAttempt
from integration.portal.census_support import PLACE, as_operator, as_staff_with, store
from pagina_madre.bootstrap.census_lookup import lookup_service

pytestmark = pytest.mark.django_db

ADMIN_PAGE = "admin:census_sourcestate_changelist"


def test_the_fleet_json_counts_the_queue_and_the_outcomes_of_the_last_hour_and_day(
    client: Client, person: CustomUser
):
    store(person, requested_at=timezone.now() - timedelta(minutes=3))
    source = lookup_service().source
    source.log_attempt(Found(place=PLACE, engine="stealth"), ended_at(timezone.now()))
    source.log_attempt(
        Blocked(block=BlockKind.FIREWALL, engine="stealth"), ended_at(timezone.now())
    )
    source.log_attempt(
        Unavailable(reason="HTTP 500", engine="patchright"),
        ended_at(timezone.now() - timedelta(hours=5)),
    )

    body = as_operator(client).get(reverse("census:fleet_status")).json()

    assert body["due"] == 1
    assert 170 <= body["oldest_wait_s"] <= 200
    assert body["running"] == 0
    hour = {
        (row["outcome"], row["block"], row["engine"]): row["count"]
        for row in body["outcomes"]["hora"]
    }
    assert hour == {("found", "", "stealth"): 1, ("blocked", "firewall", "stealth"): 1}
    assert sum(row["count"] for row in body["outcomes"]["dia"]) == 3
    assert body["effective_per_minute"] == round(2 / 60, 2)
    assert body["configured_per_minute"] == 4.0  # one lookup every 15 s
    assert body["source"]["state"] == BreakerState.CLOSED.value
    assert body["source"]["asking"] is True


def test_the_admin_page_words_each_outcomes_block_and_engine(client: Client):
    LookupAttempt.objects.create(
        finished_at=timezone.now(), outcome="blocked", block="firewall", engine="stealth"
    )

    page = as_operator(client).get(reverse(ADMIN_PAGE)).text

    assert "Bloqueada por el sitio (Cortafuegos)" in page
    assert "Chromium con Playwright Stealth" in page
    assert "firewall" not in page
    assert not re.search(r">\s*stealth\s*<", page)


def test_the_fleet_json_is_for_staff_only(logged_in: Client):
    assert Client().get(reverse("census:fleet_status")).status_code == 302  # to log in
    assert logged_in.get(reverse("census:fleet_status")).status_code == 404


def test_an_operator_pauses_and_resumes_the_source_from_the_admin(client: Client, person):
    store(person)
    operator = as_operator(client)

    paused = operator.post(reverse(ADMIN_PAGE), {"accion": "pausar", "motivo": "mantenimiento"})
    page = operator.get(reverse(ADMIN_PAGE)).text

    assert paused.status_code == 302
    assert "En pausa por un operador" in page
    assert "mantenimiento" in page
    assert lookup_service().place_in_line(Cedula(person.cedula)).estimated_at is None

    operator.post(reverse(ADMIN_PAGE), {"accion": "reanudar"})

    assert lookup_service().source_state().paused is False
    assert "Consultando con normalidad" in operator.get(reverse(ADMIN_PAGE)).text


def test_staff_without_the_change_permission_sees_the_page_but_cannot_pause(client: Client):
    staff = as_staff_with(client, "view_sourcestate")

    page = staff.get(reverse(ADMIN_PAGE))
    refused = staff.post(reverse(ADMIN_PAGE), {"accion": "pausar"})

    assert page.status_code == 200
    assert "Pausar las consultas" not in page.text
    assert refused.status_code == 403
    assert lookup_service().source_state().paused is False


def test_the_admin_page_says_why_the_source_is_open(client: Client):
    service = lookup_service()
    breaker, now = Breaker(), timezone.now()
    for _ in range(3):
        breaker = breaker.after(Blocked(block=BlockKind.CAPTCHA), now, service.breaker_policy)
    assert service.source.save_breaker(breaker)

    page = as_operator(client).get(reverse(ADMIN_PAGE)).text

    assert "En pausa por bloqueos" in page
    assert "3 bloqueos seguidos (CAPTCHA)" in page


def raise_the_alarm() -> None:
    service = lookup_service()
    breaker, now = Breaker(), timezone.now()
    for _ in range(service.breaker_policy.changed_threshold):
        breaker = breaker.after(PageChanged(missing="#documento"), now, service.breaker_policy)
    assert service.source.save_breaker(breaker)


@pytest.fixture
def snapshots(settings, tmp_path):
    """A snapshot directory holding an older block and the newest changed page."""
    scraper = evolve(settings.CENSUS.scraper, snapshot_dir=tmp_path)
    settings.CENSUS = evolve(settings.CENSUS, scraper=scraper)
    older = tmp_path / "20261204T100000000000Z-captcha.html"
    older.write_text("<p>captcha</p>")
    newest = "20261204T110000000000Z-page-changed"
    (tmp_path / f"{newest}.html").write_text("<script>alert(1)</script><form id='doc'>")
    (tmp_path / f"{newest}.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    os.utime(older, (1, 1))
    return newest


def test_the_alarm_of_a_changed_page_shows_in_the_json_and_the_admin_with_its_snapshot(
    client: Client, person, snapshots
):
    store(person)
    raise_the_alarm()
    operator = as_operator(client)

    body = operator.get(reverse("census:fleet_status")).json()
    page = operator.get(reverse(ADMIN_PAGE)).text

    assert body["source"]["state"] == BreakerState.CHANGED.value
    assert (body["source"]["page_changed"], body["source"]["asking"]) == (True, False)
    assert (body["source"]["changes_in_a_row"], body["source"]["last_change"]) == (3, "#documento")
    assert body["source"]["changed_at"] is not None
    assert body["snapshot"]["name"] == snapshots
    assert body["snapshot"]["files"] == [f"{snapshots}.png", f"{snapshots}.html"]
    assert "Detenido: la página de la Registraduría cambió" in page
    assert "#documento" in page
    assert snapshots in page
    assert "Reanudar las consultas" in page
    png = operator.get(reverse("admin:census_sourcestate_snapshot", args=[f"{snapshots}.png"]))
    assert (png.status_code, png["Content-Type"]) == (200, "image/png")
    html = operator.get(reverse("admin:census_sourcestate_snapshot", args=[f"{snapshots}.html"]))
    assert html["Content-Type"] == "text/plain; charset=utf-8"  # its scripts never run here
    assert b"<form id='doc'>" in b"".join(html.streaming_content)


@pytest.mark.parametrize("name", ["nada.png", "..", "x.txt"])
def test_only_snapshot_files_can_be_opened(client: Client, snapshots, name):
    operator = as_operator(client)

    assert operator.get(f"/admin/census/sourcestate/instantanea/{name}").status_code == 404


def test_snapshots_are_for_staff_who_may_see_the_source(client: Client, snapshots):
    url = reverse("admin:census_sourcestate_snapshot", args=[f"{snapshots}.png"])

    assert Client().get(url).status_code == 302  # to the admin's login
    assert as_staff_with(client, "view_cedulainfo").get(url).status_code == 403


def test_resuming_from_the_admin_clears_the_alarm_and_wakes_the_due_lookups(client: Client, person):
    store(person)
    raise_the_alarm()
    operator = as_operator(client)

    resumed = operator.post(reverse(ADMIN_PAGE), {"accion": "reanudar"})

    assert resumed.status_code == 302
    assert lookup_service().source_state() == evolve(Breaker(), version=2)
    assert "Se apagó la alarma" in operator.get(reverse(ADMIN_PAGE)).text
    assert OrmQ.objects.count() == 1
