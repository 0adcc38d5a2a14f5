"""The participation funnel and its breakdowns, computed set-based in the database.

A participation has *reached* a step when it entered that state or a later
one in the programme's order (selected → invited → answered → booked →
visited → documented): a phone booking that skipped "answered" still counts
as answered. The state machine keeps the furthest step entered in
`Participation.reached`, so these counts read one column, not the history.
The other steps read milestones the participation keeps as they happen
(`invited_via`, `read_at`, `questionnaire_at`, `lab_results_at`): every count
is a condition on the participation's own row, one pass over the scope.
Exits are the participation's current state. Steps whose data lives in an
app that is not installed show as empty (None), never as an error.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from invitations.models import PROGRESSION, ExitReason, Participation, ParticipationState
from reminders.answer_timing import ORDER as ANSWER_TIMING_ORDER
from reminders.answer_timing import answer_timing_parts
from reporting.models import AreaIndex

S = ParticipationState


def reached(state: str) -> Q:
    """Entered `state` or any later state of the progression."""
    return Q(reached__gte=PROGRESSION.index(state))


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    condition: Callable[[], object] | None  # an expression usable in Q(); None = data not available
    exit: bool = False


def _if_installed(app_label: str, build: Callable[[], object]) -> Callable[[], object] | None:
    return build if apps.is_installed(app_label) else None


def _invited_by(route: str):
    return lambda: Q(invited_via=route)


def _read():
    return Q(read_at__isnull=False)


def _lab_done():
    return Q(lab_results_at__isnull=False)


def _questionnaire_answered():
    return Q(questionnaire_at__isnull=False)


def funnel_steps() -> list[Step]:
    steps = [
        Step("selected", _("Selected"), lambda: Q(pk__isnull=False)),
        Step("invited", _("Invited"), lambda: reached(S.INVITED)),
        Step("invited_digital", _("– digitally"), _if_installed("invitations", _invited_by("digital"))),
        Step("invited_phone", _("– by phone"), _if_installed("invitations", _invited_by("phone"))),
        Step("invited_letter", _("– by letter"), _if_installed("invitations", _invited_by("letter"))),
        Step("read", _("Read the invitation"), _if_installed("invitations", _read)),
        Step("answered", _("Answered"), lambda: reached(S.ANSWERED)),
        Step("booked", _("Booked"), lambda: reached(S.BOOKED)),
        Step("questionnaire", _("Questionnaire answered"), _if_installed("questionnaire", _questionnaire_answered)),
        Step("lab_done", _("Lab results in"), _if_installed("responses", _lab_done)),
        Step("visited", _("Visit held"), lambda: reached(S.VISITED)),
        Step("documented", _("Documented"), lambda: reached(S.DOCUMENTED)),
        Step("declined", _("Declined"), lambda: Q(state=S.DECLINED), exit=True),
        Step("not_reached", _("Not reached"), lambda: Q(state=S.NOT_REACHED), exit=True),
        Step(
            "moved", _("Moved or left the list"),
            lambda: Q(state=S.EXCLUDED, exit_reason__in=[ExitReason.MOVED, ExitReason.NOT_LISTED]), exit=True,
        ),
        Step("deceased", _("Deceased"), lambda: Q(state=S.EXCLUDED, exit_reason=ExitReason.DECEASED), exit=True),
    ]
    return steps + extra_steps()


# Further steps registered by what exists (read, questionnaire answered, lab done, per channel).
_EXTRA_STEPS: list[tuple[int, Callable[[], Step | None]]] = []


def register_step(position: int, build: Callable[[], Step | None]) -> None:
    _EXTRA_STEPS.append((position, build))


def extra_steps() -> list[Step]:
    built = [(pos, build()) for pos, build in _EXTRA_STEPS]
    return [step for _pos, step in sorted(built, key=lambda t: t[0]) if step is not None]


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    expression: Callable[[], object] | None = None  # the group of each participation, as a database expression
    order: tuple[str, ...] = ()  # the rows' order when it is not the values' (e.g. a timeline)
    # Or, instead of one expression: (condition, expression) pairs that split the scope, one grouped query each,
    # their rows added up — for a dimension that is a plain column for most rows and costly for a few.
    parts: Callable[[], list[tuple[Q, object]]] | None = None


def _age_expression():
    return F("age")  # the age turned in the round's year, kept from the selection


def _quintile_expression():
    """The quintile of the person's area (when selected) in the round's region, as one CASE over the area codes.

    The area indexes are read once and the condition tested on each row (PostgreSQL hashes long IN lists),
    instead of looking the area up in the index table once per participation.
    """
    areas: dict[tuple[int, int], list[str]] = defaultdict(list)
    for region_id, area_code, quintile in AreaIndex.objects.values_list("region_id", "area_code", "quintile"):
        areas[(region_id, quintile)].append(area_code)
    return Case(
        *(
            When(round__unit__region_id=region_id, area_code__in=codes, then=Value(quintile))
            for (region_id, quintile), codes in sorted(areas.items())
        ),
        default=Value(None),
        output_field=IntegerField(),
    )


def _channel_expression():
    return Coalesce(NullIf(F("invited_via"), Value("")), Value("–"))


def _template_expression():
    from invitations.models import InvitationCase

    return Coalesce(
        Subquery(InvitationCase.objects.filter(participation=OuterRef("pk")).order_by("created_at")
                 .values("template_kind")[:1]),
        Value("–"),
    )


DIMENSIONS: dict[str, Dimension] = {
    "age": Dimension("age", _("Age"), _age_expression),
    "sex": Dimension("sex", _("Sex"), lambda: F("person__sex")),
    "language": Dimension(
        "language", _("Language"), lambda: Coalesce(NullIf(F("person__preferred_language"), Value("")), Value("sv"))
    ),
    "area": Dimension("area", _("Area"), lambda: Coalesce(NullIf(F("area_code"), Value("")), Value("–"))),
    "quintile": Dimension("quintile", _("Deprivation quintile"), _quintile_expression),
    "unit": Dimension("unit", _("Care unit"), lambda: F("round__unit__name")),
    "year": Dimension("year", _("Round"), lambda: F("round__year")),
    "channel": Dimension("channel", _("Channel"), _channel_expression),
    "template": Dimension("template", _("Template"), _template_expression),
    "reminder": Dimension("reminder", _("Reminder"), order=tuple(ANSWER_TIMING_ORDER), parts=answer_timing_parts),
}


@dataclass
class FunnelTable:
    steps: list[Step]
    dimension: Dimension | None
    rows: list[dict] = field(default_factory=list)  # {"group": value, step.key: count or None}
    total: dict = field(default_factory=dict)


def participations_in_scope(
    *, unit_ids, years: list[int] | None = None, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> QuerySet[Participation]:
    """Participations of the scope's units; the period filters on when people were selected."""
    qs = Participation.objects.filter(round__unit_id__in=unit_ids)
    if years:
        qs = qs.filter(round__year__in=years)
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs


