from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser
from cedula_domain import AnswerSource, Cancellation, LookupStatus, Restriction
from cedula_domain.priority import Priority
from census.models import CedulaInfo
from census.presenter import SOURCE_WORDS
from integration.portal.census_support import PLACE, store
from integration.referrals.referral_support import (
    brought,
    code_of,
    item_of,
    make_person,
    many_brought_by,
    my_link,
    spreadsheet_rows,
)
from referrals.models import Leader, Referral, ReferralLink, SharingConsentEntry
from referrals.selectors import PEOPLE_PER_PAGE

pytestmark = pytest.mark.django_db


def logged_in_as(person: CustomUser) -> Client:
    client = Client()
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return client


def share(person: CustomUser, *, consent: bool) -> None:
    response = logged_in_as(person).post(
        reverse("referrals:sharing"), {"compartir": "si" if consent else "no"}
    )
    assert response.status_code == 302


def export_rows(client: Client) -> list[dict[str, str]]:
    return spreadsheet_rows(client.get(reverse("referrals:export")).content)


_NAME = '<span class="fw-semibold text-break">'


def names_on(page: str) -> list[str]:
    """The names listed on a /referidos/ page, in their order."""
    return [item.split("</span>")[0] for item in page.split(_NAME)[1:]]


@pytest.fixture
def ana() -> CustomUser:
    return make_person("1020304050", "Ana María Ríos")


@pytest.fixture
def ana_client(ana: CustomUser) -> Client:
    client = logged_in_as(ana)
    my_link(client)  # her link is issued on her first visit
    return client


@pytest.fixture
def her_people(ana: CustomUser, ana_client: Client) -> dict[str, CustomUser]:
    """Beto shares his voting place with Ana, Carla does not; Dora came by herself."""
    people = {
        "beto": make_person("43210987", "Beto Pérez"),
        "carla": make_person("72123456", "Carla Gómez"),
        "dora": make_person("1098765432", "Dora Díaz"),
    }
    brought(ana, people["beto"], people["carla"])
    for person in people.values():
        store(person, status=LookupStatus.FOUND, voting_place=PLACE)
    share(people["beto"], consent=True)
    return people


def test_my_page_shows_an_unguessable_link_its_qr_code_and_a_whatsapp_share(
    ana: CustomUser, ana_client: Client
):
    page = ana_client.get(reverse("referrals:my_people")).content.decode()

    link = my_link(ana_client)
    assert link.startswith("http://testserver/r/")
    assert ana.cedula not in link
    assert len(code_of(link)) == 16
    assert '<svg width="' in page
    assert 'class="img-fluid qr-enlace"' in page
    whatsapp = page[page.index("https://wa.me/?text=") :].split('"', 1)[0]
    assert link in unquote(whatsapp)
    assert 'data-copy-target="enlace"' in page
    assert my_link(ana_client) == link  # the same link on every visit


def test_a_new_link_replaces_the_old_one_and_keeps_who_came_through_it(
    ana: CustomUser, ana_client: Client, her_people
):
    old = my_link(ana_client)

    ana_client.post(reverse("referrals:new_link"))

    assert my_link(ana_client) != old
    assert ReferralLink.objects.get(code=code_of(old)).revoked_at is not None
    assert Referral.objects.filter(referrer=ana).count() == 2


def test_my_people_show_their_lookup_and_only_the_consenting_ones_where_they_vote(
    ana_client: Client, her_people
):
    page = ana_client.get(reverse("referrals:my_people")).content.decode()

    assert "Beto Pérez" in page
    assert "Carla Gómez" in page
    assert "Dora Díaz" not in page
    beto, carla = item_of(page, "Beto Pérez"), item_of(page, "Carla Gómez")
    assert f"{PLACE.departamento} · {PLACE.municipio} · {PLACE.puesto} · mesa {PLACE.mesa}" in beto
    assert PLACE.puesto not in carla
    assert "Lugar de votación: no compartido" in carla
    assert "Encontrada" in beto
    assert "Resultado no compartido" in carla
    assert "Encontrada" not in carla


