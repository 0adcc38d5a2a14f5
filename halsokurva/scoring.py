"""Pure scoring core of the Hälsokurva (DOMAIN.md §2) and the Stjärnprofil mapping (§3).

Standard library only: inputs in, levels and alerts out. Every threshold is read from a
threshold table (see ``default_thresholds.json`` and ``validate_table``), never from this
module, so an administrator's edited table changes the results.

This module holds ``score`` and the rules of each row; the other public names of the
scoring core live in small modules by sub-domain and are importable from here:

- ``halsokurva.inputs`` — ``parse_input`` and ``ScoringInput`` (validated input);
- ``halsokurva.results`` — ``ScoringResult`` and ``RowResult``;
- ``halsokurva.table`` — loading, validating and choosing threshold tables;
- ``halsokurva.answers`` — questionnaire answers to scoring inputs;
- ``halsokurva.stjarnprofil`` — the Stjärnprofil rays;
- ``halsokurva.overrides`` — the nurse's level overrides;
- ``halsokurva.numbers`` — exact decimals and band matching.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from halsokurva.answers import (
    activity_minutes,
    activity_minutes_from_options,
    activity_total,
    audit_c_points_from_options,
    everyday_minutes_from_option,
    exercise_minutes_from_option,
    kostindex_points_from_options,
    stress_points,
    stress_points_from_mm,
)
from halsokurva.constants import (
    ALERT_CODES,
    ALERT_KEYS,
    HEREDITY_KEYS,
    ROW_KEYS,
    SEXES,
    SOURCES,
    TOBACCO_STATUSES,
)
from halsokurva.inputs import Heredity, InputError, ScoringInput, parse_input
from halsokurva.numbers import as_output, band_for, in_band, mean_of, round_half_up, sexed_bands
from halsokurva.overrides import Override, OverrideError, apply_overrides
from halsokurva.results import RowResult, ScoringResult
from halsokurva.stjarnprofil import stjarnprofil
from halsokurva.table import DEFAULT_TABLE_FILE, load_default_table, select_table, validate_table

__all__ = [
    "ALERT_CODES",
    "ALERT_KEYS",
    "DEFAULT_TABLE_FILE",
    "HEREDITY_KEYS",
    "ROW_KEYS",
    "SEXES",
    "SOURCES",
    "TOBACCO_STATUSES",
    "Heredity",
    "InputError",
    "Override",
    "OverrideError",
    "RowResult",
    "ScoringInput",
    "ScoringResult",
    "activity_minutes",
    "activity_minutes_from_options",
    "apply_overrides",
    "audit_c_points_from_options",
    "everyday_minutes_from_option",
    "exercise_minutes_from_option",
    "kostindex_points_from_options",
    "load_default_table",
    "parse_input",
    "score",
    "select_table",
    "stjarnprofil",
    "stress_points_from_mm",
    "validate_table",
]




def score(inp: ScoringInput, table: dict) -> ScoringResult:
    """Score a validated input against a threshold table (validated here first)."""
    validate_table(table)
    rows = table["rows"]
    alerts: set[str] = set()

    bmi = whr = None
    if inp.height_cm is not None and inp.weight_kg is not None:
        bmi = round_half_up(inp.weight_kg / (inp.height_cm / 100) ** 2, rows["bmi"]["precision"])
    if inp.waist_cm is not None and inp.hip_cm is not None:
        whr = round_half_up(inp.waist_cm / inp.hip_cm, rows["midja_stuss"]["precision"])

    def banded(key: str, value: Decimal | None, bands: Sequence[Mapping] | None = None) -> RowResult:
        """The row's level from its bands (or the given sex-specific ones, None = row missing)."""
        spec = rows[key]
        if "by_sex" not in spec:
            bands = spec["bands"]
        if value is None or bands is None:
            return RowResult(key, None, None)
        rounded = round_half_up(value, spec["precision"])
        band = band_for(rounded, bands)
        if band.get("alert"):
            alerts.add(band["alert"])
        return RowResult(key, band["level"], as_output(rounded, spec["precision"]))

    results = {
        "fysisk_aktivitet": banded("fysisk_aktivitet", activity_total(inp, rows["fysisk_aktivitet"])),
        "matvanor": banded("matvanor", None if inp.kostindex is None else Decimal(sum(inp.kostindex))),
        "alkohol": banded(
            "alkohol", _audit_c_total(inp.audit_c, rows["alkohol"]), sexed_bands(rows["alkohol"], inp.sex)
        ),
        "tobak": _tobacco(inp, rows["tobak"]),
        "livssituation": RowResult("livssituation", inp.livssituation, inp.livssituation),
        "psykisk_halsa": _psychological(inp, rows["psykisk_halsa"]),
        "arftlighet": _heredity_row(inp.heredity, rows["arftlighet"]),
        "bmi": banded("bmi", bmi),
        "midja_stuss": banded("midja_stuss", whr, sexed_bands(rows["midja_stuss"], inp.sex)),
        "blodtryck": _blood_pressure(inp, rows["blodtryck"], alerts),
        "kolesterol": banded("kolesterol", inp.total_cholesterol),
    }

    alert_inputs = {
        "fasting_glucose": inp.fp_glucose,
        "nonfasting_glucose": inp.nonfasting_glucose,
        "waist": inp.waist_cm,
        "hdl": inp.hdl,
        "triglycerides": inp.triglycerides,
        "ldl": inp.ldl,
    }
    for name, value in alert_inputs.items():
        spec = table["alerts"][name]
        bands = spec["bands"] if "bands" in spec else sexed_bands(spec, inp.sex)
        if value is not None and bands is not None:
            code = band_for(round_half_up(value, spec["precision"]), bands)["alert"]
            if code:
                alerts.add(code)

    return ScoringResult(
        ruleset=table["version"],
        bmi=None if bmi is None else float(bmi),
        whr=None if whr is None else float(whr),
        rows=tuple(results[key] for key in ROW_KEYS),
        alerts=tuple(code for code in ALERT_CODES if code in alerts),
        sex_used=inp.sex,
    )


