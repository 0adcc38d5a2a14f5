"""Pure scoring core of the Hälsokurva (DOMAIN.md §2) and the Stjärnprofil mapping (§3).

Standard library only: inputs in, levels and alerts out. Every threshold is read from a
threshold table (see ``default_thresholds.json`` and ``validate_table``), never from this
module, so an administrator's edited table changes the results.

Band semantics: a band has at most one lower bound (``gte`` or ``gt``) and at most one upper
bound (``lte`` or ``lt``). A value is first rounded half up to the precision of its row, then
matched against the bands; the bands of one list are contiguous at that precision, the first
is open below and the last open above, so every value falls in exactly one band.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

ROW_KEYS = (
    "fysisk_aktivitet",
    "matvanor",
    "alkohol",
    "tobak",
    "livssituation",
    "psykisk_halsa",
    "arftlighet",
    "bmi",
    "midja_stuss",
    "blodtryck",
    "kolesterol",
)
ALERT_CODES = (
    "glucose_raised",
    "glucose_diabetes",
    "nonfasting_glucose_high",
    "underweight",
    "waist_increased",
    "waist_high",
    "hdl_low",
    "triglycerides_high",
    "ldl_high",
    "bp_high_normal",
)
ALERT_KEYS = ("fasting_glucose", "nonfasting_glucose", "waist", "hdl", "triglycerides", "ldl")
SEXES = ("male", "female")
TOBACCO_STATUSES = ("never", "quit_over_6m", "quit_under_6m", "not_daily", "daily")
HEREDITY_KEYS = ("first_degree_diabetes", "first_degree_cvd", "early_cvd")
SOURCES = ("doc", "default", "mixed")
DEFAULT_TABLE_FILE = Path(__file__).with_name("default_thresholds.json")


# --------------------------------------------------------------------------- input


class InputError(ValueError):
    """Bad scoring input; ``key`` names the offending input key."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


@dataclass(frozen=True)
class Heredity:
    first_degree_diabetes: bool
    first_degree_cvd: bool
    early_cvd: bool


@dataclass(frozen=True)
class ScoringInput:
    """Validated input; numbers are Decimals (exact decimal arithmetic), absent data is None."""

    sex: str | None = None
    height_cm: Decimal | None = None
    weight_kg: Decimal | None = None
    waist_cm: Decimal | None = None
    hip_cm: Decimal | None = None
    systolic: tuple[Decimal, ...] = ()
    diastolic: tuple[Decimal, ...] = ()
    fp_glucose: Decimal | None = None
    nonfasting_glucose: Decimal | None = None
    total_cholesterol: Decimal | None = None
    hdl: Decimal | None = None
    ldl: Decimal | None = None
    triglycerides: Decimal | None = None
    exercise_minutes: Decimal | None = None
    everyday_minutes: Decimal | None = None
    kostindex: tuple[int, ...] | None = None
    audit_c: tuple[int, ...] | None = None
    smoking: str | None = None
    snus: str | None = None
    cigarettes_per_day: int | None = None
    e_cigarette_or_water_pipe: bool | None = None
    stress_mm: Decimal | None = None
    symptoms_yes: int | None = None
    heredity: Heredity | None = None
    livssituation: int | None = None


# Hard limits: physically possible values (measurements) or the scale (questionnaires).
_NUMBER_LIMITS = {
    "height_cm": (50, 250),
    "weight_kg": (20, 400),
    "waist_cm": (30, 250),
    "hip_cm": (30, 250),
    "fp_glucose": (0, 50),
    "nonfasting_glucose": (0, 50),
    "total_cholesterol": (0, 30),
    "hdl": (0, 10),
    "ldl": (0, 25),
    "triglycerides": (0, 50),
    "exercise_minutes": (0, 10080),
    "everyday_minutes": (0, 10080),
    "stress_mm": (0, 50),
}
_READING_LIMITS = {"systolic": (50, 300), "diastolic": (20, 200)}
_INT_LIMITS = {"cigarettes_per_day": (0, 200), "symptoms_yes": (0, 4), "livssituation": (1, 4)}
_POINT_LISTS = {"kostindex": (4, 3), "audit_c": (3, 4)}  # key: (number of questions, max points)
_CATEGORIES = {"sex": SEXES, "smoking": TOBACCO_STATUSES, "snus": TOBACCO_STATUSES}
_INPUT_KEYS = frozenset(ScoringInput.__dataclass_fields__)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _number(key: str, value: object, low: float, high: float) -> Decimal:
    if not _is_number(value):
        raise InputError(key, f"must be a number, got {type(value).__name__}")
    dec = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not dec.is_finite():
        raise InputError(key, "must be a finite number")
    if not low <= dec <= high:
        raise InputError(key, f"{value} is outside the possible range {low}-{high}")
    return dec


