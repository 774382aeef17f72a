"""The admin speaks the portal's Spanish to its operators: every list, form and page of
every model, in the tú of the rest of the portal, with no English left from Django, its
libraries or our own code."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from accounts.models import CustomUser
from cedula_domain import AnswerSource, BlockKind, FailureKind, LookupStatus
from integration.portal.admin_support import admin_pages
from integration.portal.census_support import PLACE, as_operator, store

pytestmark = pytest.mark.django_db

# Django's Spanish catalogue speaks "usted"; the portal speaks "tú" to everyone.
USTED = re.compile(
    r"\b(Seleccione|Escoja|Elija|Introduzca|Indique|Haga|Pulse|Por favor|usted|[Dd]esea|"
    r"[Ee]stá seguro|Compruebe|Corrija|Ingrese)\b"
)
# English an operator met in the admin (a library's names, our own codes and messages).
ENGLISH = re.compile(
    r"\b(the|and|devices?|Select|answered|Save|Delete|Search|History|Filter|Actions?|"
    r"stealth|patchright|captcha|firewall|timeout|Unavailable|Blocked|PageChanged)\b"
)


class VisibleText(HTMLParser):
    """What a person reads on a page: text outside scripts and styles, and what controls
    and images say (titles, labels, alternatives, placeholders, button values)."""

    SAID_BY = ("title", "aria-label", "alt", "placeholder")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        values = dict(attrs)
        self.parts.extend(value for name, value in attrs if name in self.SAID_BY and value)
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.parts.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = VisibleText()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


def test_every_admin_page_reads_in_the_portals_spanish(client: Client, person: CustomUser):
    store(
        person,
        status=LookupStatus.ERROR,
        voting_place=PLACE,
        source=AnswerSource.REGISTRADURIA,
        last_failure_kind=FailureKind.BLOCKED,
        last_block_kind=BlockKind.CAPTCHA,
        last_failure_message="el portal respondió HTTP 500",  # as verdict.judge_page words it
        engine="patchright",
    )
    operator = as_operator(client)
    # A page this operator may not open (an add page no one may use) answers 403.
    operator.raise_request_exception = False

    found: dict[str, list[str]] = {}
    for url in admin_pages():
        response = operator.get(url)
        if response.status_code != 200:
            continue
        text = visible_text(response.text)
        words = [*USTED.findall(text), *ENGLISH.findall(text)]
        if words:
            found[url] = sorted(set(words))

    assert not found, "\n".join(f"{url}: {words}" for url, words in found.items())
