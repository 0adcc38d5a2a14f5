"""Reads for the statistics pages, always within the resolved scope (reporting.access.StatsScope)."""

from __future__ import annotations

from django.db.models import QuerySet

from invitations.models import Participation, Round
from population.models import CareUnit
from reporting.access import StatsScope
from reporting.services.funnel import participations_in_scope


def scope_years(scope: StatsScope) -> list[int]:
    return sorted(
        set(Round.objects.filter(unit_id__in=scope.unit_ids).values_list("year", flat=True)), reverse=True
    )


def scope_units(scope: StatsScope) -> list[CareUnit]:
    return list(CareUnit.objects.filter(pk__in=scope.unit_ids).order_by("name")) if scope.is_region else []


def filtered_participations(scope: StatsScope, filters: dict) -> QuerySet[Participation]:
    unit_ids = scope.unit_ids
    if filters.get("unit") and filters["unit"] in unit_ids:
        unit_ids = (filters["unit"],)
    return participations_in_scope(
        unit_ids=unit_ids,
        years=[filters["year"]] if filters.get("year") else None,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
