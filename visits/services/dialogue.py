"""Writes of the dialogue: areas discussed, Min målsättning with motivation and confidence per habit, follow-up."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from halsokurva.constants import ROW_KEYS
from population.services.audit import Actor, Auditor
from visits.models import FollowUp, Habit, HabitGoal, KvaCode, Visit, VisitStatus
from visits.services.visit import VisitClosed

DIALOGUE_FIELDS = ("discussed_areas", "follow_up", "follow_up_note", "closing_asked", "closing_note")
GOAL_FIELDS = ("goal", "motivation", "confidence", "advice")


def dialogue_save(*, visit: Visit, values: dict, goals: dict[str, dict] | None = None, actor: Actor,
                  now: dt.datetime | None = None) -> list[str]:
    """Save the given dialogue fields and goals ({habit: {goal, motivation, confidence, advice}}); returns what changed."""
    now = now or timezone.now()
    changed: list[str] = []
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit.pk)
        if visit.status != VisitStatus.IN_PROGRESS:
            raise VisitClosed()
        for name, value in values.items():
            if name not in DIALOGUE_FIELDS:
                raise ValueError(f"not a dialogue value: {name}")
            if name == "discussed_areas":
                value = [k for k in ROW_KEYS if k in set(value)]
            if name == "follow_up":
                value = [k for k in FollowUp.values if k in set(value)]
                if FollowUp.NONE in value and len(value) > 1:
                    value = [k for k in value if k != FollowUp.NONE]
            if getattr(visit, name) != value:
                setattr(visit, name, value)
                changed.append(name)
        for habit, fields in (goals or {}).items():
            if habit not in Habit.values:
                raise ValueError(f"not a habit: {habit}")
            goal, _created = HabitGoal.objects.get_or_create(visit=visit, habit=habit)
            updated = []
            for name, value in fields.items():
                if name not in GOAL_FIELDS:
                    raise ValueError(f"not a goal value: {name}")
                if name in ("motivation", "confidence") and value is not None and not 0 <= value <= 10:
                    raise ValueError(f"{name} must be 0-10")
                if name == "advice" and value is not None and (
                        not isinstance(value, KvaCode) or value.habit != habit):
                    raise ValueError(f"{value} is not advice on {habit}")
                current = goal.advice if name == "advice" else getattr(goal, name)
                if current != value:
                    setattr(goal, name, value)
                    updated.append(name)
            if updated:
                goal.save()
                changed.append(f"{habit}.{'/'.join(updated)}")
        if changed:
            visit.updated_at = now
            visit.save(update_fields=[n for n in DIALOGUE_FIELDS if n in changed] + ["updated_at"])
            Auditor(actor, now=now).change(visit.person, obj=visit, detail="dialogue: " + ", ".join(changed))
    return changed
