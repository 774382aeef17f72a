"""People, links and lookups as the referrals app leaves them, for its tests."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import requests
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser
from cedula_domain import AnswerSource
from cedula_domain.place_names import name_key
from census.models import CedulaInfo
from integration.lookups.lookup_harness import _CSRF_TOKEN, Portal
from polling_places.models import PollingPlace, PollingPlaceList
from referrals.models import Referral, ReferralLink, SharingConsentEntry

_LINK_VALUE = re.compile(r'<input id="enlace"[^>]*value="([^"]+)"')


def make_person(cedula: str, nombre: str, **extra) -> CustomUser:
    return CustomUser.objects.create_user(
        cedula, "Clave-segura-2026", nombre_completo=nombre, telefono="+573001234567", **extra
    )


def link_in(html: str) -> str:
    """The referral link shown on a /referidos/ page."""
    found = _LINK_VALUE.search(html)
    assert found, "the page shows no referral link"
    return found.group(1)


def code_of(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[-1]


def my_link(client: Client) -> str:
    return link_in(client.get(reverse("referrals:my_people")).content.decode())


def brought(referrer: CustomUser, *people: CustomUser) -> None:
    """Referrals as registering through ``referrer``'s link leaves them."""
    link = ReferralLink.objects.filter(owner=referrer, revoked_at__isnull=True).first()
    for person in people:
        Referral.objects.create(
            referrer=referrer, referred=person, link=link, created_at=datetime.now(UTC)
        )


def many_brought_by(referrer: CustomUser, how_many: int) -> list[CustomUser]:
    """``how_many`` people ``referrer`` brought, registered one minute apart (the last one
    newest), each with a lookup that found their place; every other one shares it."""
    start = datetime.now(UTC) - timedelta(days=1)
    people = CustomUser.objects.bulk_create(
        CustomUser(
            cedula=str(30_000_000 + index),
            nombre_completo=f"Persona {index:04d}",
            telefono="+573001234567",
            password="!",
        )
        for index in range(how_many)
    )
    referrals = Referral.objects.bulk_create(
        Referral(referrer=referrer, referred=person, created_at=start + timedelta(minutes=index))
        for index, person in enumerate(people)
    )
    CedulaInfo.objects.bulk_create(
        CedulaInfo(
            user=person,
            cedula=person.cedula,
            status="found",
            source=AnswerSource.REGISTRADURIA.value,
            requested_at=start,
            departamento="ANTIOQUIA",
            municipio="MEDELLIN",
            puesto=f"PUESTO {index % 7}",
            mesa=str(index),
        )
        for index, person in enumerate(people)
    )
    SharingConsentEntry.objects.bulk_create(
        SharingConsentEntry(referral=referral, change="granted", at=start)
        for referral in referrals[::2]
    )
    return people


def official_place(
    code: str, departamento: str, municipio: str, puesto: str, direccion: str = ""
) -> PollingPlace:
    """A row of the 2026 official list (``code`` dd-mm-zz-pp), as the loader leaves it."""
    places, _ = PollingPlaceList.objects.get_or_create(
        election="congreso-2026",
        defaults={"name": "Congreso 2026", "published_on": date(2025, 12, 12)},
    )
    dd, mm, zz, pp = code.split("-")
    return PollingPlace.objects.create(
        list=places,
        dd=dd,
        mm=mm,
        zz=zz,
        pp=pp,
        departamento=departamento,
        municipio=municipio,
        puesto=puesto,
        direccion=direccion,
        departamento_key=name_key(departamento),
        municipio_key=name_key(municipio),
        puesto_key=name_key(puesto),
    )


def matched(person: CustomUser, place: PollingPlace | None, unmatched: str = "") -> None:
    """``person``'s stored answer matched to ``place`` (or to none, for ``unmatched``)."""
    CedulaInfo.objects.filter(user=person).update(polling_place=place, place_unmatched=unmatched)


def puesto_seen(cedula: str, answered: dict[str, str]) -> tuple[str, str]:
    """The puesto a leader sees for ``cedula``'s answer (``answered``, as the census gave
    it) and its code: the official place's once the answer matched one, else the answer's
    name, not verified."""
    official = CedulaInfo.objects.select_related("polling_place").get(cedula=cedula).polling_place
    if official is None:
        return answered["puesto"], "sin verificar"
    return official.puesto, official.code


def item_of(page: str, name: str) -> str:
    """The list item of one person on a /referidos/ page."""
    items = [item.split("</li>")[0] for item in page.split('data-testid="persona"')[1:]]
    found = [item for item in items if name in item]
    assert len(found) == 1, f"{name} is listed {len(found)} times"
    return found[0]


def spreadsheet_rows(content: bytes) -> list[dict[str, str]]:
    """The rows of /referidos/exportar.csv, checking it is written for Excel."""
    text = content.decode("utf-8")
    assert text.startswith("\ufeff"), "no byte-order mark: Excel would misread the accents"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def get(person: Portal, path: str) -> requests.Response:
    response = person.session.get(person.base_url + path, timeout=30)
    response.raise_for_status()
    return response


def submit(person: Portal, page: str, action: str, data: dict[str, Any]) -> requests.Response:
    """Sends a form found on ``page`` as a browser would, with that page's CSRF token."""
    token = _CSRF_TOKEN.search(get(person, page).text)
    assert token, f"{page} has no form"
    return person.session.post(
        person.base_url + action,
        data={"csrfmiddlewaretoken": token.group(1), **data},
        allow_redirects=False,
        timeout=30,
    )