def _audit_c_total(points: Sequence[int] | None, spec: Mapping) -> Decimal | None:
    if points is None:
        return None
    if points[0] == 0 and spec["never_on_first_skips_rest"]["value"]:
        return Decimal(0)
    return Decimal(sum(points))


def _tobacco(inp: ScoringInput, spec: Mapping) -> RowResult:
    found: list[Mapping] = []  # in order smoking, snus, e-cigarette: the first highest wins
    if inp.smoking == "daily":
        daily = spec["smoking"]["daily"]
        count = inp.cigarettes_per_day
        found.append(
            daily["without_count"] if count is None else band_for(Decimal(count), daily["cigarette_bands"])
        )
    elif inp.smoking is not None:
        found.append(spec["smoking"][inp.smoking])
    if inp.snus is not None:
        found.append(spec["snus"][inp.snus])
    if inp.e_cigarette_or_water_pipe is not None:
        found.append(spec["e_cigarette_or_water_pipe"]["yes" if inp.e_cigarette_or_water_pipe else "no"])
    if not found:
        return RowResult("tobak", None, None)
    top = max(found, key=lambda entry: entry["level"])  # max() keeps the first of equals
    return RowResult("tobak", top["level"], top["category"])


def _psychological(inp: ScoringInput, spec: Mapping) -> RowResult:
    """Both stress and the symptom answers are needed: either alone cannot show level 1."""
    if inp.stress_mm is None or inp.symptoms_yes is None:
        return RowResult("psykisk_halsa", None, None)
    stress = stress_points(inp.stress_mm, spec)
    points = stress + inp.symptoms_yes * spec["points_per_yes"]["value"]
    level = band_for(round_half_up(Decimal(points), spec["precision"]), spec["bands"])["level"]
    if inp.symptoms_yes > 0:
        level = max(level, spec["minimum_level_with_a_yes"]["level"])
    return RowResult("psykisk_halsa", level, points)


def _heredity_row(heredity: Heredity | None, spec: Mapping) -> RowResult:
    if heredity is None:
        return RowResult("arftlighet", None, None)
    for rule in spec["rules"]:
        if all(getattr(heredity, k) == v for k, v in rule["when"].items()):
            return RowResult("arftlighet", rule["level"], rule["category"])
    raise ValueError("no heredity rule matched")  # validate_table requires a catch-all rule


def _blood_pressure(inp: ScoringInput, spec: Mapping, alerts: set[str]) -> RowResult:
    """Value "142/88"; with one side only, "142/" or "/88"."""
    means = {
        side: mean_of(getattr(inp, side), spec["precision"])
        for side in ("systolic", "diastolic")
        if getattr(inp, side)
    }
    if not means:
        return RowResult("blodtryck", None, None)
    level = max(band_for(mean, spec[side])["level"] for side, mean in means.items())
    high_normal = spec["high_normal"]
    if level <= high_normal["max_level"] and any(in_band(m, high_normal[s]) for s, m in means.items()):
        alerts.add(high_normal["alert"])
    value = f"{means.get('systolic', '')}/{means.get('diastolic', '')}"
    return RowResult("blodtryck", level, value)
