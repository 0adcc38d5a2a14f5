"""Formatting for the visit pages, the journal note and the summary PDF."""

from django import template
from django.utils.translation import gettext as _

from visits.summary import number

register = template.Library()



def _labels():
    return {
        "height_cm": _("Height"), "weight_kg": _("Weight"), "waist_cm": _("Waist"), "hip_cm": _("Hip"),
        "fp_glucose": _("Fasting plasma glucose"), "nonfasting_glucose": _("Non-fasting plasma glucose"),
        "hba1c": _("HbA1c"), "total_cholesterol": _("Total cholesterol"), "hdl": _("HDL cholesterol"),
        "ldl": _("LDL cholesterol"), "triglycerides": _("Triglycerides"),
    }


@register.simple_tag
def measure_label(key: str) -> str:
    return _labels().get(key, key)


@register.simple_tag
def decimal(value, places: int = 1) -> str:
    return number(value, places)


@register.simple_tag
def bp_readings(visit) -> str:
    pairs = [(visit.systolic_1, visit.diastolic_1), (visit.systolic_2, visit.diastolic_2)]
    return ", ".join(f"{s or '–'}/{d or '–'}" for s, d in pairs if s is not None or d is not None)


@register.filter
def get(mapping, key):
    """mapping[key], or '' (for dicts of messages by field name)."""
    if not mapping:
        return ""
    return mapping.get(key, "")


@register.filter
def habit_label(habit: str) -> str:
    from visits.models import Habit

    return Habit(habit).label


@register.filter
def habit_level(summary, habit: str):
    return summary.habit_level(habit)


@register.filter
def habit_suggestion(summary, habit: str):
    return summary.habit_suggestion(habit)


READINESS_QUESTIONS = {"physical_activity": "forandring_fysisk", "diet": "forandring_mat",
                       "alcohol": "forandring_alkohol", "tobacco": "forandring_tobak"}


@register.filter
def readiness(summary, habit: str) -> str:
    """The citizen's own answer to "Would you like to change …?" for this habit."""
    answer = summary.answers.get(READINESS_QUESTIONS[habit])
    texts = {
        "sjalv": _("Wants to change and thinks they can do it themselves"),
        "stod": _("Wants to change but needs support"),
        "nej": _("Does not want to change now"),
    }
    return texts.get(answer, "")


@register.simple_tag
def kva_level_label(level: str) -> str:
    from visits.models import KvaLevel

    return KvaLevel(level).label


@register.simple_tag
def follow_up_label(key: str) -> str:
    from visits.models import FollowUp

    return FollowUp(key).label


@register.filter
def row_meaning(key: str) -> str:
    from visits.texts import ROW_MEANING

    return ROW_MEANING.get(key, "")


@register.filter
def level_meaning(level) -> str:
    from visits.texts import LEVEL_MEANING

    return LEVEL_MEANING.get(level, "")


@register.filter
def alert_meaning(code: str) -> str:
    from visits.texts import ALERT_MEANING

    return ALERT_MEANING.get(code, "")
