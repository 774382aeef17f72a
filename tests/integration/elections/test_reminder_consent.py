"""Asking for the text of the day before, and stopping: a ledger appended from the card or
the profile, shown in "mis datos", gone with the account or its hand-over."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser
from accounts.privacy.forgetting import forget_person
from accounts.signals import account_handed_over
from elections.models import ElectionReminder, ReminderConsentLine
from elections.rules.election import Election
from elections.selectors import consenting_people, reminder_consent_of
from elections.services import ask_for_reminder
from integration.elections.election_fixtures import ELECTION_DAY
from integration.elections.reminder_support import make_person
from integration.portal.census_support import as_operator

pytestmark = pytest.mark.django_db

REMINDER = reverse("elections:reminder")
PROFILE = reverse("accounts:profile")


def ledger(person: CustomUser) -> list[str]:
    return list(
        ReminderConsentLine.objects.filter(user=person)
        .order_by("pk")
        .values_list("change", flat=True)
    )


def test_the_profile_offers_the_text_and_takes_it_back_each_change_a_new_line(
    logged_in: Client, person: CustomUser
) -> None:
    page = logged_in.get(PROFILE).text
    assert 'data-testid="recordatorio"' in page
    assert "Quiero el recordatorio" in page

    granted = logged_in.post(REMINDER, {"recordatorio": "si", "desde": "perfil"}, follow=True)
    assert granted.redirect_chain[-1][0] == PROFILE
    assert "Ya no quiero el recordatorio" in granted.text
    logged_in.post(REMINDER, {"recordatorio": "si", "desde": "perfil"})
    withdrawn = logged_in.post(REMINDER, {"recordatorio": "no", "desde": "perfil"}, follow=True)

    assert "ya no te enviaremos el SMS" in withdrawn.text
    assert "lo cancelaste el" in withdrawn.text
    # Asking twice added nothing; each change is a line, none edited.
    assert ledger(person) == ["granted", "withdrawn"]
    assert not reminder_consent_of(user=person).granted


def test_a_nonsense_answer_changes_nothing_and_says_what_to_do(
    logged_in: Client, person: CustomUser
) -> None:
    response = logged_in.post(REMINDER, {"recordatorio": "tal-vez"}, follow=True)

    assert response.status_code == 200
    assert "Elige si quieres o no el recordatorio." in response.text
    assert ledger(person) == []


def test_only_a_post_changes_the_consent(logged_in: Client, person: CustomUser) -> None:
    assert logged_in.get(REMINDER).status_code == 405
    assert ledger(person) == []


def test_whoever_is_not_logged_in_is_sent_to_log_in(client: Client) -> None:
    response = client.post(REMINDER, {"recordatorio": "si"})

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert not ReminderConsentLine.objects.exists()


def test_mis_datos_shows_the_consent_its_history_and_the_texts_sent(
    logged_in: Client, person: CustomUser
) -> None:
    ask_for_reminder(user=person, wanted=True)
    ElectionReminder.objects.create(
        user=person, election_day=ELECTION_DAY, status="sent", claimed_at="2026-03-07T10:00Z"
    )

    data = json.loads(logged_in.get(reverse("accounts:my_data_json")).content)
    page = logged_in.get(reverse("accounts:my_data")).text

    section = data["recordatorios"]
    assert section["quieres_el_sms_del_día_antes"] is True
    assert [line["cambio"] for line in section["historial_de_tu_autorización"]] == [
        "Pidió el recordatorio"
    ]
    assert section["recordatorios"][0]["elección_del"] == "2026-03-08"
    assert section["recordatorios"][0]["estado"] == "Enviado"
    assert "Recordatorio de elecciones" in page


def test_mis_datos_has_no_reminder_section_for_whoever_never_asked(
    logged_in: Client, person: CustomUser
) -> None:
    data = json.loads(logged_in.get(reverse("accounts:my_data_json")).content)

    assert "recordatorios" not in data


def test_the_query_of_who_asked_agrees_with_the_ledgers_rule() -> None:
    ledgers = [[], [True], [True, False], [True, False, True], [False], [True, True]]
    people = []
    for n, changes in enumerate(ledgers, 1):
        person = make_person(n, asks=False)
        for wanted in changes:
            ask_for_reminder(user=person, wanted=wanted)
        people.append(person)

    expected = {p.pk for p in people if reminder_consent_of(user=p).granted}
    assert set(consenting_people().values_list("pk", flat=True)) == expected
    assert len(expected) == 3


def test_deleting_the_account_removes_its_consent_and_reminders(person: CustomUser) -> None:
    ask_for_reminder(user=person, wanted=True)
    ElectionReminder.objects.create(
        user=person, election_day=ELECTION_DAY, claimed_at="2026-03-07T10:00Z"
    )

    forget_person(user=person)

    assert not ReminderConsentLine.objects.exists()
    assert not ElectionReminder.objects.exists()


def test_a_handed_over_account_keeps_nothing_of_its_previous_holders_reminders(
    person: CustomUser, other_person: CustomUser
) -> None:
    for someone in (person, other_person):
        ask_for_reminder(user=someone, wanted=True)
        ElectionReminder.objects.create(
            user=someone, election_day=ELECTION_DAY, claimed_at="2026-03-07T10:00Z"
        )

    account_handed_over.send(sender=CustomUser, user=person)

    assert ledger(person) == []
    assert not ElectionReminder.objects.filter(user=person).exists()
    assert ledger(other_person) == ["granted"]
    assert ElectionReminder.objects.filter(user=other_person).exists()


def test_staff_see_how_many_texts_left_failed_are_unknown_and_wait(
    client: Client, election: date, today
) -> None:
    sent, failed, unknown, waiting = (make_person(n) for n in range(1, 5))
    make_person(5, place=False)
    for someone, status in ((sent, "sent"), (failed, "failed"), (unknown, "claimed")):
        ElectionReminder.objects.create(
            user=someone, election_day=ELECTION_DAY, status=status, claimed_at="2026-03-07T10:00Z"
        )

    page = as_operator(client).get(reverse("admin:elections_electionreminder_changelist")).text

    assert Election(day=election).day == ELECTION_DAY
    for kind, count in (
        ("sent", 1),
        ("failed", 1),
        ("unknown", 1),
        ("pending", 1),
        ("without_place", 1),
    ):
        assert f'data-testid="conteo-{kind}">{count}<' in page
    assert "domingo 8 de marzo" in page
    assert (
        waiting.cedula
        not in page.split('data-testid="recordatorios-conteo"')[1].split("</section>")[0]
    )


def test_staff_are_told_when_no_election_is_announced(client: Client, settings) -> None:
    settings.ELECTION_DATE = None

    page = as_operator(client).get(reverse("admin:elections_electionreminder_changelist")).text

    assert "No hay elección anunciada" in page
