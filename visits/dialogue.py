"""Suggestions the visit page offers from the Hälsokurva levels: advice per habit, follow-up, diagnosis codes.

Socialstyrelsen's action levels for the habits: level 2 → simple advice, level 3 → advisory
talk, level 4 → qualified advisory talk; a measurement at level 4 (or suspected diabetes) →
physician contact. The nurse decides; these are only offered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.translation import gettext_lazy as _

from visits.models import FollowUp, Habit, KvaLevel
from visits.models.dialogue import HABIT_ROWS

ADVICE_BY_LEVEL = {2: KvaLevel.SIMPLE, 3: KvaLevel.ADVISORY, 4: KvaLevel.QUALIFIED}
MEASUREMENT_ROWS = ("bmi", "midja_stuss", "blodtryck", "kolesterol")
DIALOGUE_ROWS = (*HABIT_ROWS.values(), "psykisk_halsa", "livssituation", "arftlighet")
PHYSICIAN_ALERTS = ("glucose_diabetes", "nonfasting_glucose_high")

# ICD-10-SE: the main code and the habit codes (DOMAIN.md §5), in the order they are listed.
MAIN_DIAGNOSIS = ("Z00.0", "Allmän hälsoundersökning")
HABIT_DIAGNOSES = {
    Habit.TOBACCO: ("Z72.0", "Tobaksbruk"),
    Habit.ALCOHOL: ("Z72.1", "Alkoholbruk"),
    Habit.PHYSICAL_ACTIVITY: ("Z72.3", "Brist på fysisk aktivitet"),
    Habit.DIET: ("Z72.4", "Olämplig kost och olämpliga matvanor"),
}
ALL_DIAGNOSES = dict([MAIN_DIAGNOSIS, *HABIT_DIAGNOSES.values()])

ROW_ACTIONS = {
    "habit": {1: _("Confirm and encourage"), 2: _("Simple advice"), 3: _("Advisory talk"),
              4: _("Qualified advisory talk")},
    "measurement": {1: _("No action"), 2: _("Advice; check again at the next visit"),
                    3: _("Advice and a follow-up check"), 4: _("Physician contact")},
    "other": {1: _("No action"), 2: _("Talk about it"), 3: _("Talk about it; offer a follow-up"),
              4: _("Offer support or a physician contact")},
}


def row_action(key: str, level: int | None) -> str:
    """The suggested action for one Hälsokurva row at `level` ('' when the row is missing)."""
    if level is None:
        return ""
    kind = "habit" if key in HABIT_ROWS.values() else "measurement" if key in MEASUREMENT_ROWS else "other"
    return str(ROW_ACTIONS[kind][level])


def suggested_advice(level: int | None) -> str | None:
    """The kind of advice (KvaLevel) a habit at `level` calls for; None at level 1 or when missing."""
    return ADVICE_BY_LEVEL.get(level) if level else None


def suggested_follow_up(levels: Mapping[str, int | None], alerts: Iterable[str]) -> list[str]:
    """The follow-up plan the levels suggest (FollowUp values, in that order)."""
    alerts = set(alerts)
    plan = []
    if any(levels.get(k) == 4 for k in (*MEASUREMENT_ROWS, "psykisk_halsa")) or alerts & set(PHYSICIAN_ALERTS):
        plan.append(FollowUp.PHYSICIAN)
    if any((levels.get(k) or 0) >= 3 for k in DIALOGUE_ROWS + MEASUREMENT_ROWS):
        plan.append(FollowUp.NEW_DIALOGUE)
    if (levels.get("fysisk_aktivitet") or 0) >= 3:
        plan.append(FollowUp.FAR)
    return plan or [FollowUp.NONE]


def suggested_diagnoses(levels: Mapping[str, int | None]) -> list[tuple[str, str]]:
    """Z00.0, plus Z72.x for each habit at level 3–4."""
    habits = sorted(HABIT_DIAGNOSES[h] for h, row in HABIT_ROWS.items() if (levels.get(row) or 0) >= 3)
    return [MAIN_DIAGNOSIS, *habits]
