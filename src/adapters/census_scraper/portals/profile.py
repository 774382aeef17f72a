"""A census portal as data: what shows when it is this portal, its form, where its answer
comes from and how that answer is read.

The Registraduría moves between lookup pages around elections, so what we know of each is
a profile loaded from ``portals.toml`` (with its version), never a code path. The driver
follows a profile's steps; a reader named by the profile turns its answer into an outcome.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from attrs import field, frozen

from adapters.census_scraper.egress import Origin
from adapters.census_scraper.readers import READERS
from adapters.census_scraper.verdict import Reader

PORTALS_FILE = Path(__file__).with_name("portals.toml")
AUTO = "auto"
# The form actions a step may take: fill the document field, pick an option, click.
ACTIONS = ("fill", "select", "click")


@frozen(kw_only=True)
class Step:
    action: str
    selector: str
    # For ``select``: the option's value.
    value: str = ""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Step:
        actions = [action for action in ACTIONS if action in data]
        if len(actions) != 1:
            raise ValueError(f"a step names one action of {', '.join(ACTIONS)}: {dict(data)}")
        action = actions[0]
        if action == "select" and "value" not in data:
            raise ValueError(f"a select step needs the option's value: {dict(data)}")
        return cls(action=action, selector=str(data[action]), value=str(data.get("value", "")))

    @property
    def widget(self) -> str:
        """What the page lacks when this step cannot be taken (for PageChanged), in the
        Spanish operators read after "falta"."""
        if self.action == "select":
            return f"la opción {self.value} de {self.selector}"
        if self.action == "click":
            return f"un botón de envío habilitado {self.selector}"
        return f"el campo del formulario {self.selector}"


@frozen(kw_only=True)
class AnswerSource:
    """Where the answer comes from: the POST whose URL path matches ``path``; on the page's
    origin unless ``origin`` names another host (which the browser may then reach)."""

    path: str
    reader: str = field()
    origin: str = ""

    @reader.validator
    def _known_reader(self, attribute: object, reader: str) -> None:
        if reader not in READERS:
            raise ValueError(f"unknown reader {reader!r}; known: {', '.join(READERS)}")

    @property
    def read(self) -> Reader:
        return READERS[self.reader]

    def matches(self, url: str) -> bool:
        return re.search(self.path, urlsplit(url).path, re.IGNORECASE) is not None


@frozen(kw_only=True)
class PortalProfile:
    name: str
    description: str
    # Where people look themselves up on this portal.
    page: str
    hosts: tuple[str, ...] = field(converter=lambda hosts: tuple(h.lower() for h in hosts))
    # The document field: when it shows, the page is this portal's form.
    field: str
    steps: tuple[Step, ...]
    answer: AnswerSource
    # What the page itself says when it refuses a submit for a missing CAPTCHA (compared
    # without accents or case, against what shows).
    refusals: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> PortalProfile:
        try:
            name = str(data["name"])
            profile = cls(
                name=name,
                description=str(data.get("description", "")),
                page=str(data["page"]),
                hosts=tuple(data.get("hosts", ())),
                field=str(data["field"]),
                steps=tuple(Step.from_data(step) for step in data["steps"]),
                answer=AnswerSource(**data["answer"]),
                refusals=tuple(str(words) for words in data.get("refusals", ())),
            )
        except KeyError as missing:
            raise ValueError(f"census portal {data.get('name', '?')!r} lacks {missing}") from None
        Origin.of(profile.page)
        if not profile.field.startswith("#"):
            # A page nobody rendered is recognised by an element's id.
            raise ValueError(f"portal {name!r}: the document field must be an #id")
        if profile.answer.origin:
            Origin.of(profile.answer.origin)
        return profile

    def knows(self, url: str) -> bool:
        """Whether ``url`` is on one of this portal's hosts."""
        return (urlsplit(url).hostname or "").lower() in self.hosts


@frozen
class Portals:
    version: str
    profiles: tuple[PortalProfile, ...]

    @classmethod
    def load(cls, path: Path = PORTALS_FILE) -> Portals:
        with path.open("rb") as file:
            data = tomllib.load(file)
        profiles = tuple(PortalProfile.from_data(item) for item in data.get("portal", ()))
        names = [profile.name for profile in profiles]
        if not profiles or len(set(names)) != len(names) or AUTO in names:
            raise ValueError(f"{path}: portal names must be unique, not {AUTO!r}: {names}")
        return cls(version=str(data["version"]), profiles=profiles)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(profile.name for profile in self.profiles)

    def named(self, name: str) -> PortalProfile:
        for profile in self.profiles:
            if profile.name == name:
                return profile
        raise ValueError(f"unknown census portal {name!r}; known: {AUTO}, {', '.join(self.names)}")

    def candidates(self, url: str, portal: str = AUTO) -> tuple[PortalProfile, ...]:
        """The profiles a page at ``url`` may be: the one forced, else the one whose host
        it is on, else every one (recognised by what the page shows)."""
        if portal != AUTO:
            return (self.named(portal),)
        known = tuple(profile for profile in self.profiles if profile.knows(url))
        return known[:1] or self.profiles

    def fields(self, profiles: Iterable[PortalProfile] | None = None) -> dict[str, str]:
        return {p.name: p.field for p in (self.profiles if profiles is None else profiles)}


@functools.cache
def known_portals() -> Portals:
    """The portals of ``portals.toml``, read once per process."""
    return Portals.load()