def test_totals_count_by_state_and_by_puesto_of_the_shared_places(ana_client: Client, her_people):
    page = ana_client.get(reverse("referrals:my_people")).content.decode()
    totals = page[page.index('data-testid="totales"') : page.index('data-testid="personas"')]

    assert "Trajiste a <strong>2</strong> personas" in totals
    assert "Encontrada: <strong>1</strong>" in totals
    assert "Resultado no compartido: <strong>1</strong>" in totals
    by_puesto = totals[totals.index('data-testid="por-puesto"') :]
    assert PLACE.puesto in by_puesto
    assert '<span class="badge text-bg-primary rounded-pill">1</span>' in by_puesto
    assert "Lugar de votación no compartido: 1" in totals


def test_the_spreadsheet_has_the_same_rows_masked_cedulas_and_places_only_with_consent(
    ana_client: Client, her_people
):
    response = ana_client.get(reverse("referrals:export"))
    rows = export_rows(ana_client)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert [row["Nombre"] for row in rows] == ["Carla Gómez", "Beto Pérez"]
    carla, beto = rows
    assert (beto["Cédula"], beto["Puesto"], beto["Mesa"]) == ("****0987", PLACE.puesto, "7")
    assert beto["Estado de la consulta"] == "Encontrada"
    assert (carla["Cédula"], carla["Estado de la consulta"], carla["Puesto"], carla["Mesa"]) == (
        "****3456",
        "Resultado no compartido",
        "no compartido",
        "no compartido",
    )
    text = response.content.decode()
    for person in her_people.values():
        assert person.cedula not in text
    assert "Dora" not in text


# Each answer of the census as stored, with the words it reads in.
ANSWERS = {
    "found": (dict(status=LookupStatus.FOUND, voting_place=PLACE), "Encontrada"),
    "not_found": (dict(status=LookupStatus.NOT_FOUND), "No está en el censo"),
    "cancelled": (
        dict(
            status=LookupStatus.CANCELLED,
            cancellation=Cancellation(
                novedad="Cancelada por Muerte", resolucion="0123", fecha="01/02/2020"
            ),
        ),
        "Cédula cancelada",
    ),
    # Valid but barred from voting mostly means a court's sentence.
    "not_enabled": (
        dict(
            status=LookupStatus.NOT_ENABLED,
            restriction=Restriction(
                reason="Vigente con pérdida o suspensión de los derechos políticos",
                resolucion="0456",
                fecha="10/02/2024",
            ),
        ),
        "Vigente, sin derecho a votar",
    ),
}


@pytest.mark.parametrize("answer", ANSWERS)
def test_every_answer_reaches_the_page_and_the_spreadsheet_only_with_consent(
    ana: CustomUser, ana_client: Client, answer: str
):
    """A word kept for one answer would tell it: without consent all read the same."""
    stored, words = ANSWERS[answer]
    Leader.objects.create(person=ana, meta=10)
    gil, hugo = make_person("52345678", "Gil Soto"), make_person("80123456", "Hugo Mora")
    brought(ana, gil, hugo)
    for person in (gil, hugo):
        store(person, **stored, fetched_at=datetime.now(UTC), source=AnswerSource.REGISTRADURIA)
    share(gil, consent=True)

    page = ana_client.get(reverse("referrals:my_people")).content.decode()
    totals = page[page.index('data-testid="totales"') : page.index('data-testid="personas"')]
    assert words in item_of(page, "Gil Soto")
    assert "Resultado no compartido" in item_of(page, "Hugo Mora")
    assert words not in item_of(page, "Hugo Mora")
    assert f"{words}: <strong>1</strong>" in totals
    assert "Resultado no compartido: <strong>1</strong>" in totals
    assert {row["Nombre"]: row["Estado de la consulta"] for row in export_rows(ana_client)} == {
        "Gil Soto": words,
        "Hugo Mora": "Resultado no compartido",
    }

    share(gil, consent=False)

    page = ana_client.get(reverse("referrals:my_people")).content.decode()
    assert words not in page
    assert "Resultado no compartido: <strong>2</strong>" in page
    assert "Gil Soto" in page  # still listed, as all the people one brought
    assert [row["Estado de la consulta"] for row in export_rows(ana_client)] == [
        "Resultado no compartido"
    ] * 2


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (LookupStatus.PENDING, "En cola"),
        (LookupStatus.PROCESSING, "Consultando"),
        (LookupStatus.ERROR, "Sin respuesta"),
    ],
)
def test_how_a_lookup_is_going_shows_without_consent(
    ana: CustomUser, ana_client: Client, status: LookupStatus, words: str
):
    """So the referrer can help someone whose lookup ended without an answer."""
    hugo = make_person("80123456", "Hugo Mora")
    brought(ana, hugo)
    store(hugo, status=status)

    page = ana_client.get(reverse("referrals:my_people")).content.decode()
    assert words in item_of(page, "Hugo Mora")
    assert "Resultado no compartido" not in page
    assert [row["Estado de la consulta"] for row in export_rows(ana_client)] == [words]