def _integer(key: str, value: object, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InputError(key, f"must be a whole number, got {type(value).__name__}")
    if not low <= value <= high:
        raise InputError(key, f"{value} is outside the scale {low}-{high}")
    return value


def parse_input(data: dict) -> ScoringInput:
    """Validate a JSON-style input dict. A key that is absent or None is missing data."""
    if not isinstance(data, Mapping):
        raise InputError("<input>", "must be an object mapping input keys to values")
    for key in data:
        if key not in _INPUT_KEYS:
            raise InputError(str(key), "unknown input key")
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if key in _NUMBER_LIMITS:
            out[key] = _number(key, value, *_NUMBER_LIMITS[key])
        elif key in _READING_LIMITS:
            if not isinstance(value, list | tuple):
                raise InputError(key, "must be a list of readings")
            out[key] = tuple(_number(key, v, *_READING_LIMITS[key]) for v in value)
        elif key in _INT_LIMITS:
            out[key] = _integer(key, value, *_INT_LIMITS[key])
        elif key in _POINT_LISTS:
            length, top = _POINT_LISTS[key]
            if not isinstance(value, list | tuple) or len(value) != length:
                raise InputError(key, f"must be a list of {length} question points")
            out[key] = tuple(_integer(key, v, 0, top) for v in value)
        elif key in _CATEGORIES:
            if value not in _CATEGORIES[key]:
                raise InputError(
                    key, f"unknown value {value!r}; expected one of {', '.join(_CATEGORIES[key])}"
                )
            out[key] = value
        elif key == "e_cigarette_or_water_pipe":
            if not isinstance(value, bool):
                raise InputError(key, "must be true or false")
            out[key] = value
        elif key == "heredity":
            out[key] = _heredity(value)
    inp = ScoringInput(**out)
    if inp.smoking == "daily" and inp.cigarettes_per_day == 0:
        raise InputError("cigarettes_per_day", "a daily smoker smokes at least 1 cigarette a day")
    if inp.systolic and inp.diastolic and _mean(inp.systolic, 0) <= _mean(inp.diastolic, 0):
        raise InputError("diastolic", "the diastolic mean must be below the systolic mean")
    return inp


def _heredity(value: object) -> Heredity:
    if not isinstance(value, Mapping):
        raise InputError("heredity", "must be an object with " + ", ".join(HEREDITY_KEYS))
    if set(value) != set(HEREDITY_KEYS):
        raise InputError("heredity", "must have exactly the keys " + ", ".join(HEREDITY_KEYS))
    if not all(isinstance(value[k], bool) for k in HEREDITY_KEYS):
        raise InputError("heredity", "every heredity answer must be true or false")
    return Heredity(**{k: value[k] for k in HEREDITY_KEYS})


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class RowResult:
    key: str
    level: int | None
    value: object  # the quantity the level was read from; None when the row is missing


@dataclass(frozen=True)
class ScoringResult:
    ruleset: str
    bmi: float | None
    whr: float | None
    rows: tuple[RowResult, ...]
    alerts: tuple[str, ...]
    sex_used: str | None

    def as_json(self) -> dict:
        return {
            "ruleset": self.ruleset,
            "bmi": self.bmi,
            "whr": self.whr,
            "rows": [{"key": r.key, "level": r.level, "value": r.value} for r in self.rows],
            "alerts": [{"code": code} for code in self.alerts],
        }

    @classmethod
    def from_json(cls, data: Mapping, *, sex_used: str | None = None) -> ScoringResult:
        """Rebuild a result stored with ``as_json`` (the sex used is stored next to it)."""
        return cls(
            ruleset=data["ruleset"],
            bmi=data.get("bmi"),
            whr=data.get("whr"),
            rows=tuple(RowResult(r["key"], r.get("level"), r.get("value")) for r in data["rows"]),
            alerts=tuple(a["code"] for a in data.get("alerts", ())),
            sex_used=sex_used,
        )

    def row(self, key: str) -> RowResult:
        return next(r for r in self.rows if r.key == key)


# --------------------------------------------------------------------------- numbers and bands


def _dec(value: object) -> Decimal:
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


def _round(value: Decimal, precision: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-precision), rounding=ROUND_HALF_UP)