def funnel(queryset: QuerySet[Participation], *, dimension: str | None = None) -> FunnelTable:
    steps = funnel_steps()
    dim = DIMENSIONS.get(dimension) if dimension else None
    counts = {
        step.key: Count("pk", filter=Q(step.condition())) for step in steps if step.condition is not None
    }
    table = FunnelTable(steps=steps, dimension=dim)
    with _reporting_query():
        if dim is None:
            total = queryset.aggregate(**counts)
            table.total = {step.key: total.get(step.key) for step in steps}
            return table
        parts = dim.parts() if dim.parts else [(None, dim.expression())]
        merged: dict[object, dict] = {}
        for condition, expression in parts:
            part = queryset.filter(condition) if condition is not None else queryset
            for row in part.annotate(group=expression).values("group").annotate(**counts).order_by("group"):
                if not row["selected"]:
                    continue  # a constant group over no rows still gives a row of zeros
                into = merged.setdefault(row["group"], {"group": row["group"], **{s.key: None for s in steps}})
                for s in steps:
                    if row.get(s.key) is not None:
                        into[s.key] = (into[s.key] or 0) + row[s.key]
        table.rows = list(merged.values())
    # Every participation is in exactly one group: the total is the rows' sum, not a second pass over the data.
    table.total = {
        step.key: sum(row[step.key] for row in table.rows) if step.condition is not None else None for step in steps
    }
    if dim.order:
        table.rows.sort(key=lambda r: dim.order.index(r["group"]) if r["group"] in dim.order else len(dim.order))
    return table


@contextmanager
def _reporting_query():
    """PostgreSQL: no JIT for these aggregates. Their per-row subqueries inflate the planner's cost estimate
    past the JIT thresholds, and compiling then takes longer than the query itself (bench/statistics_funnel.py)."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        yield


def rate(numerator: int | None, denominator: int | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator
