"""Everything a visit shows, gathered once: measurements, lab values, the Hälsokurva with overrides,
alerts, goals and follow-up. The visit page, the journal note, the citizen's summary (page and
PDF) and the FHIR export all read it, so they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from halsokurva.render import render_halsokurva_svg, render_stjarnprofil_svg
from halsokurva.scoring import stjarnprofil, stress_points_from_mm
from halsokurva.selectors import ResultView, result_view
from halsokurva.texts import texts_for
from visits.dialogue import row_action, suggested_advice, suggested_diagnoses, suggested_follow_up
from visits.lab_sources import LAB_CODES, lab_results_for
from visits.models import Chart, FollowUp, Habit, HabitGoal, Visit
from visits.models.dialogue import HABIT_ROWS
from visits.selectors import previous_result, questionnaire_answers, visit_settings

MEASUREMENTS = (("height_cm", "cm"), ("weight_kg", "kg"), ("waist_cm", "cm"), ("hip_cm", "cm"))
_VALUE_DECIMALS = {"bmi": 1, "midja_stuss": 2, "kolesterol": 2}


def number(value, decimals: int | None = None, comma: bool = True) -> str:
    """A number as Swedish text: decimal comma, given decimals (or as entered without trailing zeros)."""
    if value is None:
        return ""
    value = Decimal(str(value))
    text = f"{value:.{decimals}f}" if decimals is not None else format(value.normalize(), "f")
    return text.replace(".", ",") if comma else text


@dataclass(frozen=True)
class Measure:
    key: str
    value: Decimal | None
    unit: str
    source: str = ""  # "lab: <source>" / "visit"
    taken_on: object = None

    @property
    def text(self) -> str:
        return number(self.value)


@dataclass(frozen=True)
class ProfileRow:
    key: str
    label: str
    computed: int | None
    level: int | None
    value: object
    value_text: str
    reason: str
    action: str

    @property
    def overridden(self) -> bool:
        return bool(self.reason)


@dataclass
class VisitSummary:
    visit: Visit
    language: str
    profile: ResultView | None
    rows: list[ProfileRow]
    alerts: list[tuple[str, str]]
    measurements: list[Measure]
    labs: list[Measure]
    bmi: float | None
    whr: float | None
    bp_mean: str
    goals: list[HabitGoal]
    answers: dict = field(default_factory=dict)
    previous: tuple | None = None
    chart: str = Chart.HALSOKURVA

    @property
    def levels(self) -> dict[str, int | None]:
        return {r.key: r.level for r in self.rows}

    @property
    def follow_up_labels(self) -> list[str]:
        return [str(FollowUp(k).label) for k in self.visit.follow_up]

    @property
    def suggested_follow_up(self) -> list[str]:
        return suggested_follow_up(self.levels, [code for code, _ in self.alerts])

    @property
    def suggested_diagnoses(self) -> list[tuple[str, str]]:
        return suggested_diagnoses(self.levels)

    @property
    def goals_with_content(self) -> list[HabitGoal]:
        return [g for g in self.goals if not g.is_empty]

    def habit_level(self, habit: str) -> int | None:
        return self.levels.get(HABIT_ROWS[habit])

    def habit_suggestion(self, habit: str) -> str | None:
        return suggested_advice(self.habit_level(habit))

    def halsokurva_svg(self, *, id_prefix: str = "halsokurva") -> str:
        if self.profile is None:
            return ""
        previous = result_view(self.previous[1]).shown if self.previous else None
        return render_halsokurva_svg(self.profile.shown, previous=previous, lang=self.language, id_prefix=id_prefix)

    def stjarnprofil_svg(self, *, id_prefix: str = "stjarnprofil") -> str:
        if self.profile is None:
            return ""
        table = self.profile.stored.table.table
        glucose = next((m.value for m in self.labs if m.key == "fp_glucose" and m.value is not None), None)
        stress = self.answers.get("stress")
        points = stress_points_from_mm(stress, table) if stress is not None else None
        rays = stjarnprofil(self.profile.shown, table, glucose_fasting=glucose, stress_points=points)
        previous = None
        if self.previous:
            previous = stjarnprofil(result_view(self.previous[1]).shown, self.previous[1].table.table)
        return render_stjarnprofil_svg(rays, previous=previous, lang=self.language, id_prefix=id_prefix)


def _value_text(key: str, value, t: dict) -> str:
    if value is None or key == "livssituation":
        return ""
    if key in ("tobak", "arftlighet"):
        return t["categories"].get(value, str(value))
    if key == "blodtryck":
        return f"{value} {t['units']['blodtryck']}"
    decimals = _VALUE_DECIMALS.get(key)
    text = number(value, decimals) if isinstance(value, int | float) else str(value)
    unit = t["units"].get(key)
    return f"{text} {unit}" if unit else text


def build_summary(visit: Visit, *, language: str = "sv") -> VisitSummary:
    language = language if language in ("sv", "en", "ar") else "sv"
    t = texts_for(language)
    profile = result_view(visit.result) if visit.result_id else None
    rows = []
    if profile is not None:
        for row in profile.rows:
            rows.append(ProfileRow(
                key=row.key, label=t["rows"][row.key], computed=row.computed, level=row.level, value=row.value,
                value_text=_value_text(row.key, row.value, t), reason=row.reason, action=row_action(row.key, row.level),
            ))
    alerts = [(code, t["alert_names"].get(code, code)) for code in (profile.computed.alerts if profile else ())]
    lab = lab_results_for(visit.participation)
    labs = []
    for code, (_label, unit, _loinc) in LAB_CODES.items():
        if code in lab:
            labs.append(Measure(code, lab[code].value, unit, f"lab:{lab[code].source}", lab[code].taken_on))
        elif getattr(visit, code) is not None:
            labs.append(Measure(code, getattr(visit, code), unit, "visit", visit.lab_taken_on))
    bp_mean = ""
    if profile is not None:
        bp = profile.computed.row("blodtryck").value
        bp_mean = str(bp) if bp else ""
    _response, answers = questionnaire_answers(visit.participation)
    goals = {g.habit: g for g in visit.goals.select_related("advice")}
    ordered_goals = [goals.get(h) or HabitGoal(visit=visit, habit=h) for h in Habit.values]
    settings = visit_settings(visit.participation.round.unit.region)
    return VisitSummary(
        visit=visit, language=language, profile=profile, rows=rows, alerts=alerts,
        measurements=[Measure(key, getattr(visit, key), unit, "visit") for key, unit in MEASUREMENTS],
        labs=labs, bmi=profile.computed.bmi if profile else None, whr=profile.computed.whr if profile else None,
        bp_mean=bp_mean, goals=ordered_goals, answers=answers, previous=previous_result(visit), chart=settings.chart,
    )


def visit_date(visit: Visit):
    return timezone.localdate(visit.started_at)
