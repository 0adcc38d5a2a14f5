"""The Stjärnprofil (DOMAIN.md §3): rays scored 1-5 from the Hälsokurva levels (pure Python)."""

from __future__ import annotations

from halsokurva.inputs import NUMBER_LIMITS, checked_integer, checked_number
from halsokurva.numbers import band_for, round_half_up
from halsokurva.results import ScoringResult
from halsokurva.table import validate_table


def stjarnprofil(
    result: ScoringResult,
    table: dict,
    *,
    glucose_fasting: float | None = None,
    stress_points: int | None = None,
) -> list[tuple[str, int | None]]:
    """Rays of the Stjärnprofil in table order: (ray key, score 1-5 or None when missing)."""
    validate_table(table)
    spec = table["stjarnprofil"]
    levels = {row.key: row.level for row in result.rows}
    rays: list[tuple[str, int | None]] = []
    for ray in spec["rays"]:
        score_: int | None = None
        if "row" in ray:
            level = levels.get(ray["row"])
            score_ = None if level is None else spec["level_scores"][str(level)]
        elif ray["from"] == "fasting_glucose" and glucose_fasting is not None:
            glucose = table["alerts"]["fasting_glucose"]
            value = checked_number("glucose_fasting", glucose_fasting, *NUMBER_LIMITS["fp_glucose"])
            code = band_for(round_half_up(value, glucose["precision"]), glucose["bands"])["alert"]
            score_ = spec["glucose_scores"][code or "none"]
        elif ray["from"] == "stress_points" and stress_points is not None:
            score_ = spec["stress_scores"][str(checked_integer("stress_points", stress_points, 0, 3))]
        rays.append((ray["key"], score_))
    return rays