def _out(value: Decimal, precision: int) -> int | float:
    return int(value) if precision == 0 else float(value)


def _mean(readings: Sequence[Decimal], precision: int) -> Decimal:
    return _round(sum(readings, Decimal(0)) / len(readings), precision)


def _in_band(value: Decimal, band: Mapping) -> bool:
    return not (
        ("gte" in band and value < _dec(band["gte"]))
        or ("gt" in band and value <= _dec(band["gt"]))
        or ("lte" in band and value > _dec(band["lte"]))
        or ("lt" in band and value >= _dec(band["lt"]))
    )


def _band(value: Decimal, bands: Sequence[Mapping]) -> Mapping:
    for band in bands:
        if _in_band(value, band):
            return band
    raise ValueError(f"{value} falls in no band")  # validate_table makes this unreachable


def _sexed_bands(spec: Mapping, sex: str | None) -> Sequence[Mapping] | None:
    chosen = sex if sex in SEXES else spec["without_sex"]
    return None if chosen == "missing" else spec["by_sex"][chosen]


# --------------------------------------------------------------------------- scoring


def score(inp: ScoringInput, table: dict) -> ScoringResult:
    """Score a validated input against a threshold table (validated here first)."""
    validate_table(table)
    rows = table["rows"]
    alerts: set[str] = set()

    bmi = whr = None
    if inp.height_cm is not None and inp.weight_kg is not None:
        bmi = _round(inp.weight_kg / (inp.height_cm / 100) ** 2, rows["bmi"]["precision"])
    if inp.waist_cm is not None and inp.hip_cm is not None:
        whr = _round(inp.waist_cm / inp.hip_cm, rows["midja_stuss"]["precision"])

    def banded(key: str, value: Decimal | None, bands: Sequence[Mapping] | None = None) -> RowResult:
        """The row's level from its bands (or the given sex-specific ones, None = row missing)."""
        spec = rows[key]
        if "by_sex" not in spec:
            bands = spec["bands"]
        if value is None or bands is None:
            return RowResult(key, None, None)
        rounded = _round(value, spec["precision"])
        band = _band(rounded, bands)
        if band.get("alert"):
            alerts.add(band["alert"])
        return RowResult(key, band["level"], _out(rounded, spec["precision"]))

    results = {
        "fysisk_aktivitet": banded("fysisk_aktivitet", _activity(inp, rows["fysisk_aktivitet"])),
        "matvanor": banded("matvanor", None if inp.kostindex is None else Decimal(sum(inp.kostindex))),
        "alkohol": banded(
            "alkohol", _audit_c_total(inp.audit_c, rows["alkohol"]), _sexed_bands(rows["alkohol"], inp.sex)
        ),
        "tobak": _tobacco(inp, rows["tobak"]),
        "livssituation": RowResult("livssituation", inp.livssituation, inp.livssituation),
        "psykisk_halsa": _psychological(inp, rows["psykisk_halsa"]),
        "arftlighet": _heredity_row(inp.heredity, rows["arftlighet"]),
        "bmi": banded("bmi", bmi),
        "midja_stuss": banded("midja_stuss", whr, _sexed_bands(rows["midja_stuss"], inp.sex)),
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
        bands = spec["bands"] if "bands" in spec else _sexed_bands(spec, inp.sex)
        if value is not None and bands is not None:
            code = _band(_round(value, spec["precision"]), bands)["alert"]
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


def _activity(inp: ScoringInput, spec: Mapping) -> Decimal | None:
    """2 x exercise + everyday (factors from the table); one missing input counts as 0."""
    if inp.exercise_minutes is None and inp.everyday_minutes is None:
        return None
    formula = spec["formula"]
    return _dec(formula["exercise_factor"]) * (inp.exercise_minutes or 0) + _dec(
        formula["everyday_factor"]
    ) * (inp.everyday_minutes or 0)


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
            daily["without_count"] if count is None else _band(Decimal(count), daily["cigarette_bands"])
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


def stress_points_from_mm(stress_mm: float | int | Decimal, table: dict) -> int:
    """Stress points (0-3) from the 0-50 mm scale, per the table's stress bands."""
    value = _number("stress_mm", stress_mm, *_NUMBER_LIMITS["stress_mm"])
    return _stress_points(value, table["rows"]["psykisk_halsa"])


def _stress_points(stress_mm: Decimal, spec: Mapping) -> int:
    stress = spec["stress_points"]
    return _band(_round(stress_mm, stress["precision"]), stress["bands"])["points"]


def _psychological(inp: ScoringInput, spec: Mapping) -> RowResult:
    """Both stress and the symptom answers are needed: either alone cannot show level 1."""
    if inp.stress_mm is None or inp.symptoms_yes is None:
        return RowResult("psykisk_halsa", None, None)
    stress = _stress_points(inp.stress_mm, spec)
    points = stress + inp.symptoms_yes * spec["points_per_yes"]["value"]
    level = _band(_round(Decimal(points), spec["precision"]), spec["bands"])["level"]
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
        side: _mean(getattr(inp, side), spec["precision"])
        for side in ("systolic", "diastolic")
        if getattr(inp, side)
    }
    if not means:
        return RowResult("blodtryck", None, None)
    level = max(_band(mean, spec[side])["level"] for side, mean in means.items())
    high_normal = spec["high_normal"]
    if level <= high_normal["max_level"] and any(_in_band(m, high_normal[s]) for s, m in means.items()):
        alerts.add(high_normal["alert"])
    value = f"{means.get('systolic', '')}/{means.get('diastolic', '')}"
    return RowResult("blodtryck", level, value)


