"""The admin's own accessibility: every link says where it goes, every fieldset has a name
and every table header says what it heads (Django writes no scope on a change list's row
headers nor on a tabular inline's: pagina_madre/templates/admin), on every list, add and
change page whose admin is ours (the libraries' own, axes' logs or django-q's schedules,
are theirs to mend)."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client

from accounts.models import CedulaClaim, CustomUser, ForgottenAcceptances
from cedula_domain import AnswerSource, LookupStatus
from integration.portal.admin_support import admin_pages
from integration.portal.census_support import PLACE, as_operator, store

pytestmark = pytest.mark.django_db


def our_admin_pages() -> list[str]:
    """Every admin page of a model whose admin class is ours (Django's groups among them)."""
    ours = tuple(
        f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for model, model_admin in admin.site._registry.items()
        if "site-packages" not in inspect.getfile(type(model_admin))
    )
    return [url for url in admin_pages() if url.startswith(ours)]


class Nameless(HTMLParser):
    """Links with neither words nor a title, fieldsets with neither a legend nor a heading
    that names them, and table headers without a scope."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._link: tuple[str, list[str]] | None = None
        self._fieldsets: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and "href" in values:
            named = values.get("title") or values.get("aria-label")
            self._link = (str(values["href"]), ["named"] if named else [])
        elif tag == "fieldset":
            self._fieldsets.append((str(values.get("class")), bool(values.get("aria-labelledby"))))
        elif tag == "legend" and self._fieldsets:
            self._fieldsets[-1] = (self._fieldsets[-1][0], True)
        elif tag == "th" and "scope" not in values:
            self.found.append(f'<th class="{values.get("class")}"> with no scope')

    def handle_data(self, data: str) -> None:
        if self._link and data.strip():
            self._link[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link:
            href, words = self._link
            if not words:
                self.found.append(f'<a href="{href}"> with no words')
            self._link = None
        elif tag == "fieldset" and self._fieldsets:
            classes, named = self._fieldsets.pop()
            if not named:
                self.found.append(f'<fieldset class="{classes}"> with no name')


def test_every_admin_link_fieldset_and_table_header_is_named(
    client: Client, person: CustomUser, other_person: CustomUser
):
    # One lookup that ran a browser and one that ran none: the engine filter lists both.
    store(
        person,
        status=LookupStatus.FOUND,
        voting_place=PLACE,
        source=AnswerSource.REGISTRADURIA,
        engine="chromium",
    )
    store(other_person)
    CedulaClaim.objects.create(
        cedula="1234567",
        full_name="Jorge Eliécer Gaitán Ayala",
        phone="+573001112244",
        message="Esa cédula es mía.",
        policy_accepted_at=datetime.now(UTC),
        policy_version="1",
    )
    ForgottenAcceptances.objects.create(version="1", people=2)
    Group.objects.create(name="Operadores")
    operator = as_operator(client)
    operator.raise_request_exception = False

    found: dict[str, list[str]] = {}
    for url in our_admin_pages():
        response = operator.get(url)
        if response.status_code != 200:
            continue
        parser = Nameless()
        parser.feed(response.text)
        if parser.found:
            found[url] = parser.found

    assert found == {}
