"""Page sections other apps add to a page whose app must not import them (ADR 8).

A page keeps one `PanelRegistry`; an app registers a panel in its AppConfig.ready():

    @registry.panel(order=20, template="invitations/_person_participations.html")
    def participations(request, obj):
        return {"participations": ...}   # or None to show nothing

Panels receive the request (user and active unit) and the page's object,
already scoped to the user, and read through their own app's selectors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    order: int
    template: str
    build: Callable


class PanelRegistry:
    def __init__(self) -> None:
        self._panels: list[Panel] = []

    def panel(self, *, order: int, template: str):
        """Register a panel builder (a decorator); the same builder and template registered twice is kept once."""

        def register(build):
            if not any(p.build.__qualname__ == build.__qualname__ and p.template == template for p in self._panels):
                self._panels.append(Panel(order, template, build))
                self._panels.sort(key=lambda p: p.order)
            return build

        return register

    def shown(self, request, obj) -> list[tuple[str, dict]]:
        """(template, context) for every panel with something to show, in order."""
        shown = []
        for panel in self._panels:
            context = panel.build(request, obj)
            if context is not None:
                shown.append((panel.template, context))
        return shown
