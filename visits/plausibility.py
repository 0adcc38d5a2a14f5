"""Plausibility ranges for the visit's values.

A value outside the usual range is not saved until the nurse confirms it; a value outside
what is physically possible (the Hälsokurva's own input limits) is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Range:
    low: Decimal
    high: Decimal
    possible_low: Decimal
    possible_high: Decimal
    unit: str


def _r(low, high, possible_low, possible_high, unit):
    return Range(Decimal(str(low)), Decimal(str(high)), Decimal(str(possible_low)), Decimal(str(possible_high)), unit)


RANGES: dict[str, Range] = {
    "height_cm": _r(120, 230, 50, 250, "cm"),
    "weight_kg": _r(35, 250, 20, 400, "kg"),
    "waist_cm": _r(50, 200, 30, 250, "cm"),
    "hip_cm": _r(60, 200, 30, 250, "cm"),
    "systolic_1": _r(70, 260, 50, 300, "mmHg"),
    "systolic_2": _r(70, 260, 50, 300, "mmHg"),
    "diastolic_1": _r(40, 150, 20, 200, "mmHg"),
    "diastolic_2": _r(40, 150, 20, 200, "mmHg"),
    "heart_rate": _r(35, 180, 20, 250, "/min"),
    "exercise_minutes": _r(0, 1500, 0, 10080, "min"),
    "everyday_minutes": _r(0, 3000, 0, 10080, "min"),
    "fp_glucose": _r(3, 20, 0, 50, "mmol/l"),
    "nonfasting_glucose": _r(3, 30, 0, 50, "mmol/l"),
    "hba1c": _r(20, 130, 0, 250, "mmol/mol"),
    "total_cholesterol": _r(2, 12, 0, 30, "mmol/l"),
    "hdl": _r("0.5", 4, 0, 10, "mmol/l"),
    "ldl": _r("0.5", 10, 0, 25, "mmol/l"),
    "triglycerides": _r("0.3", 15, 0, 50, "mmol/l"),
}


def _n(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


@dataclass(frozen=True)
class Finding:
    field: str
    impossible: bool  # True: refused; False: needs confirmation
    message: str


def check(field: str, value: Decimal | None) -> Finding | None:
    """None when `value` is usual (or absent); else what is wrong with it."""
    spec = RANGES.get(field)
    if spec is None or value is None:
        return None
    if not spec.possible_low <= value <= spec.possible_high:
        return Finding(field, True, _("%(value)s %(unit)s is not possible. Check the value.") % {
            "value": _n(value), "unit": spec.unit})
    if not spec.low <= value <= spec.high:
        return Finding(field, False, _(
            "%(value)s %(unit)s is outside the usual range %(low)s–%(high)s %(unit)s. Check it, and confirm it if "
            "it is right.") % {"value": _n(value), "unit": spec.unit, "low": _n(spec.low), "high": _n(spec.high)})
    return None
