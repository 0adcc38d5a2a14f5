"""Sections other apps add to the person page (population depends on no other app).

An app registers a panel in its AppConfig.ready():

    @person_panel(order=20, template="invitations/_person_participations.html")
    def participations(request, person):
        return {"participations": ...}   # or None to show nothing

Panels receive the request (user and active unit) and must read through
their own app's scoped selectors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonPanel:
    order: int
    template: str
    build: Callable


_PANELS: list[PersonPanel] = []


def person_panel(*, order: int, template: str):
    def register(build):
        if not any(p.build.__qualname__ == build.__qualname__ and p.template == template for p in _PANELS):
            _PANELS.append(PersonPanel(order, template, build))
            _PANELS.sort(key=lambda p: p.order)
        return build

    return register


def panels_for(request, person) -> list[tuple[str, dict]]:
    shown = []
    for panel in _PANELS:
        context = panel.build(request, person)
        if context is not None:
            shown.append((panel.template, context))
    return shown
