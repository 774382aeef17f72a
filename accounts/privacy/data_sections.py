"""Everything the portal holds about a person, assembled in one place without accounts
knowing the other apps: each app registers, from its ``AppConfig.ready()``, the sections
of what it holds (a JSON key, a Spanish title, a function giving that section's data for
the person, or None when it holds nothing about them, and a function telling it in plain
words). ``/perfil/mis-datos.json`` hands over every datum, as stored (Ley 1581's right of
access: the technical copy); ``/perfil/mis-datos/`` tells a person, section by section,
what we know about them, since when, why, and who sees it (``Told``), and leaves the
technical details (addresses, browser strings, the Registraduría's raw answer) to the
download. The page shows a long list (the people a leader brought: thousands) by its
first items, how many more there are and a link to the download, which holds every one.

The data are plain values (text, numbers, booleans, dates with time, lists, dictionaries
keyed by readable Spanish names in snake_case). A section registered without its words is
shown from its data, each key turned into a label."""

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


@frozen(kw_only=True)
class Fact:
    """One thing we know, as a person reads it: "Teléfono: 300 123 4567", or a list."""

    label: str
    text: str = ""
    items: tuple[str, ...] = ()
    # Items the page leaves to the download.
    more: int = 0


@frozen(kw_only=True)
class Told:
    """A section in plain words: what we know (``facts``, with since when), why we keep it,
    and who sees it."""

    facts: tuple[Fact, ...]
    why: str
    seen_by: str


@frozen
class DataSection:
    key: str
    title: str
    data: Callable[[CustomUser], Any]
    # The section in plain words for the page; None when we hold nothing about the person.
    # Without it, the page shows ``data`` with its keys as labels.
    told: Callable[[CustomUser], Told | None] | None = None


@frozen
class ReadableSection:
    """A section as the page shows it: its words, or else its data as ``Shown`` lines."""

    title: str
    told: Told | None = None
    shown: Shown | None = None


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
IN_DOWNLOAD_WORDS = "Descargar una copia de tus datos (JSON)"

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


def readable_sections(user: CustomUser) -> list[ReadableSection]:
    """What the page tells, one group per section that holds something about ``user``."""
    readable = []
    for section in _SECTIONS:
        if section.told is not None:
            told = section.told(user)
            if told is not None:
                readable.append(ReadableSection(section.title, told=told))
            continue
        data = section.data(user)
        if data is not None:
            readable.append(ReadableSection(section.title, shown=_shown(section.title, data)))
    return readable


def listed(label: str, texts: list[str], *, empty: str = "Ninguno") -> Fact:
    """A list as a fact: its first SHOWN_ITEMS, and how many more the download holds."""
    if not texts:
        return Fact(label=label, text=empty)
    return Fact(
        label=label,
        items=tuple(texts[:SHOWN_ITEMS]),
        more=max(len(texts) - SHOWN_ITEMS, 0),
    )


def when(moment: datetime | None, *, never: str = "—") -> str:
    """A moment as the page says it: "3 de diciembre de 2026, 14:05" (Colombia's time)."""
    return _text(moment) if moment is not None else never


def day(moment: datetime) -> str:
    """A moment's day: "3 de diciembre de 2026"."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return formats.date_format(local, "j \\d\\e F \\d\\e Y").lower()


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
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(local, "j \\d\\e F \\d\\e Y, H:i").lower()
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
