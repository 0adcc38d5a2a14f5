"""Questionnaire answers to scoring inputs, and the two derived quantities rows share (pure Python).

The answer-option keys are the threshold table's (``exercise_options``, ``everyday_options``,
the kostindex and AUDIT-C ``questions``), so a table edit changes the conversion too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from halsokurva.inputs import NUMBER_LIMITS, InputError, ScoringInput, checked_number, parse_input
from halsokurva.numbers import as_output, band_for, round_half_up, to_decimal


def activity_total(inp: ScoringInput, spec: Mapping) -> Decimal | None:
    """2 x exercise + everyday (factors from the table); one missing input counts as 0."""
    if inp.exercise_minutes is None and inp.everyday_minutes is None:
        return None
    formula = spec["formula"]
    return to_decimal(formula["exercise_factor"]) * (inp.exercise_minutes or 0) + to_decimal(
        formula["everyday_factor"]
    ) * (inp.everyday_minutes or 0)


def stress_points_from_mm(stress_mm: float | int | Decimal, table: dict) -> int:
    """Stress points (0-3) from the 0-50 mm scale, per the table's stress bands."""
    value = checked_number("stress_mm", stress_mm, *NUMBER_LIMITS["stress_mm"])
    return stress_points(value, table["rows"]["psykisk_halsa"])


def stress_points(stress_mm: Decimal, spec: Mapping) -> int:
    stress = spec["stress_points"]
    return band_for(round_half_up(stress_mm, stress["precision"]), stress["bands"])["points"]


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
    total = activity_total(inp, spec)
    return None if total is None else as_output(round_half_up(total, spec["precision"]), spec["precision"])


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
