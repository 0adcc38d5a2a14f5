"""When and where the visit is, for the pre-visit reminder: bookings live in `responses`, which registers here.

    from visits.visit_times import VisitTime, register_visit_time_source

    @register_visit_time_source
    def booked_time(participation, language) -> VisitTime | None: ...

(Like visits.lab_sources: visits does not import the replies stream.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from visits.registry import Registry


@dataclass(frozen=True)
class VisitTime:
    date: str  # as the citizen reads it, e.g. "tisdag 10 mars 2026"
    time: str  # "09:00"
    place: str


VisitTimeSource = Callable[[object, str], VisitTime | None]
_SOURCES = Registry()
register_visit_time_source = _SOURCES.register  # (source) -> source; a function of (participation, language)
unregister_visit_time_source = _SOURCES.unregister


def visit_time_for(participation, language: str = "sv") -> VisitTime | None:
    """The booked time of the participation's visit, from the first source that knows it."""
    for source in _SOURCES:
        found = source(participation, language)
        if found is not None:
            return found
    return None