# --------------------------------------------------------------------------- questionnaire helpers


def _option(options: Sequence[Mapping], key: str, answer: object) -> Mapping:
    for option in options:
        if option["key"] == answer:
            return option
    raise InputError(
        key, f"unknown answer option {answer!r}; expected one of " + ", ".join(o["key"] for o in options)
    )


def exercise_minutes_from_option(option: str, table: dict) -> int:
    """Weekly minutes of exercise for an answer option (mid-point of its range)."""
    return _option(table["rows"]["fysisk_aktivitet"]["exercise_options"]["options"], "exercise", option)[
        "minutes"
    ]


def everyday_minutes_from_option(option: str, table: dict) -> int:
    """Weekly minutes of everyday activity for an answer option (mid-point of its range)."""
    return _option(table["rows"]["fysisk_aktivitet"]["everyday_options"]["options"], "everyday", option)[
        "minutes"
    ]


def activity_minutes_from_options(
    exercise_option: str | None, everyday_option: str | None, table: dict
) -> dict:
    """Scoring inputs for the two activity answers: {"exercise_minutes": .., "everyday_minutes": ..}.

    An unanswered (None) question is left out, so the scoring treats it as missing.
    """
    out = {}
    if exercise_option is not None:
        out["exercise_minutes"] = exercise_minutes_from_option(exercise_option, table)
    if everyday_option is not None:
        out["everyday_minutes"] = everyday_minutes_from_option(everyday_option, table)
    return out


def activity_minutes(
    exercise_minutes: float | None, everyday_minutes: float | None, table: dict
) -> int | None:
    """Activity minutes per week as the Hälsokurva row uses them (None when both are missing)."""
    inp = parse_input({"exercise_minutes": exercise_minutes, "everyday_minutes": everyday_minutes})
    spec = table["rows"]["fysisk_aktivitet"]
    total = _activity(inp, spec)
    return None if total is None else _out(_round(total, spec["precision"]), spec["precision"])


def _points_from_options(spec: Mapping, key: str, answers: Sequence[str | None]) -> list[int]:
    items = spec["questions"]["items"]
    if isinstance(answers, str) or len(answers) != len(items):
        raise InputError(key, f"expected {len(items)} answers")
    return [
        _option(item["options"], f"{key}[{i}]", answer)["points"]
        for i, (item, answer) in enumerate(zip(items, answers, strict=True))
    ]


