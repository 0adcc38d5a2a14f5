from .codes import Chart, ContactReason, KvaCode, KvaLevel, VisitSettings
from .dialogue import FollowUp, Habit, HabitGoal
from .note import JournalNote, PrevisitReminder
from .visit import VISIT_MACHINE, Visit, VisitEvent, VisitStatus

__all__ = [
    "VISIT_MACHINE",
    "Chart",
    "ContactReason",
    "FollowUp",
    "Habit",
    "HabitGoal",
    "JournalNote",
    "KvaCode",
    "KvaLevel",
    "PrevisitReminder",
    "Visit",
    "VisitEvent",
    "VisitSettings",
    "VisitStatus",
]
