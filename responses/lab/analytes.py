"""The lab analyses ordered before a health dialogue, the values they give, and what is plausible.

fP-Glukos gives fasting glucose (and HbA1c when the lab adds it);
fP-Lipidstatus gives total cholesterol, HDL, LDL and triglycerides. A value
outside its plausible range is refused as a likely typing or unit error
(these are not reference intervals). Units are SI, as DOMAIN.md §6 lists
them with their LOINC codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Analysis(models.TextChoices):
    FP_GLUKOS = "fp_glukos", "fP-Glukos"
    FP_LIPIDSTATUS = "fp_lipidstatus", "fP-Lipidstatus"


class Analyte(models.TextChoices):
    GLUCOSE = "glucose", _("Fasting glucose")
    TOTAL_CHOLESTEROL = "total_cholesterol", _("Total cholesterol")
    HDL = "hdl", _("HDL cholesterol")
    LDL = "ldl", _("LDL cholesterol")
    TRIGLYCERIDES = "triglycerides", _("Triglycerides")
    HBA1C = "hba1c", _("HbA1c")


@dataclass(frozen=True)
class AnalyteSpec:
    analyte: str
    analysis: str
    unit: str
    low: Decimal
    high: Decimal
    loinc: str
    required: bool = True  # the order has its results when every required value is in


MMOL_L = "mmol/L"
ANALYTES: dict[str, AnalyteSpec] = {
    s.analyte: s
    for s in [
        AnalyteSpec(Analyte.GLUCOSE, Analysis.FP_GLUKOS, MMOL_L, Decimal("1.0"), Decimal("35.0"), "14771-0"),
        AnalyteSpec(Analyte.HBA1C, Analysis.FP_GLUKOS, "mmol/mol", Decimal("15"), Decimal("200"), "59261-8",
                    required=False),
        AnalyteSpec(Analyte.TOTAL_CHOLESTEROL, Analysis.FP_LIPIDSTATUS, MMOL_L, Decimal("1.0"), Decimal("20.0"),
                    "14647-2"),
        AnalyteSpec(Analyte.HDL, Analysis.FP_LIPIDSTATUS, MMOL_L, Decimal("0.1"), Decimal("5.0"), "14646-4"),
        AnalyteSpec(Analyte.LDL, Analysis.FP_LIPIDSTATUS, MMOL_L, Decimal("0.1"), Decimal("15.0"), "22748-8"),
        AnalyteSpec(Analyte.TRIGLYCERIDES, Analysis.FP_LIPIDSTATUS, MMOL_L, Decimal("0.1"), Decimal("50.0"),
                    "14927-8"),
    ]
}


def analytes_of(analysis: str) -> list[AnalyteSpec]:
    return [s for s in ANALYTES.values() if s.analysis == analysis]


def required_analytes(analysis: str) -> set[str]:
    return {s.analyte for s in analytes_of(analysis) if s.required}


def same_unit(given: str, expected: str) -> bool:
    """'mmol/l', 'MMOL/L' and 'mmol/L' are the same unit."""
    return given.strip().replace(" ", "").lower() == expected.replace(" ", "").lower()


def plausibility_problem(analyte: str, value: Decimal) -> str | None:
    """Why `value` (in the analyte's own unit) cannot be right, or None."""
    spec = ANALYTES[analyte]
    if spec.low <= value <= spec.high:
        return None
    return str(
        _("%(analyte)s %(value)s %(unit)s is outside the plausible range %(low)s–%(high)s %(unit)s. Check the "
          "value and the unit.")
        % {"analyte": Analyte(analyte).label, "value": value, "unit": spec.unit, "low": spec.low, "high": spec.high}
    )