def kostindex_points_from_options(answers: Sequence[str], table: dict) -> list[int]:
    """The four kostindex question points (the ``kostindex`` input) from the answer option keys."""
    return _points_from_options(table["rows"]["matvanor"], "kostindex", answers)


def audit_c_points_from_options(answers: Sequence[str | None], table: dict) -> list[int]:
    """The three AUDIT-C question points (the ``audit_c`` input) from the answer option keys.

    When the first answer scores 0 ("never") and the table's skip rule is on, the skipped
    questions may be None and count 0.
    """
    spec = table["rows"]["alkohol"]
    answers = list(answers)
    if len(answers) == 3 and spec["never_on_first_skips_rest"]["value"]:
        first = _option(spec["questions"]["items"][0]["options"], "audit_c[0]", answers[0])
        if first["points"] == 0:
            return [0, 0, 0]
    return _points_from_options(spec, "audit_c", answers)


# --------------------------------------------------------------------------- Stjärnprofil


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
            value = _number("glucose_fasting", glucose_fasting, *_NUMBER_LIMITS["fp_glucose"])
            code = _band(_round(value, glucose["precision"]), glucose["bands"])["alert"]
            score_ = spec["glucose_scores"][code or "none"]
        elif ray["from"] == "stress_points" and stress_points is not None:
            score_ = spec["stress_scores"][str(_integer("stress_points", stress_points, 0, 3))]
        rays.append((ray["key"], score_))
    return rays


# --------------------------------------------------------------------------- the table


