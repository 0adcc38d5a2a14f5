"""The visit page's sections: their forms filled from the visit, and what a save sends back."""

from __future__ import annotations

from decimal import Decimal

from visits.forms import (
    ActivityForm,
    BloodPressureForm,
    DialogueForm,
    GoalForm,
    LabForm,
    MeasurementsForm,
    ProfileForm,
)
from visits.lab_sources import lab_results_for
from visits.models import Habit
from visits.selectors import kva_codes
from visits.summary import number

SECTION_FORMS = {
    "measurements": MeasurementsForm,
    "activity": ActivityForm,
    "blood_pressure": BloodPressureForm,
    "lab": LabForm,
    "profile": ProfileForm,
}


def staff_language() -> str:
    """The language of the staff page's texts that are not UI catalogue texts (Hälsokurva labels)."""
    from django.utils import translation

    return "en" if translation.get_language() == "en" else "sv"


def _shown(value):
    if isinstance(value, Decimal):
        return number(value)
    return value


def section_form(section: str, visit, data=None):
    form_class = SECTION_FORMS[section]
    kwargs = {"auto_id": f"{section}-%s"}
    if form_class is LabForm:
        kwargs["provided"] = set(lab_results_for(visit.participation))
    initial = {name: _shown(getattr(visit, name)) for name in form_class.value_fields if hasattr(visit, name)}
    if form_class is ProfileForm:
        initial["livssituation"] = str(visit.livssituation or "")
    return form_class(data, initial=initial, **kwargs) if data is not None else form_class(initial=initial, **kwargs)


def dialogue_forms(visit, *, language: str, data=None):
    """The dialogue form and one goal form per habit (prefix = the habit)."""
    dialogue = DialogueForm(data, language=language, auto_id="dialogue-%s", initial={
        "discussed_areas": visit.discussed_areas, "follow_up": visit.follow_up,
        "follow_up_note": visit.follow_up_note, "closing_asked": visit.closing_asked,
        "closing_note": visit.closing_note,
    })
    codes = kva_codes(visit.participation.round.unit.region)
    existing = {g.habit: g for g in visit.goals.all()}
    goals = {}
    for habit in Habit.values:
        goal = existing.get(habit)
        initial = {} if goal is None else {
            "goal": goal.goal, "motivation": goal.motivation, "confidence": goal.confidence,
            "advice": str(goal.advice_id or ""),
        }
        goals[habit] = GoalForm(data, prefix=habit, initial=initial,
                                codes=[c for c in codes if c.habit == habit and c.level != "prescription"])
    return dialogue, goals