# Names people typed that a spreadsheet would run, and the cell each must read as.
HOSTILE_NAMES = {
    '=HYPERLINK("http://x")': '\'=HYPERLINK("http://x")',
    "x,=1+2,y": "x,=1+2,y",
    "a\n=1+2": "a\n=1+2",
    "@SUM(1)": "'@SUM(1)",
    "-2+3": "'-2+3",
    "+57 300": "'+57 300",
    "  =1+2": "'  =1+2",
    "\t=1+2": "'\t=1+2",
    'x";=1+2;"y': 'x";=1+2;"y',
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_a_name_that_looks_like_a_formula_is_written_as_text(ana: CustomUser, ana_client):
    for index, name in enumerate(HOSTILE_NAMES):
        brought(ana, make_person(str(50_000_000 + index), name))

    names = [row["Nombre"] for row in export_rows(ana_client)]

    assert sorted(names) == sorted(HOSTILE_NAMES.values())


def test_every_field_is_quoted_so_no_separator_inside_a_cell_starts_another(
    ana: CustomUser, ana_client
):
    """Whatever list separator the spreadsheet splits on (";" in Colombia, "," or a tab
    elsewhere), a quoted field is one cell: no cell begins with a formula's start."""
    for index, name in enumerate(HOSTILE_NAMES):
        brought(ana, make_person(str(50_000_000 + index), name))

    text = ana_client.get(reverse("referrals:export")).content.decode().removeprefix("\ufeff")

    records = text.split("\r\n")[:-1]
    assert len(records) == 1 + len(HOSTILE_NAMES)
    assert all(record.startswith('"') and record.endswith('"') for record in records)
    for separator in (";", ",", "\t"):
        cells = [cell for row in csv.reader(io.StringIO(text), delimiter=separator) for cell in row]
        assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)], separator


def test_nobody_sees_anyone_elses_people(her_people):
    beto = logged_in_as(her_people["beto"])

    page = beto.get(reverse("referrals:my_people")).content.decode()

    assert "Carla Gómez" not in page
    assert "Todavía nadie se ha registrado con tu enlace" in page
    assert export_rows(beto) == []


def test_withdrawing_consent_hides_the_place_at_once_and_is_recorded_with_its_time(
    ana_client: Client, her_people
):
    share(her_people["beto"], consent=False)

    page = ana_client.get(reverse("referrals:my_people")).content.decode()
    assert PLACE.puesto not in page
    assert [row["Puesto"] for row in export_rows(ana_client)] == ["no compartido"] * 2
    ledger = SharingConsentEntry.objects.filter(referral__referred=her_people["beto"])
    assert list(ledger.values_list("change", flat=True)) == ["granted", "withdrawn"]
    granted, withdrawn = ledger
    assert granted.at <= withdrawn.at