def load_default_table() -> dict:
    """The shipped default threshold table (``default_thresholds.json``)."""
    with DEFAULT_TABLE_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def validate_table(table: dict) -> None:
    """Raise ValueError naming the problem when ``table`` is not a usable threshold table.

    Checks the structure the scoring reads: every row and alert rule present, sources and
    review flags, precisions, levels 1-4, known alert codes, and that every band list is
    contiguous at its precision with increasing edges, open below and above.
    """
    _require(isinstance(table, Mapping), "table", "must be an object")
    _require(
        isinstance(table.get("version"), str) and table["version"].strip() != "",
        "version",
        "must be a non-empty string",
    )
    try:
        date.fromisoformat(table.get("valid_from"))
    except (TypeError, ValueError):
        _fail("valid_from", "must be an ISO date (YYYY-MM-DD)")
    rows = _section(table, "rows", ROW_KEYS)
    for key in ROW_KEYS:
        _meta(rows[key], f"rows.{key}")
    levels = _allowed(range(1, 5), "a level 1-4")

    activity = rows["fysisk_aktivitet"]
    _row_bands(activity, "rows.fysisk_aktivitet", "bands", "level", levels)
    formula = _get(activity, "formula", "rows.fysisk_aktivitet")
    _meta(formula, "rows.fysisk_aktivitet.formula")
    for name in ("exercise_factor", "everyday_factor"):
        _require(
            _is_number(formula.get(name)) and formula[name] >= 0,
            f"rows.fysisk_aktivitet.formula.{name}",
            "must be a number >= 0",
        )
    for name in ("exercise_options", "everyday_options"):
        where = f"rows.fysisk_aktivitet.{name}"
        _meta(_get(activity, name, "rows.fysisk_aktivitet"), where)
        _options(
            activity[name].get("options"), f"{where}.options", "minutes", _allowed(range(0, 10081), "0-10080")
        )

    _row_bands(rows["matvanor"], "rows.matvanor", "bands", "level", levels)
    _questions(rows["matvanor"], "rows.matvanor", 4, 3)

    alcohol = rows["alkohol"]
    _sexed(alcohol, "rows.alkohol", "level", levels, allow_missing=False)
    _meta(
        _get(alcohol, "never_on_first_skips_rest", "rows.alkohol"), "rows.alkohol.never_on_first_skips_rest"
    )
    _require(
        isinstance(alcohol["never_on_first_skips_rest"].get("value"), bool),
        "rows.alkohol.never_on_first_skips_rest.value",
        "must be true or false",
    )
    _questions(alcohol, "rows.alkohol", 3, 4)

    _tobacco_check(rows["tobak"], levels)

    psych = rows["psykisk_halsa"]
    _row_bands(psych, "rows.psykisk_halsa", "bands", "level", levels)
    stress = _get(psych, "stress_points", "rows.psykisk_halsa")
    _meta(stress, "rows.psykisk_halsa.stress_points")
    _row_bands(stress, "rows.psykisk_halsa.stress_points", "bands", "points", _allowed(range(0, 4), "0-3"))
    for name, field_, check in (
        ("points_per_yes", "value", _allowed(range(0, 4), "0-3")),
        ("minimum_level_with_a_yes", "level", levels),
    ):
        _meta(_get(psych, name, "rows.psykisk_halsa"), f"rows.psykisk_halsa.{name}")
        check(psych[name].get(field_), f"rows.psykisk_halsa.{name}.{field_}")

    rules = _get(rows["arftlighet"], "rules", "rows.arftlighet")
    _require(isinstance(rules, list) and rules != [], "rows.arftlighet.rules", "must be a non-empty list")
    for i, rule in enumerate(rules):
        where = f"rows.arftlighet.rules[{i}]"
        _require(
            isinstance(rule, Mapping) and isinstance(rule.get("when"), Mapping),
            where,
            "must be an object with 'when'",
        )
        _require(
            all(k in HEREDITY_KEYS and isinstance(v, bool) for k, v in rule["when"].items()),
            f"{where}.when",
            "may only test " + ", ".join(HEREDITY_KEYS) + " against true/false",
        )
        levels(rule.get("level"), f"{where}.level")
        _require(isinstance(rule.get("category"), str), f"{where}.category", "must be a string")
    _require(
        rules[-1]["when"] == {}, "rows.arftlighet.rules", "the last rule must match everything ('when': {})"
    )

    _row_bands(rows["bmi"], "rows.bmi", "bands", "level", levels)
    _sexed(rows["midja_stuss"], "rows.midja_stuss", "level", levels)

    bp = rows["blodtryck"]
    _precision(bp, "rows.blodtryck")
    for side in ("systolic", "diastolic"):
        _bands(bp.get(side), f"rows.blodtryck.{side}", bp["precision"], "level", levels)
    high_normal = _get(bp, "high_normal", "rows.blodtryck")
    _meta(high_normal, "rows.blodtryck.high_normal")
    for side in ("systolic", "diastolic"):
        _bounds(_get(high_normal, side, "rows.blodtryck.high_normal"), f"rows.blodtryck.high_normal.{side}")
    levels(high_normal.get("max_level"), "rows.blodtryck.high_normal.max_level")
    _alert_code(high_normal.get("alert"), "rows.blodtryck.high_normal.alert", nullable=False)

    _row_bands(rows["kolesterol"], "rows.kolesterol", "bands", "level", levels)

    alerts = _section(table, "alerts", ALERT_KEYS)
    for key in ALERT_KEYS:
        spec, where = alerts[key], f"alerts.{key}"
        _meta(spec, where)
        if key in ("waist", "hdl"):
            _sexed(spec, where, "alert", _alert_code)
        else:
            _row_bands(spec, where, "bands", "alert", _alert_code)

    _stjarnprofil_check(table)


def _fail(where: str, message: str) -> None:
    raise ValueError(f"threshold table: {where}: {message}")


def _require(condition: bool, where: str, message: str) -> None:
    if not condition:
        _fail(where, message)


def _get(spec: Mapping, name: str, where: str) -> Any:
    _require(isinstance(spec.get(name), Mapping | list), f"{where}.{name}", "is missing")
    return spec[name]


def _section(table: Mapping, name: str, keys: Sequence[str]) -> Mapping:
    section = table.get(name)
    _require(isinstance(section, Mapping), name, "must be an object")
    for key in keys:
        _require(isinstance(section.get(key), Mapping), f"{name}.{key}", f"missing {name[:-1]} '{key}'")
    unknown = sorted(set(section) - set(keys))
    _require(not unknown, name, f"unknown {name[:-1]} {', '.join(map(repr, unknown))}")
    return section


