"""How long the steps take: days from invitation to answer, to booking, to the visit; weekly trends."""

from __future__ import annotations

import datetime as dt
import statistics as pystats  # the standard library's (our app is named `reporting`, ADR 10)
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from invitations.models import PROGRESSION, Participation, ParticipationState

S = ParticipationState


def _first_time(state: str) -> Min:
    later = PROGRESSION[PROGRESSION.index(state):]
    return Min("events__at", filter=Q(events__to_status__in=later))


@dataclass(frozen=True)
class Duration:
    key: str
    count: int
    median_days: float | None
    mean_days: float | None


def step_times(queryset: QuerySet[Participation]):
    """(invited, answered, booked, visited) first times per participation, as aware datetimes or None."""
    return queryset.annotate(
        t_invited=_first_time(S.INVITED),
        t_answered=_first_time(S.ANSWERED),
        t_booked=_first_time(S.BOOKED),
        t_visited=_first_time(S.VISITED),
    ).values_list("t_invited", "t_answered", "t_booked", "t_visited")


def durations(queryset: QuerySet[Participation]) -> list[Duration]:
    spans: dict[str, list[float]] = {"to_answer": [], "to_booking": [], "to_visit": []}
    for invited, answered, booked, visited in step_times(queryset).iterator(chunk_size=5000):
        if invited is None:
            continue
        for key, later in (("to_answer", answered), ("to_booking", booked), ("to_visit", visited)):
            if later is not None:
                spans[key].append((later - invited).total_seconds() / 86400)
    return [
        Duration(
            key,
            len(values),
            round(pystats.median(values), 1) if values else None,
            round(pystats.fmean(values), 1) if values else None,
        )
        for key, values in spans.items()
    ]


def weekly(queryset: QuerySet[Participation]) -> list[dict]:
    """Per ISO week: how many were invited, answered and had their visit."""
    weeks: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: {"invited": 0, "answered": 0, "visited": 0})
    for invited, answered, _booked, visited in step_times(queryset).iterator(chunk_size=5000):
        for key, when in (("invited", invited), ("answered", answered), ("visited", visited)):
            if when is not None:
                local = timezone.localtime(when)
                year, week, _day = local.isocalendar()
                weeks[(year, week)][key] += 1
    return [
        {"week": f"{year}-v{week:02d}", "monday": dt.date.fromisocalendar(year, week, 1), **counts}
        for (year, week), counts in sorted(weeks.items())
    ]