def test_the_profile_offers_the_referred_person_to_grant_or_withdraw(her_people):
    carla = logged_in_as(her_people["carla"])

    page = carla.get(reverse("accounts:profile")).content.decode()
    assert "<strong>Ana</strong>, quien te invitó, ve en qué va tu consulta, pero no su" in page
    assert "Ríos" not in page
    assert "Autorizo que vea el resultado de mi consulta" in page

    share(her_people["carla"], consent=True)
    page = carla.get(reverse("accounts:profile")).content.decode()
    assert "Autorizaste que <strong>Ana</strong> vea el resultado de tu consulta" in page
    assert "Retirar la autorización" in page


def test_granting_twice_adds_one_entry(her_people):
    share(her_people["beto"], consent=True)

    assert SharingConsentEntry.objects.filter(referral__referred=her_people["beto"]).count() == 1


def test_the_profile_of_someone_nobody_brought_has_no_consent_card(her_people):
    dora = logged_in_as(her_people["dora"])

    profile = dora.get(reverse("accounts:profile")).content.decode()
    assert 'data-testid="autorizacion"' not in profile
    response = dora.post(reverse("referrals:sharing"), {"compartir": "si"}, follow=True)
    assert "Te registraste sin el enlace de nadie" in response.content.decode()
    assert not SharingConsentEntry.objects.filter(referral__referred=her_people["dora"]).exists()


