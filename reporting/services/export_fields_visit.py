"""Research export fields from the questionnaire and the visit: answers, measurements, Hälsokurva levels.

Free-text answers are never exported (people write names and numbers in them).
"""

from __future__ import annotations

import json

from django.utils.translation import gettext_lazy as _

from halsokurva.scoring import ROW_KEYS
from reporting.services.health import _levels_in_force
from reporting.services.research_export import ExportField, Row, register_field

NATIONAL_QUESTIONS = (
    "civilstand", "utbildning", "sysselsattning", "hjartkarl_slakt", "hjartkarl_tidig", "diabetes_slakt",
    "sjalvskattad_halsa", "stress", "besvar_somn", "besvar_oro", "besvar_nedstamdhet", "besvar_trotthet",
    "somn_timmar", "somn_utvilad", "rokning", "snus", "e_cigarett", "vattenpipa", "traning", "vardagsaktivitet",
    "stillasittande", "kost_gronsaker", "kost_frukt", "kost_fisk", "kost_sott", "audit_frekvens", "audit_mangd",
    "audit_tillfalle", "socialt_stod", "ekonomi", "trivsel", "forandring_fysisk", "forandring_mat",
    "forandring_alkohol", "forandring_tobak",
)
MEASUREMENTS = ("height_cm", "weight_kg", "waist_cm", "hip_cm", "heart_rate")


def _preload_answers(participation_ids: list[int]) -> dict:
    from questionnaire.models import Answer, ResponseStatus

    data: dict[int, dict] = {}
    for pid, key, value in Answer.objects.filter(
        response__participation_id__in=participation_ids,
        response__status__in=[ResponseStatus.SUBMITTED, ResponseStatus.LOCKED],
    ).exclude(question__kind="text").values_list("response__participation_id", "question__key", "value"):
        data.setdefault(pid, {})[key] = value
    return data


def _answers(row: Row) -> tuple:
    answers = row.loaded.get("questionnaire") or {}
    regional = {k: v for k, v in answers.items() if k not in NATIONAL_QUESTIONS}
    return (*[_flat(answers.get(key)) for key in NATIONAL_QUESTIONS],
            json.dumps(regional, ensure_ascii=False, sort_keys=True) if regional else "")


def _flat(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return str(value)


def _preload_visits(participation_ids: list[int]) -> dict:
    from visits.models import Visit

    visits = list(Visit.objects.filter(participation_id__in=participation_ids).select_related("result"))
    levels = _levels_in_force([v for v in visits if v.result_id])
    return {v.participation_id: {"visit": v, "levels": levels.get(v.pk, {})} for v in visits}


def _measurements(row: Row) -> tuple:
    loaded = row.loaded.get("measurements")
    if not loaded:
        return ("",) * (len(MEASUREMENTS) + 4)
    visit = loaded["visit"]
    computed = visit.result.computed if visit.result else {}
    bp = next((r.get("value") for r in computed.get("rows", []) if r.get("key") == "blodtryck"), "") or ""
    systolic, _sep, diastolic = str(bp).partition("/")
    return (*[_flat(getattr(visit, f)) for f in MEASUREMENTS], _flat(computed.get("bmi")), _flat(computed.get("whr")),
            systolic, diastolic)


def _levels(row: Row) -> tuple:
    loaded = row.loaded.get("halsokurva")
    if not loaded:
        return ("",) * (len(ROW_KEYS) + 2)
    visit = loaded["visit"]
    computed = visit.result.computed if visit.result else {}
    alerts = " ".join(sorted(a["code"] for a in computed.get("alerts", [])))
    return (*[_flat(loaded["levels"].get(key)) for key in ROW_KEYS], alerts, computed.get("ruleset", ""))


register_field(ExportField(
    "questionnaire", _("Questionnaire answers (no free text)"),
    (*[f"q_{key}" for key in NATIONAL_QUESTIONS], "q_regional"), _answers, preload=_preload_answers,
))
register_field(ExportField(
    "measurements", _("Measurements (height, weight, waist, hip, pulse, BMI, waist-hip ratio, blood pressure)"),
    (*MEASUREMENTS, "bmi", "waist_hip_ratio", "systolic_mean", "diastolic_mean"), _measurements,
    preload=_preload_visits,
))
register_field(ExportField(
    "halsokurva", _("Hälsokurva levels (as in force), alerts and rule set"),
    (*[f"hk_{key}" for key in ROW_KEYS], "hk_alerts", "hk_ruleset"), _levels, preload=_preload_visits,
))
