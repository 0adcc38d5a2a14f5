"""Scoring input: validation of the JSON-style input dict into a ``ScoringInput`` (pure Python)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from halsokurva.constants import HEREDITY_KEYS, SEXES, TOBACCO_STATUSES
from halsokurva.numbers import is_number, mean_of


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
NUMBER_LIMITS = {
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


def checked_number(key: str, value: object, low: float, high: float) -> Decimal:
    if not is_number(value):
        raise InputError(key, f"must be a number, got {type(value).__name__}")
    dec = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not dec.is_finite():
        raise InputError(key, "must be a finite number")
    if not low <= dec <= high:
        raise InputError(key, f"{value} is outside the possible range {low}-{high}")
    return dec


def checked_integer(key: str, value: object, low: int, high: int) -> int:
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
        if key in NUMBER_LIMITS:
            out[key] = checked_number(key, value, *NUMBER_LIMITS[key])
        elif key in _READING_LIMITS:
            if not isinstance(value, list | tuple):
                raise InputError(key, "must be a list of readings")
            out[key] = tuple(checked_number(key, v, *_READING_LIMITS[key]) for v in value)
        elif key in _INT_LIMITS:
            out[key] = checked_integer(key, value, *_INT_LIMITS[key])
        elif key in _POINT_LISTS:
            length, top = _POINT_LISTS[key]
            if not isinstance(value, list | tuple) or len(value) != length:
                raise InputError(key, f"must be a list of {length} question points")
            out[key] = tuple(checked_integer(key, v, 0, top) for v in value)
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
    if inp.systolic and inp.diastolic and mean_of(inp.systolic, 0) <= mean_of(inp.diastolic, 0):
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

