"""Health results across the visits in scope: the share at each Hälsokurva level per row, and alerts by group.

The level counted is the one in force on the visit — the nurse's override when
there is one, otherwise the computed level — so statistics show what the
citizen was told. A row without data counts as missing, never as level 1.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from halsokurva.models import LevelOverride
from halsokurva.scoring import ROW_KEYS
from invitations.models import Participation
from reporting.models import AreaIndex
from visits.models import Visit

ALERT_GROUPS = {
    "glucose": (_("Raised blood glucose"), {"glucose_raised", "glucose_diabetes", "nonfasting_glucose_high"}),
    "diabetes": (_("Suspected diabetes"), {"glucose_diabetes"}),
}
HIGH_BP_LEVEL = 3  # levels 3–4 of the blood-pressure row: "needs action"


@dataclass
class HealthSummary:
    visits: int = 0
    levels: dict[str, Counter] = field(default_factory=lambda: {key: Counter() for key in ROW_KEYS})
    alerts: dict[str, dict[object, Counter]] = field(default_factory=dict)  # dimension → group → alert counts
    group_sizes: dict[str, Counter] = field(default_factory=dict)


def _levels_in_force(visits: list[Visit]) -> dict[int, dict[str, int | None]]:
    result_ids = [v.result_id for v in visits if v.result_id]
    overrides: dict[int, dict[str, int | None]] = defaultdict(dict)
    for result_id, row_key, level in (
        LevelOverride.objects.filter(result_id__in=result_ids).order_by("created_at", "pk")
        .values_list("result_id", "row_key", "level")
    ):
        overrides[result_id][row_key] = level  # the latest wins; None withdraws an override
    levels: dict[int, dict[str, int | None]] = {}
    for visit in visits:
        computed = {row["key"]: row["level"] for row in (visit.result.computed.get("rows", []) if visit.result else [])}
        for key, level in overrides.get(visit.result_id, {}).items():
            if level is not None:
                computed[key] = level
        levels[visit.pk] = computed
    return levels


def health_summary(participations: QuerySet[Participation], *, dimension: str = "age") -> HealthSummary:
    visits = list(
        Visit.objects.filter(participation__in=participations, result__isnull=False)
        .select_related("result", "person", "participation__round__unit")
    )
    summary = HealthSummary(visits=len(visits))
    levels = _levels_in_force(visits)
    quintiles = {}
    if dimension == "quintile" and visits:
        region = visits[0].participation.round.unit.region_id
        quintiles = dict(AreaIndex.objects.filter(region_id=region).values_list("area_code", "quintile"))
    alerts: dict[object, Counter] = defaultdict(Counter)
    sizes: Counter = Counter()
    for visit in visits:
        for key in ROW_KEYS:
            summary.levels[key][levels[visit.pk].get(key)] += 1
        group = _group_of(visit, dimension, quintiles)
        sizes[group] += 1
        codes = set(visit.result.computed and (a["code"] for a in visit.result.computed.get("alerts", [])) or [])
        for alert_key, (_label, members) in ALERT_GROUPS.items():
            if codes & members:
                alerts[group][alert_key] += 1
        bp_level = levels[visit.pk].get("blodtryck")
        if bp_level is not None and bp_level >= HIGH_BP_LEVEL:
            alerts[group]["high_bp"] += 1
    summary.alerts[dimension] = dict(alerts)
    summary.group_sizes[dimension] = sizes
    return summary


def _group_of(visit: Visit, dimension: str, quintiles: dict):
    person = visit.person
    if dimension == "sex":
        return person.sex
    if dimension == "area":
        return person.area_code or "–"
    if dimension == "quintile":
        return quintiles.get(person.area_code)
    return visit.participation.round.year - person.birth_date.year  # age turned in the round's year
