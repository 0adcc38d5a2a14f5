"""The Hälsokurva's inputs for a visit: questionnaire answers, the visit's measurements and lab values.

Answers are converted with the helpers in halsokurva.scoring and the threshold table in
force, so the table's answer options decide the minutes and points. Each input records where
it came from, so the visit page can say "from the questionnaire" or "measured today".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from halsokurva.scoring import (
    InputError,
    activity_minutes_from_options,
    audit_c_points_from_options,
    kostindex_points_from_options,
)

KOSTINDEX = ("kost_gronsaker", "kost_frukt", "kost_fisk", "kost_sott")
AUDIT_C = ("audit_frekvens", "audit_mangd", "audit_tillfalle")
SYMPTOMS = ("besvar_somn", "besvar_oro", "besvar_nedstamdhet", "besvar_trotthet")
CIGARETTES = {"daily_1_9": 5, "daily_10_19": 15, "daily_20_plus": 20}  # a count inside the answer's band
DAILY_SNUS = ("daily_1_3", "daily_4_6", "daily_7_plus")
USES = ("ibland", "dagligen")
LAB_INPUTS = ("fp_glucose", "nonfasting_glucose", "total_cholesterol", "hdl", "ldl", "triglycerides")


@dataclass
class Inputs:
    values: dict = field(default_factory=dict)  # halsokurva_score input keys
    sources: dict = field(default_factory=dict)  # input key → "questionnaire" | "visit" | "lab" | "nurse"
    problems: list[str] = field(default_factory=list)  # answers that could not be converted


def _number(value) -> float | int:
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def _questionnaire(answers: Mapping[str, object], table: dict, out: Inputs) -> None:
    def put(key, value):
        out.values[key] = value
        out.sources[key] = "questionnaire"

    try:
        minutes = activity_minutes_from_options(answers.get("traning"), answers.get("vardagsaktivitet"), table)
        for key, value in minutes.items():
            put(key, value)
    except InputError as exc:
        out.problems.append(str(exc))
    if all(answers.get(k) for k in KOSTINDEX):
        try:
            put("kostindex", kostindex_points_from_options([answers[k] for k in KOSTINDEX], table))
        except InputError as exc:
            out.problems.append(str(exc))
    if answers.get(AUDIT_C[0]) and (answers[AUDIT_C[0]] == "never" or all(answers.get(k) for k in AUDIT_C)):
        try:
            put("audit_c", audit_c_points_from_options([answers.get(k) for k in AUDIT_C], table))
        except InputError as exc:
            out.problems.append(str(exc))
    smoking = answers.get("rokning")
    if smoking in CIGARETTES:
        put("smoking", "daily")
        put("cigarettes_per_day", CIGARETTES[smoking])
    elif smoking:
        put("smoking", smoking)
    snus = answers.get("snus")
    if snus:
        put("snus", "daily" if snus in DAILY_SNUS else snus)
    devices = [answers.get("e_cigarett"), answers.get("vattenpipa")]
    if any(devices):
        put("e_cigarette_or_water_pipe", any(d in USES for d in devices))
    if answers.get("stress") is not None:
        put("stress_mm", _number(answers["stress"]))
    if all(answers.get(k) for k in SYMPTOMS):
        put("symptoms_yes", sum(answers[k] == "ja" for k in SYMPTOMS))
    if answers.get("hjartkarl_slakt") and answers.get("diabetes_slakt"):
        cvd = answers["hjartkarl_slakt"] == "ja"
        put("heredity", {
            "first_degree_diabetes": answers["diabetes_slakt"] == "ja",
            "first_degree_cvd": cvd,
            "early_cvd": cvd and answers.get("hjartkarl_tidig") == "ja",
        })


def visit_inputs(*, visit, answers: Mapping[str, object], lab: Mapping[str, object], table: dict) -> Inputs:
    """Every Hälsokurva input known for `visit` (`lab`: code → LabResult from the lab sources)."""
    out = Inputs()
    _questionnaire(answers, table, out)
    if visit.sex_used:
        out.values["sex"] = visit.sex_used
        out.sources["sex"] = "nurse" if visit.sex_recorded_by_staff else "personnummer"
    for key in ("height_cm", "weight_kg", "waist_cm", "hip_cm"):
        if getattr(visit, key) is not None:
            out.values[key] = _number(getattr(visit, key))
            out.sources[key] = "visit"
    if visit.systolic_readings:
        out.values["systolic"], out.sources["systolic"] = visit.systolic_readings, "visit"
    if visit.diastolic_readings:
        out.values["diastolic"], out.sources["diastolic"] = visit.diastolic_readings, "visit"
    for key in ("exercise_minutes", "everyday_minutes"):
        if getattr(visit, key) is not None:
            out.values[key], out.sources[key] = getattr(visit, key), "visit"
    if visit.livssituation is not None:
        out.values["livssituation"], out.sources["livssituation"] = visit.livssituation, "nurse"
    for key in LAB_INPUTS:
        if key in lab:
            out.values[key], out.sources[key] = _number(lab[key].value), "lab"
        elif getattr(visit, key) is not None:
            out.values[key], out.sources[key] = _number(getattr(visit, key)), "nurse"
    return out
