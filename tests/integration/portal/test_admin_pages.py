"""The operators' admin: the census list readable at 1280 px, a person's page leading to
their census lookup and their referrals, phones written as everywhere else; only
superusers grant permissions or change the team's accounts."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page

from accounts.models import CustomUser
from accounts.privacy.consents import accept_policy
from cedula_domain import AnswerSource, LookupStatus
from integration.portal.census_support import PLACE, as_operator, as_staff_with, store

pytestmark = pytest.mark.django_db


def column_headers(page: str) -> list[str]:
    table = page[page.index('<table id="result_list"') :]
    head = table[: table.index("</thead>")]
    headers = re.findall(r"<th\s.*?</th>", head, re.S)
    return [re.sub(r"<[^>]+>", "", header).strip() for header in headers]


def test_the_census_list_shows_few_short_columns(client: Client, person: CustomUser):
    store(
        person,
        status=LookupStatus.FOUND,
        voting_place=PLACE,
        source=AnswerSource.REGISTRADURIA,
        fetched_at=datetime(2026, 11, 29, 19, 35, tzinfo=UTC),
    )

    page = as_operator(client).get(reverse("admin:census_cedulainfo_changelist")).text

    assert column_headers(page)[1:] == [
        "Cédula",
        "Nombre",
        "Estado",
        "Puesto oficial",
        "Intentos",
        "Cuándo",
    ]
    assert "Encontrada" in page
    assert "respondida 29 nov, 14:35" in page
    assert "Motor del navegador" not in column_headers(page)


def test_the_census_admin_names_the_browser_engine_in_words_and_filters_by_its_code(
    client: Client, person: CustomUser
):
    store(person, status=LookupStatus.ERROR, engine="patchright")
    operator = as_operator(client)

    listing = operator.get(reverse("admin:census_cedulainfo_changelist")).text
    change = operator.get(
        reverse("admin:census_cedulainfo_change", args=[person.cedula_info.pk])
    ).text
    filtered = operator.get(
        reverse("admin:census_cedulainfo_changelist"), {"engine": "patchright"}
    ).text

    assert re.search(r'href="\?engine=patchright"[^>]*>\s*Chromium con Patchright\s*<', listing)
    assert "Chromium con Patchright" in change
    assert not re.search(r">\s*patchright\s*<", listing + change)
    assert person.cedula in filtered


def test_a_persons_admin_page_leads_to_their_census_lookup_and_referrals(
    client: Client, person: CustomUser
):
    page = (
        as_operator(client).get(reverse("admin:accounts_customuser_change", args=[person.pk])).text
    )

    census = reverse("admin:census_cedulainfo_changelist")
    referrals = reverse("admin:referrals_referral_changelist")
    assert f'href="{census}?user__id__exact={person.pk}"' in page
    assert f'href="{referrals}?referrer__id__exact={person.pk}"' in page
    assert f'href="{referrals}?referred__id__exact={person.pk}"' in page


def test_the_links_of_a_persons_page_open_their_lists(client: Client, person: CustomUser):
    store(person)
    operator = as_operator(client)

    census = operator.get(
        reverse("admin:census_cedulainfo_changelist"), {"user__id__exact": person.pk}
    )
    referrals = operator.get(
        reverse("admin:referrals_referral_changelist"), {"referred__id__exact": person.pk}
    )

    assert census.status_code == referrals.status_code == 200
    assert person.cedula in census.text


def test_the_list_of_people_writes_phones_in_the_national_format(client: Client, person):
    page = as_operator(client).get(reverse("admin:accounts_customuser_changelist")).text

    assert "300 111 2233" in page
    assert "+573001112233" not in page


# Who grants permissions

PERMISSION_INPUTS = ('name="is_staff"', 'name="is_superuser"', 'name="groups"')


def user_page(user: CustomUser) -> str:
    return reverse("admin:accounts_customuser_change", args=[user.pk])


def test_staff_who_may_change_people_cannot_make_themselves_superuser(client: Client):
    staff_client = as_staff_with(client, "view_customuser", "change_customuser")
    staff = CustomUser.objects.get(is_staff=True)
    granted = set(staff.user_permissions.all())
    team = Group.objects.create(name="Operación")
    team.permissions.set(Permission.objects.all())

    page = staff_client.get(user_page(staff)).text
    response = staff_client.post(
        user_page(staff),
        {
            "cedula": staff.cedula,
            "nombre_completo": "Soporte Técnico",
            "telefono": "300 123 4568",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [team.pk],
            "user_permissions": list(Permission.objects.values_list("pk", flat=True)),
        },
    )

    assert 'name="nombre_completo"' in page
    assert not any(field in page for field in (*PERMISSION_INPUTS, 'name="user_permissions"'))
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.nombre_completo == "Soporte Técnico"  # the rest of the form was saved
    assert not staff.is_superuser
    assert set(staff.user_permissions.all()) == granted
    assert not staff.groups.exists()


def test_a_superuser_grants_permissions_from_a_persons_page(client: Client, person):
    page = as_operator(client).get(user_page(person)).text

    assert all(field in page for field in PERMISSION_INPUTS)


def test_staff_who_may_change_people_only_see_another_team_members_account(client: Client, person):
    staff_client = as_staff_with(client, "view_customuser", "change_customuser")
    operator = CustomUser.objects.create_superuser(
        "1010101", "Admin-clave-2026", nombre_completo="Operadora", telefono="+573001234567"
    )
    password_page = reverse("admin:auth_user_password_change", args=[operator.pk])

    shown = staff_client.get(user_page(operator))
    changed = staff_client.post(
        user_page(operator),
        {"cedula": operator.cedula, "nombre_completo": "Operadora", "telefono": "310 000 0000"},
    )

    assert shown.status_code == 200
    assert 'name="telefono"' not in shown.text
    assert changed.status_code == 403
    assert staff_client.get(password_page).status_code == 403
    operator.refresh_from_db()
    assert operator.telefono == "+573001234567"
    assert 'name="telefono"' in staff_client.get(user_page(person)).text


def test_staff_who_may_change_their_group_cannot_grant_it_permissions(client: Client):
    staff_client = as_staff_with(client, "view_group", "change_group")
    team = Group.objects.create(name="Soporte")
    team.user_set.add(CustomUser.objects.get(is_staff=True))
    granted = set(team.permissions.all())
    group_page = reverse("admin:auth_group_change", args=[team.pk])

    page = staff_client.get(group_page).text
    response = staff_client.post(
        group_page,
        {
            "name": "Soporte ampliado",
            "permissions": list(Permission.objects.values_list("pk", flat=True)),
        },
    )

    assert 'name="permissions"' not in page
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.name == "Soporte ampliado"
    assert set(team.permissions.all()) == granted


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_census_list_fits_a_1280_px_screen(browser_page: Page):
    admin = CustomUser.objects.create_superuser(
        "1010101", "Admin-clave-2026", nombre_completo="Operadora", telefono="+573001234567"
    )
    # Registering (accepting the policy) asks for each one's first lookup: waiting rows,
    # the widest there are.
    for number, name in enumerate(["Francisco José de Caldas Tenorio", "María Fernanda López"]):
        accept_policy(
            user=CustomUser.objects.create_user(
                f"5234567{number}", "Clave-2026-x", nombre_completo=name, telefono="+573104567890"
            )
        )
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(reverse("admin:login"))
    page.fill("#id_username", admin.cedula)
    page.fill("#id_password", "Admin-clave-2026")
    page.click("input[type=submit]")

    page.goto(reverse("admin:census_cedulainfo_changelist"))

    widths = page.evaluate(
        """() => ({
            page: document.scrollingElement.scrollWidth,
            screen: innerWidth,
            table: document.querySelector('#result_list').scrollWidth,
            room: document.querySelector('.results').clientWidth,
        })"""
    )
    assert widths["page"] <= widths["screen"]
    assert widths["table"] <= widths["room"]
