"""Flags other apps add to the nurse's day view, without responses importing them.

    from responses.day_flags import DayFlag, register_day_flag_source

    @register_day_flag_source
    def my_flags(appointment_ids) -> dict[int, list[DayFlag]]: ...

The reminder engine registers its pre-visit flag here in its AppConfig.ready()
(like visits.visit_times): one call per source for the whole day, so the day
view keeps a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from visits.registry import Registry


@dataclass(frozen=True)
class DayFlag:
    label: str  # translated, shown as a tag on the row
    detail: str = ""  # shown beside it (e.g. what is missing)
    tone: str = "orange"


DayFlagSource = Callable[[list[int]], dict[int, list[DayFlag]]]
_SOURCES = Registry()
register_day_flag_source = _SOURCES.register
unregister_day_flag_source = _SOURCES.unregister


def day_flags(appointment_ids: Iterable[int]) -> dict[int, list[DayFlag]]:
    """Every registered source's flags, per appointment id."""
    ids = list(appointment_ids)
    found: dict[int, list[DayFlag]] = {}
    if not ids:
        return found
    for source in _SOURCES:
        for appointment_id, flags in source(ids).items():
            found.setdefault(appointment_id, []).extend(flags)
    return found
