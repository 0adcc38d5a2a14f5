"""Threshold tables: the shipped default, validation, and choosing the table in force (pure Python).

A table is JSON data (``default_thresholds.json`` is the shipped default, schema
``rhs-halsokurva-table/1``). ``validate_table`` checks everything the scoring reads;
``select_table`` picks, among a region's tables and the national ones, the table valid on a
date, so a result can name the version it used.
"""

from __future__ import annotations

import json
import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from halsokurva.constants import (
    ALERT_CODES,
    ALERT_KEYS,
    HEREDITY_KEYS,
    ROW_KEYS,
    SEXES,
    SOURCES,
    TOBACCO_STATUSES,
)
from halsokurva.numbers import is_number, to_decimal

DEFAULT_TABLE_FILE = Path(__file__).with_name("default_thresholds.json")


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
            is_number(formula.get(name)) and formula[name] >= 0,
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
            _require(is_number(value) and math.isfinite(value), f"{where}.{name}", "must be a number")
            found[name] = to_decimal(value)
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


def select_table(
    candidates: Iterable[tuple[Hashable | None, date, Any]], *, region: Hashable | None, on: date
) -> Any:
    """The table in force for ``region`` on ``on`` among ``(region key or None, valid_from, table)``.

    A region's own tables win over the national ones (region None) once one of them is valid;
    among the valid ones the latest ``valid_from`` wins (on a tie, the one listed last).
    Raises LookupError when no table is valid on that date.
    """
    regional: list[tuple[date, int, Any]] = []
    national: list[tuple[date, int, Any]] = []
    for order, (code, valid_from, table) in enumerate(candidates):
        if valid_from > on:
            continue
        if code is None:
            national.append((valid_from, order, table))
        elif code == region:
            regional.append((valid_from, order, table))
    chosen = regional or national
    if not chosen:
        raise LookupError(f"no threshold table is valid on {on.isoformat()}")
    return max(chosen, key=lambda item: (item[0], item[1]))[2]
