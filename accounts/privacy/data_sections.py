"""Everything the portal holds about a person, assembled in one place without accounts
knowing the other apps: each app registers, from its ``AppConfig.ready()``, the sections
of what it holds (a JSON key, a Spanish title, and a function giving that section's data
for the person, or None when it holds nothing about them). ``/perfil/mis-datos/`` shows
them, ``/perfil/mis-datos.json`` hands them over: the same data. The page shows a long
list (the people a leader brought: thousands) by its first items, how many more there are
and a link to the download, which holds every one: it stays light on a phone and quick to
build, and never hides that there is more.

The data are plain values (text, numbers, booleans, dates with time, lists, dictionaries
keyed by readable Spanish names in snake_case): the page turns them into sentences."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from attrs import frozen
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import formats, timezone

from accounts.models import CustomUser
from accounts.privacy import policy


@frozen
class DataSection:
    key: str
    title: str
    data: Callable[[CustomUser], Any]


@frozen
class Shown:
    """A value as the page shows it: a line of text, or a group of them."""

    label: str
    text: str = ""
    children: tuple[Shown, ...] = ()
    # The line standing for what the page leaves to the download: the text links to it.
    in_download: bool = False


# The items of a list the page shows; the rest are counted, and in the download.
SHOWN_ITEMS = 20
IN_DOWNLOAD_WORDS = "Descargar mis datos (JSON)"

_SECTIONS: list[DataSection] = []


def add_data_section(section: DataSection) -> None:
    if all(known.key != section.key for known in _SECTIONS):
        _SECTIONS.append(section)


def person_data(user: CustomUser) -> dict[str, Any]:
    """What we hold about ``user``, section by section (the download's shape)."""
    held = {section.key: section.data(user) for section in _SECTIONS}
    return {
        "generado_el": timezone.now(),
        "política_de_datos_vigente": policy.current_version(),
        **{key: data for key, data in held.items() if data is not None},
    }


def person_data_json(user: CustomUser) -> str:
    return json.dumps(person_data(user), cls=_LocalTimeEncoder, ensure_ascii=False, indent=2)


def readable_sections(user: CustomUser) -> list[Shown]:
    """The same data as the page shows it, one group per section."""
    shown = []
    for section in _SECTIONS:
        data = section.data(user)
        if data is not None:
            shown.append(_shown(section.title, data))
    return shown


def _shown(label: str, value: Any) -> Shown:
    if isinstance(value, dict):
        return Shown(
            label, children=tuple(_shown(_label(key), item) for key, item in value.items())
        )
    if isinstance(value, list | tuple):
        if not value:
            return Shown(label, text="Ninguno")
        items = [_shown(f"{n}.", item) for n, item in enumerate(value[:SHOWN_ITEMS], 1)]
        if len(value) > SHOWN_ITEMS:
            more = formats.number_format(len(value) - SHOWN_ITEMS, force_grouping=True)
            items.append(Shown(f"Y {more} más", text=IN_DOWNLOAD_WORDS, in_download=True))
        return Shown(label, children=tuple(items))
    return Shown(label, text=_text(value))


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Sí" if value else "No"
    if isinstance(value, datetime):
        when = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(when, "j \\d\\e F \\d\\e Y, H:i").lower()
    return str(value)


def _label(key: str) -> str:
    words = key.replace("_", " ")
    return words[:1].upper() + words[1:]


class _LocalTimeEncoder(DjangoJSONEncoder):
    """Dates in Colombia's time, as the page shows them."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime) and timezone.is_aware(o):
            return timezone.localtime(o).isoformat()
        return super().default(o)