def _meta(spec: object, where: str, required: bool = True) -> None:
    _require(isinstance(spec, Mapping), where, "must be an object")
    if required or "source" in spec or "needs_clinical_review" in spec:
        _require(spec.get("source") in SOURCES, f"{where}.source", f"must be one of {', '.join(SOURCES)}")
        _require(
            isinstance(spec.get("needs_clinical_review"), bool),
            f"{where}.needs_clinical_review",
            "must be true or false",
        )


def _allowed(values: range, text: str):
    def check(value: object, where: str) -> None:
        _require(
            isinstance(value, int) and not isinstance(value, bool) and value in values,
            where,
            f"must be {text}",
        )

    return check


def _alert_code(value: object, where: str, nullable: bool = True) -> None:
    _require(
        (nullable and value is None) or value in ALERT_CODES,
        where,
        f"unknown alert code {value!r}; expected one of {', '.join(ALERT_CODES)}",
    )


def _precision(spec: Mapping, where: str) -> int:
    precision = spec.get("precision")
    _require(
        isinstance(precision, int) and not isinstance(precision, bool) and 0 <= precision <= 6,
        f"{where}.precision",
        "must be a whole number 0-6",
    )
    return precision


def _row_bands(spec: Mapping, where: str, name: str, payload: str, check) -> None:
    _bands(spec.get(name), f"{where}.{name}", _precision(spec, where), payload, check)


def _sexed(spec: Mapping, where: str, payload: str, check, allow_missing: bool = True) -> None:
    precision = _precision(spec, where)
    by_sex = _get(spec, "by_sex", where)
    for sex in SEXES:
        _bands(by_sex.get(sex), f"{where}.by_sex.{sex}", precision, payload, check)
    choices = (*SEXES, "missing") if allow_missing else SEXES
    _require(
        spec.get("without_sex") in choices, f"{where}.without_sex", f"must be one of {', '.join(choices)}"
    )


def _bounds(band: object, where: str) -> tuple[tuple[str, Decimal] | None, tuple[str, Decimal] | None]:
    _require(isinstance(band, Mapping), where, "must be an object")
    found = {}
    for name in ("gte", "gt", "lte", "lt"):
        if name in band:
            value = band[name]
            _require(_is_number(value) and math.isfinite(value), f"{where}.{name}", "must be a number")
            found[name] = _dec(value)
    lower = [(k, v) for k, v in found.items() if k in ("gte", "gt")]
    upper = [(k, v) for k, v in found.items() if k in ("lte", "lt")]
    _require(len(lower) <= 1 and len(upper) <= 1, where, "has two lower or two upper bounds")
    low, high = (lower or [None])[0], (upper or [None])[0]
    if low and high:
        both_inclusive = low[0] == "gte" and high[0] == "lte"
        _require(
            low[1] < high[1] or (both_inclusive and low[1] == high[1]),
            where,
            f"lower bound {low[1]} is not below upper bound {high[1]} (edges not increasing)",
        )
    return low, high


def _bands(bands: object, where: str, precision: int, payload: str, check) -> None:
    _require(isinstance(bands, list) and bands != [], where, "must be a non-empty list of bands")
    step = Decimal(1).scaleb(-precision)
    previous_high = None
    for i, band in enumerate(bands):
        here = f"{where}[{i}]"
        low, high = _bounds(band, here)
        _require(payload in band, here, f"is missing '{payload}'")
        check(band[payload], f"{here}.{payload}")
        if payload != "alert" and "alert" in band:  # a row band may also raise an alert (BMI < 18.5)
            _alert_code(band["alert"], f"{here}.alert")
        _meta(band, here, required=False)
        _require(
            (low is None) == (i == 0),
            here,
            "the first band must be open below" if i == 0 else "needs a lower bound (gte or gt)",
        )
        _require(
            (high is None) == (i == len(bands) - 1),
            here,
            "the last band must be open above" if high is not None else "needs an upper bound (lte or lt)",
        )
        if previous_high is not None and low is not None:
            (p_op, p_val), (op, val) = previous_high, low
            touching = (
                (p_op == "lt" and op == "gte" and val == p_val)
                or (p_op == "lte" and op == "gt" and val == p_val)
                or (p_op == "lte" and op == "gte" and val == p_val + step)
            )
            if not touching:
                problem = (
                    "overlaps the band before"
                    if val <= p_val or (op == "gte" and val < p_val + step)
                    else "leaves a gap after the band before"
                )
                _fail(
                    here,
                    f"{problem} ({p_op} {p_val} then {op} {val}; edges must increase "
                    f"without gap at precision {precision})",
                )
        previous_high = high


