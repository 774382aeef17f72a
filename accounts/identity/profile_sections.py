"""Cards other apps add to /perfil/ without accounts knowing them: an app registers, from
its ``AppConfig.ready()``, a template and a function giving that template's context for the
person (None when the card has nothing to show them)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from attrs import frozen
from django.http import HttpRequest


@frozen
class ProfileSection:
    template_name: str
    context: Callable[[HttpRequest], Mapping[str, Any] | None]


_SECTIONS: list[ProfileSection] = []


def add_profile_section(section: ProfileSection) -> None:
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def profile_sections(request: HttpRequest) -> list[tuple[str, Mapping[str, Any]]]:
    """The cards to show this person, each as (template name, its context)."""
    shown = []
    for section in _SECTIONS:
        context = section.context(request)
        if context is not None:
            shown.append((section.template_name, context))
    return shown
