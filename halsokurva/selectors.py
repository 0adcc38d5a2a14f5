"""Reads of threshold tables and stored results (no personal data: results are read through their visit)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from halsokurva.models import HalsokurvaResult, LevelOverride, ThresholdTable
from halsokurva.overrides import EffectiveRow, Override, effective_rows
from halsokurva.results import ScoringResult
from halsokurva.table import select_table


class NoTableInForce(LookupError):
    pass


def tables_for_region(*, region) -> QuerySet[ThresholdTable]:
    """The region's own tables and the national ones, newest first."""
    condition = Q(region__isnull=True)
    if region is not None:
        condition |= Q(region=region)
    return ThresholdTable.objects.filter(condition).select_related("region").order_by("-valid_from", "-pk")


def table_in_force(*, region, on: dt.date) -> ThresholdTable:
    """The table a result computed for `region` on `on` uses (the region's own once valid, else national)."""
    rows = tables_for_region(region=region).order_by("valid_from", "pk").values_list("region_id", "valid_from", "pk")
    try:
        pk = select_table(rows, region=region.pk if region is not None else None, on=on)
    except LookupError as exc:
        raise NoTableInForce(str(exc)) from None
    return ThresholdTable.objects.select_related("region").get(pk=pk)


def table_in_force_by_code(*, region_code: str | None, on: dt.date) -> ThresholdTable:
    """As table_in_force, naming the region by its code (the command line)."""
    from population.models import Region

    region = None
    if region_code:
        region = Region.objects.filter(code=region_code).first()
        if region is None:
            raise NoTableInForce(f"unknown region {region_code!r}")
    return table_in_force(region=region, on=on)


def overrides_in_force(result: HalsokurvaResult) -> dict[str, LevelOverride]:
    """The latest override per row that sets a level (a later withdrawal removes the row's override)."""
    latest: dict[str, LevelOverride] = {}
    for override in result.overrides.all():  # ordered by time; prefetched where lists need it
        latest[override.row_key] = override
    return {key: o for key, o in latest.items() if o.level is not None}


@dataclass(frozen=True)
class ResultView:
    """A stored result as the pages show it: computed levels, the levels in force and why."""

    stored: HalsokurvaResult
    computed: ScoringResult
    rows: tuple[EffectiveRow, ...]

    @property
    def shown(self) -> ScoringResult:
        """The result with the levels in force (what the Hälsokurva draws)."""
        from halsokurva.overrides import apply_overrides

        return apply_overrides(self.computed, self._overrides())

    def _overrides(self) -> list[Override]:
        return [Override(r.key, r.level, r.reason) for r in self.rows if r.overridden]

    def level(self, key: str) -> int | None:
        return next(r.level for r in self.rows if r.key == key)

    @property
    def levels(self) -> dict[str, int | None]:
        return {r.key: r.level for r in self.rows}


def result_view(result: HalsokurvaResult) -> ResultView:
    computed = result.scoring_result()
    overrides = [Override(o.row_key, o.level, o.reason) for o in overrides_in_force(result).values()]
    return ResultView(stored=result, computed=computed, rows=effective_rows(computed, overrides))