def _options(options: object, where: str, value_name: str, check) -> None:
    _require(isinstance(options, list) and options != [], where, "must be a non-empty list")
    keys = set()
    for i, option in enumerate(options):
        _require(
            isinstance(option, Mapping) and isinstance(option.get("key"), str),
            f"{where}[{i}]",
            "must be an object with a string 'key'",
        )
        _require(option["key"] not in keys, f"{where}[{i}].key", f"duplicate option {option['key']!r}")
        keys.add(option["key"])
        check(option.get(value_name), f"{where}[{i}].{value_name}")


def _questions(spec: Mapping, where: str, count: int, top: int) -> None:
    questions = _get(spec, "questions", where)
    _meta(questions, f"{where}.questions")
    items = questions.get("items")
    _require(
        isinstance(items, list) and len(items) == count,
        f"{where}.questions.items",
        f"must list {count} questions",
    )
    for i, item in enumerate(items):
        _require(isinstance(item, Mapping), f"{where}.questions.items[{i}]", "must be an object")
        _options(
            item.get("options"),
            f"{where}.questions.items[{i}].options",
            "points",
            _allowed(range(0, top + 1), f"0-{top} points"),
        )


def _tobacco_check(spec: Mapping, levels) -> None:
    def entry(value: object, where: str) -> None:
        _require(isinstance(value, Mapping), where, "is missing")
        levels(value.get("level"), f"{where}.level")
        _require(isinstance(value.get("category"), str), f"{where}.category", "must be a string")
        _meta(value, where, required=False)

    for product in ("smoking", "snus"):
        table = _get(spec, product, "rows.tobak")
        for status in TOBACCO_STATUSES:
            if product == "smoking" and status == "daily":
                daily = _get(table, "daily", "rows.tobak.smoking")
                entry(daily.get("without_count"), "rows.tobak.smoking.daily.without_count")
                _bands(
                    daily.get("cigarette_bands"),
                    "rows.tobak.smoking.daily.cigarette_bands",
                    0,
                    "level",
                    levels,
                )
                for i, band in enumerate(daily["cigarette_bands"]):
                    entry(band, f"rows.tobak.smoking.daily.cigarette_bands[{i}]")
            else:
                entry(table.get(status), f"rows.tobak.{product}.{status}")
    device = _get(spec, "e_cigarette_or_water_pipe", "rows.tobak")
    for answer in ("yes", "no"):
        entry(device.get(answer), f"rows.tobak.e_cigarette_or_water_pipe.{answer}")


def _stjarnprofil_check(table: Mapping) -> None:
    spec = table.get("stjarnprofil")
    _meta(spec, "stjarnprofil")
    scores = _allowed(range(1, 6), "a score 1-5")
    for name, keys in (
        ("level_scores", ("1", "2", "3", "4")),
        ("glucose_scores", ("none", "glucose_raised", "glucose_diabetes")),
        ("stress_scores", ("0", "1", "2", "3")),
    ):
        mapping = _get(spec, name, "stjarnprofil")
        for key in keys:
            scores(mapping.get(key), f"stjarnprofil.{name}.{key}")
    rays = spec.get("rays")
    _require(isinstance(rays, list) and rays != [], "stjarnprofil.rays", "must be a non-empty list")
    seen = set()
    for i, ray in enumerate(rays):
        where = f"stjarnprofil.rays[{i}]"
        _require(
            isinstance(ray, Mapping) and isinstance(ray.get("key"), str), where, "must have a string 'key'"
        )
        _require(ray["key"] not in seen, where, f"duplicate ray {ray['key']!r}")
        seen.add(ray["key"])
        _require(
            ray.get("row") in ROW_KEYS or ray.get("from") in ("fasting_glucose", "stress_points"),
            where,
            "needs 'row' (a Hälsokurva row) or 'from' ('fasting_glucose' or 'stress_points')",
        )