def test_a_consent_form_without_a_choice_says_what_to_do(her_people):
    beto = logged_in_as(her_people["beto"])

    response = beto.post(reverse("referrals:sharing"), {"compartir": "quizas"}, follow=True)

    assert "Elige si autorizas o no." in response.content.decode()
    assert SharingConsentEntry.objects.filter(referral__referred=her_people["beto"]).count() == 1


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "referrals:my_people"),
        ("get", "referrals:export"),
        ("post", "referrals:new_link"),
        ("post", "referrals:ask_again"),
        ("post", "referrals:sharing"),
    ],
)
def test_anonymous_requests_are_sent_to_log_in(client: Client, method: str, name: str):
    response = getattr(client, method)(reverse(name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_my_people_page_is_not_stored_by_browsers(ana_client: Client):
    for name in ("referrals:my_people", "referrals:export"):
        assert "no-store" in ana_client.get(reverse(name))["Cache-Control"]


def test_a_leader_sees_their_goal_and_their_network_one_level_down(
    ana: CustomUser, ana_client: Client, her_people
):
    Leader.objects.create(person=ana, meta=4)
    beto = her_people["beto"]
    logged_in_as(beto).get(reverse("referrals:my_people"))
    brought(beto, make_person("55555555", "Eva Ruiz"), make_person("66666666", "Fabio Gil"))

    page = ana_client.get(reverse("referrals:my_people")).content.decode()

    assert "2 de 4 personas (50 %): te faltan 2" in page
    assert '<progress class="w-100" max="100" value="50">' in page
    assert "invitaron a <strong>2</strong> más" in page
    assert "Eva Ruiz" not in page  # counts only, one level down
    assert "Volver a consultar a mi gente" in page


def test_someone_who_is_no_leader_has_no_goal_network_or_refresh(ana_client: Client, her_people):
    page = ana_client.get(reverse("referrals:my_people")).content.decode()

    assert 'data-testid="meta"' not in page
    assert 'data-testid="red"' not in page
    response = ana_client.post(reverse("referrals:ask_again"), follow=True)
    assert "Solo los líderes" in response.content.decode()


def test_my_people_page_takes_a_few_queries_whatever_the_number_of_people(
    ana: CustomUser, ana_client: Client, django_assert_max_num_queries
):
    Leader.objects.create(person=ana, meta=500)
    now = datetime.now(UTC)
    people = many_brought_by(ana, 200)
    second_level = CustomUser.objects.bulk_create(
        CustomUser(cedula=str(40_000_000 + index), nombre_completo="Otra", password="!")
        for index in range(3)
    )
    Referral.objects.bulk_create(
        Referral(referrer=people[0], referred=person, created_at=now) for person in second_level
    )

    with django_assert_max_num_queries(15):
        response = ana_client.get(reverse("referrals:my_people"))

    page = response.content.decode()
    assert page.count('data-testid="persona"') == PEOPLE_PER_PAGE
    assert "Trajiste a <strong>200</strong> personas" in page
    assert "Lugar de votación no compartido: 100" in page
    assert "invitaron a <strong>3</strong> más" in page
    with django_assert_max_num_queries(6):
        assert len(export_rows(ana_client)) == 200


def test_a_leader_asks_again_once_a_day_for_final_lookups_older_than_a_week(
    ana: CustomUser, ana_client: Client, her_people, django_capture_on_commit_callbacks
):
    leader = Leader.objects.create(person=ana)
    weeks_ago = datetime.now(UTC) - timedelta(days=8)
    CedulaInfo.objects.filter(user=her_people["beto"]).update(requested_at=weeks_ago)
    CedulaInfo.objects.filter(user=her_people["dora"]).update(requested_at=weeks_ago)

    with django_capture_on_commit_callbacks(execute=True):
        response = ana_client.post(reverse("referrals:ask_again"), follow=True)

    assert "Pedimos de nuevo la consulta de 1 persona." in response.content.decode()
    lookups = {row.user_id: row for row in CedulaInfo.objects.all()}
    assert lookups[her_people["beto"].pk].status == LookupStatus.PENDING.value
    # Behind new people's first lookups and people's own refreshes.
    assert lookups[her_people["beto"].pk].priority == Priority.BULK
    assert lookups[her_people["carla"].pk].status == LookupStatus.FOUND.value  # recent
    assert lookups[her_people["dora"].pk].status == LookupStatus.FOUND.value  # not hers
    assert leader.refreshes.get().lookups == 1

    again = ana_client.post(reverse("referrals:ask_again"), follow=True).content.decode()
    assert "Ya pediste nuevas consultas hoy. Podrás pedir otras desde el" in again
    assert leader.refreshes.count() == 1


def test_a_leader_with_nobody_to_look_up_again_keeps_the_days_turn(
    ana: CustomUser, ana_client: Client, her_people
):
    leader = Leader.objects.create(person=ana)

    response = ana_client.post(reverse("referrals:ask_again"), follow=True)

    assert "no hay nada que volver a consultar" in response.content.decode()
    assert not leader.refreshes.exists()


@pytest.mark.parametrize("source", list(AnswerSource), ids=lambda source: source.value)
def test_who_gave_each_answer_shows_beside_it_and_in_the_spreadsheet_only_with_consent(
    ana: CustomUser, ana_client: Client, source: AnswerSource
):
    gil, hugo = make_person("52345678", "Gil Soto"), make_person("80123456", "Hugo Mora")
    brought(ana, gil, hugo)
    for person in (gil, hugo):
        store(person, status=LookupStatus.FOUND, voting_place=PLACE, source=source)
    share(gil, consent=True)
    words = SOURCE_WORDS[source]

    page = ana_client.get(reverse("referrals:my_people")).content.decode()

    gil_item, hugo_item = item_of(page, "Gil Soto"), item_of(page, "Hugo Mora")
    assert "Encontrada" in gil_item
    assert f'<span class="visually-hidden">Origen del dato: </span>{words}' in gil_item
    assert 'data-testid="origen"' not in hugo_item
    assert words not in hugo_item
    rows = {row["Nombre"]: row["Origen del dato"] for row in export_rows(ana_client)}
    assert rows == {"Gil Soto": words, "Hugo Mora": "no compartido"}


def test_no_source_shows_beside_a_lookup_that_has_no_answer_yet(
    ana: CustomUser, ana_client: Client, her_people
):
    hugo = make_person("80123456", "Hugo Mora")
    brought(ana, hugo)
    store(hugo, status=LookupStatus.PENDING)
    share(hugo, consent=True)

    page = ana_client.get(reverse("referrals:my_people")).content.decode()

    assert 'data-testid="origen"' not in item_of(page, "Hugo Mora")
    assert {row["Nombre"]: row["Origen del dato"] for row in export_rows(ana_client)}[
        "Hugo Mora"
    ] == ""


def test_my_people_come_fifty_a_page_newest_first_with_a_way_through_the_pages(
    ana: CustomUser, ana_client: Client
):
    people = many_brought_by(ana, 2 * PEOPLE_PER_PAGE + 20)
    newest_first = [person.nombre_completo for person in reversed(people)]
    url = reverse("referrals:my_people")

    first = ana_client.get(url).content.decode()
    second = ana_client.get(url, {"pagina": "2"}).content.decode()
    last = ana_client.get(url, {"pagina": "3"}).content.decode()

    assert names_on(first) == newest_first[:PEOPLE_PER_PAGE]
    assert names_on(second) == newest_first[PEOPLE_PER_PAGE : 2 * PEOPLE_PER_PAGE]
    assert names_on(last) == newest_first[2 * PEOPLE_PER_PAGE :]
    nav = first[first.index('<nav class="mt-3"') :].split("</nav>")[0]
    assert 'aria-label="Páginas de la lista de personas"' in nav
    assert "Página <strong>1</strong> de 3" in nav
    assert 'href="?pagina=2#personas" rel="next"' in nav
    assert 'href="?pagina=3#personas"' in nav
    assert 'rel="prev"' not in nav
    assert "Personas 51 a 100 de 120, de la más reciente a la más antigua." in second
    assert 'href="?pagina=1#personas" rel="prev"' in second
    assert 'rel="next"' not in last


def test_every_page_of_my_people_has_the_totals_of_everyone(ana: CustomUser, ana_client: Client):
    many_brought_by(ana, 2 * PEOPLE_PER_PAGE + 20)

    for number in ("1", "3"):
        page = ana_client.get(reverse("referrals:my_people"), {"pagina": number})
        totals = page.content.decode().split('data-testid="personas"')[0]
        assert "Trajiste a <strong>120</strong> personas" in totals
        assert "Encontrada: <strong>60</strong>" in totals
        assert "Resultado no compartido: <strong>60</strong>" in totals
        assert "Lugar de votación no compartido: 60" in totals


@pytest.mark.parametrize(("asked", "shown"), [("99", 3), ("tres", 1), ("-1", 3), ("", 1)])
def test_a_page_number_out_of_range_or_not_a_number_shows_the_nearest_page(
    ana: CustomUser, ana_client: Client, asked: str, shown: int
):
    many_brought_by(ana, 2 * PEOPLE_PER_PAGE + 20)

    page = ana_client.get(reverse("referrals:my_people"), {"pagina": asked})

    assert page.status_code == 200
    assert f"Página <strong>{shown}</strong> de 3" in page.content.decode()


def test_a_short_list_has_no_pages_to_go_through(ana_client: Client, her_people):
    page = ana_client.get(reverse("referrals:my_people")).content.decode()

    assert 'data-testid="paginas"' not in page
    assert "De la más reciente a la más antigua." in page


def test_the_spreadsheet_has_everyone_not_one_page(ana: CustomUser, ana_client: Client):
    people = many_brought_by(ana, 2 * PEOPLE_PER_PAGE + 20)

    rows = export_rows(ana_client)

    assert [row["Nombre"] for row in rows] == [p.nombre_completo for p in reversed(people)]


def test_the_largest_puestos_are_listed_and_the_others_summed_up_in_one_line(
    ana: CustomUser, ana_client: Client, monkeypatch
):
    monkeypatch.setattr("referrals.views.PUESTOS_SHOWN", 3)
    many_brought_by(ana, 70)  # 35 places shared, over 7 puestos

    page = ana_client.get(reverse("referrals:my_people")).content.decode()

    by_puesto = page[page.index('data-testid="por-puesto"') :].split("</ul>")[0]
    assert by_puesto.count("<li") == 3
    assert "Y 4 puestos más, con 20 personas en total." in page
