"""Sections of the citizen's home page, contributed by each area (invitation, booking, questionnaire, results).

    @citizen_section(order=10, template="citizen/_invitation_section.html")
    def invitation(request):
        return {...}   # or None when there is nothing to show
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    order: int
    template: str
    build: Callable


_SECTIONS: list[Section] = []


def citizen_section(*, order: int, template: str):
    def register(build):
        if not any(s.template == template for s in _SECTIONS):
            _SECTIONS.append(Section(order, template, build))
            _SECTIONS.sort(key=lambda s: s.order)
        return build

    return register


def sections_for(request) -> list[tuple[str, dict]]:
    shown = []
    for section in _SECTIONS:
        context = section.build(request)
        if context is not None:
            shown.append((section.template, context))
    return shown
