"""How long the steps take: days from invitation to answer, to booking, to the visit; weekly trends."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Avg, Count, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncWeek
from django.utils import timezone

from invitations.models import PROGRESSION, Participation, ParticipationEvent, ParticipationState
from reporting.aggregates import DaysBetween, Median

S = ParticipationState


def _reached_from(state: str) -> tuple[str, ...]:
    return PROGRESSION[PROGRESSION.index(state):]


def first_time(state: str) -> Min:
    """When the participation first reached `state` (an aggregate: the query groups per participation)."""
    return Min("events__at", filter=Q(events__to_status__in=_reached_from(state)))


def _first_time_of_each(state: str) -> Subquery:
    """The same as a subquery per participation, for grouping the participations by it."""
    return Subquery(
        ParticipationEvent.objects.filter(participation=OuterRef("pk"), to_status__in=_reached_from(state))
        .order_by("at").values("at")[:1]
    )


@dataclass(frozen=True)
class Duration:
    key: str
    count: int
    median_days: float | None
    mean_days: float | None


SPANS = (("to_answer", S.ANSWERED), ("to_booking", S.BOOKED), ("to_visit", S.VISITED))


def durations(queryset: QuerySet[Participation]) -> list[Duration]:
    """Days from the invitation to the answer, the booking and the visit: count, median and mean, in one query.

    The first times are grouped per participation and the spans aggregated over them in the database
    (a subquery), so no participation is read into Python however large the scope.
    """
    firsts = queryset.annotate(
        t_invited=first_time(S.INVITED), **{f"t_{key}": first_time(state) for key, state in SPANS}
    ).annotate(**{f"d_{key}": DaysBetween("t_invited", f"t_{key}") for key, _state in SPANS})
    figures = firsts.aggregate(
        **{
            name: aggregate
            for key, _state in SPANS
            for name, aggregate in (
                (f"n_{key}", Count(f"d_{key}")),
                (f"median_{key}", Median(f"d_{key}")),
                (f"mean_{key}", Avg(f"d_{key}")),
            )
        }
    )
    return [
        Duration(
            key,
            figures[f"n_{key}"],
            _days(figures[f"median_{key}"]),
            _days(figures[f"mean_{key}"]),
        )
        for key, _state in SPANS
    ]


def _days(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def weekly(queryset: QuerySet[Participation]) -> list[dict]:
    """Per ISO week (Monday to Sunday, Swedish time): how many were invited, answered and had their visit.

    Counted in the database, one grouped query per step: a participation counts in the week it first
    reached the step.
    """
    weeks: dict[dt.date, dict[str, int]] = defaultdict(lambda: {"invited": 0, "answered": 0, "visited": 0})
    for key, state in (("invited", S.INVITED), ("answered", S.ANSWERED), ("visited", S.VISITED)):
        grouped = (
            queryset.annotate(t=_first_time_of_each(state))
            .filter(t__isnull=False)
            .annotate(monday=TruncWeek("t"))
            .values("monday")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in grouped:
            weeks[timezone.localtime(row["monday"]).date()][key] += row["n"]
    return [
        {"week": f"{monday.isocalendar()[0]}-v{monday.isocalendar()[1]:02d}", "monday": monday, **counts}
        for monday, counts in sorted(weeks.items())
    ]
