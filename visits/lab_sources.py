"""Where the visit page gets lab values from: sources other apps register, or the nurse.

Lab orders and results are kept by the replies stream (``responses``), which visits does not
import. It registers a source in its AppConfig.ready():

    from visits.lab_sources import LabResult, register_lab_source

    @register_lab_source
    def lab_results(participation) -> list[LabResult]:
        return [LabResult(code="fp_glucose", value=Decimal("5.4"), unit="mmol/l", taken_on=..., source="Lab-ROS")]

``lab_results_for(participation)`` merges every source (the latest value per code wins); the
visit page shows those values read-only and lets the nurse enter the ones no source has.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from visits.registry import Registry

logger = logging.getLogger(__name__)

# Our code → (label, unit, LOINC (DOMAIN.md §6)). The Hälsokurva reads the first four and the lipids.
LAB_CODES: dict[str, tuple[str, str, str]] = {
    "fp_glucose": ("fP-glukos", "mmol/l", "14771-0"),
    "nonfasting_glucose": ("P-glukos (icke fastande)", "mmol/l", "14749-6"),
    "hba1c": ("HbA1c", "mmol/mol", "59261-8"),
    "total_cholesterol": ("Kolesterol", "mmol/l", "14647-2"),
    "hdl": ("HDL-kolesterol", "mmol/l", "14646-4"),
    "ldl": ("LDL-kolesterol", "mmol/l", "22748-8"),
    "triglycerides": ("Triglycerider", "mmol/l", "14927-8"),
}

# Swedish labs report NPU codes. Check against the region's lab catalogue before relying on it:
# the list ships as reference data, like the KVÅ codes flagged "verify".
NPU_CODES: dict[str, str] = {
    "NPU22089": "fp_glucose",
    "NPU02192": "nonfasting_glucose",
    "NPU27300": "hba1c",
    "NPU01566": "total_cholesterol",
    "NPU01567": "hdl",
    "NPU01568": "ldl",
    "NPU04094": "triglycerides",
}


@dataclass(frozen=True)
class LabResult:
    code: str  # a key of LAB_CODES
    value: Decimal
    unit: str
    taken_on: dt.date | None = None
    source: str = ""  # shown to the nurse, e.g. "Lab-ROS"

    def __post_init__(self) -> None:
        if self.code not in LAB_CODES:
            raise ValueError(f"unknown lab code {self.code!r}; expected one of {', '.join(LAB_CODES)}")


LabSource = Callable[[object], Iterable[LabResult]]
_SOURCES = Registry()
register_lab_source = _SOURCES.register  # (source) -> source; a function of the participation
unregister_lab_source = _SOURCES.unregister


def npu_to_code(npu: str) -> str | None:
    return NPU_CODES.get(npu.strip().upper())


def lab_results_for(participation) -> dict[str, LabResult]:
    """The latest result per code from every registered source (a failing source is logged and skipped)."""
    latest: dict[str, LabResult] = {}
    for source in _SOURCES:
        try:
            results = list(source(participation))
        except Exception:  # noqa: BLE001 - one broken source must not take the visit page down
            logger.exception("Lab source %s failed", getattr(source, "__qualname__", source))
            continue
        for result in results:
            current = latest.get(result.code)
            if current is None or (result.taken_on or dt.date.min) >= (current.taken_on or dt.date.min):
                latest[result.code] = result
    return latest
