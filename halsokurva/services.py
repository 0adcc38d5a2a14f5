"""Writes of Hälsokurva results: compute from inputs with the table in force, override a level, freeze.

The caller (the visit) owns the person and audits; these functions only keep the result.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from halsokurva.inputs import parse_input
from halsokurva.models import HalsokurvaResult, LevelOverride
from halsokurva.overrides import OverrideError, validate_override
from halsokurva.scoring import score
from halsokurva.selectors import table_in_force


class ResultFrozen(Exception):
    """The result belongs to a signed visit and is not changed any more."""


def result_compute(
    *, inputs: dict, region, on: dt.date, result: HalsokurvaResult | None = None, table=None,
    now: dt.datetime | None = None,
) -> HalsokurvaResult:
    """Score `inputs` (the halsokurva_score input keys) with the table in force for `region` on `on`.

    Updates `result` in place (a visit recomputes as values arrive) or creates one. `table` (a
    ThresholdTable) skips the lookup when the caller has it already. Bad input raises
    halsokurva.inputs.InputError and changes nothing.
    """
    now = now or timezone.now()
    parsed = parse_input(inputs)
    table = table or table_in_force(region=region, on=on)
    computed = score(parsed, table.table)
    values = {
        "table": table,
        "ruleset": computed.ruleset,
        "sex_used": parsed.sex or "",
        "inputs": inputs,
        "computed": computed.as_json(),
        "computed_at": now,
    }
    if result is None:
        return HalsokurvaResult.objects.create(**values)
    if result.frozen_at is not None:
        raise ResultFrozen()
    for name, value in values.items():
        setattr(result, name, value)
    result.save(update_fields=[*values])
    return result


def result_override(
    *, result: HalsokurvaResult, row_key: str, level: int | None, reason: str, user=None,
    now: dt.datetime | None = None,
) -> LevelOverride:
    """Set a row's level by hand (reason required), or withdraw the override (level None)."""
    now = now or timezone.now()
    if result.frozen_at is not None:
        raise ResultFrozen()
    if level is None:
        validate_override(row_key, 1, reason or "withdrawn")
    else:
        validate_override(row_key, level, reason)
    return LevelOverride.objects.create(
        result=result, row_key=row_key, level=level, reason=(reason or "").strip(), created_at=now, created_by=user
    )


def result_freeze(*, result: HalsokurvaResult, now: dt.datetime | None = None) -> HalsokurvaResult:
    now = now or timezone.now()
    with transaction.atomic():
        HalsokurvaResult.objects.filter(pk=result.pk, frozen_at__isnull=True).update(frozen_at=now)
    result.refresh_from_db(fields=["frozen_at"])
    return result


__all__ = ["OverrideError", "ResultFrozen", "result_compute", "result_freeze", "result_override"]
