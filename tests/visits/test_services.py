"""The visit: holding it, plausibility and confirmation, the Hälsokurva kept current, overrides, signing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from halsokurva.models import ThresholdTable
from halsokurva.scoring import load_default_table
from invitations.models import ParticipationState
from population.models import AccessLogEntry
from population.services.audit import Actor
from questionnaire.models import ResponseStatus
from questionnaire.selectors import response_for_participation
from tests.conftest import aware
from tests.visits.factories import nurse_of, participation_for_visit, started_visit
from visits.journal import NoteContent
from visits.models import Habit, JournalNote, KvaCode, Visit, VisitStatus
from visits.selectors import previous_result
from visits.services.dialogue import dialogue_save
from visits.services.note import NoteNotPossible, note_sign
from visits.services.visit import (
    VisitClosed,
    VisitNotPossible,
    visit_override_level,
    visit_rest_start,
    visit_start,
    visit_values_save,
)
from visits.summary import build_summary

pytestmark = pytest.mark.django_db


def actor_for(visit):
    return Actor.staff(visit.nurse, visit.unit)


@pytest.mark.parametrize("state", [ParticipationState.INVITED, ParticipationState.ANSWERED, ParticipationState.BOOKED])
def test_holding_the_visit_marks_the_participation_visited_once(state, now):
    participation = participation_for_visit(state=state)
    nurse = nurse_of(participation.round.unit)
    visit = visit_start(participation=participation, actor=Actor.staff(nurse, participation.round.unit), now=now)
    participation.refresh_from_db()
    assert participation.state == ParticipationState.VISITED
    assert participation.events.last().to_status == ParticipationState.VISITED
    assert visit.status == VisitStatus.IN_PROGRESS and visit.nurse == nurse and visit.sex_used == "male"
    assert visit_start(participation=participation, actor=Actor.staff(nurse)) == visit
    assert Visit.objects.count() == 1 and participation.events.count() == 1
    assert visit.result.ruleset == "2026.1-default"
    assert AccessLogEntry.objects.filter(action="create", detail="health dialogue visit started").count() == 1


@pytest.mark.parametrize("state", [ParticipationState.SELECTED, ParticipationState.DECLINED,
                                   ParticipationState.EXCLUDED])
def test_no_visit_for_a_participation_that_is_not_on_its_way(state):
    participation = participation_for_visit(state=state, answers=False)
    with pytest.raises(VisitNotPossible):
        visit_start(participation=participation, actor=Actor.staff(nurse_of(participation.round.unit)))
    assert not Visit.objects.exists()


def test_values_are_saved_and_the_halsokurva_follows(now):
    visit = started_visit(now=now)
    result = build_summary(visit)
    assert result.bmi == 26.4 and result.whr == 0.96
    assert result.bp_mean == "144/90"
    levels = result.levels
    assert levels["bmi"] == 1 and levels["midja_stuss"] == 3 and levels["blodtryck"] == 2
    assert levels["kolesterol"] == 2 and levels["tobak"] == 4  # from the questionnaire
    assert ("glucose_raised", "förhöjt fastande glukos") in result.alerts
    assert AccessLogEntry.objects.filter(detail__startswith="visit values:").count() == 1


def test_an_unusual_value_waits_for_confirmation_and_an_impossible_one_is_refused(now):
    visit = started_visit(values=False, now=now)
    actor = actor_for(visit)
    outcome = visit_values_save(visit=visit, values={"height_cm": Decimal("235"), "weight_kg": Decimal("80")},
                                actor=actor, now=now)
    assert outcome.saved == ["weight_kg"]
    assert "235 cm is outside the usual range 120–230 cm" in outcome.unconfirmed["height_cm"]
    visit.refresh_from_db()
    assert visit.height_cm is None
    outcome = visit_values_save(visit=visit, values={"height_cm": Decimal("235")}, confirm={"height_cm"},
                                actor=actor, now=now)
    assert outcome.saved == ["height_cm"] and not outcome.unconfirmed
    visit.refresh_from_db()
    assert visit.height_cm == Decimal("235") and visit.confirmed_values == {"height_cm": "235"}
    # The same confirmed value saved again needs no new confirmation; a new value does.
    assert not visit_values_save(visit=visit, values={"height_cm": Decimal("235")}, actor=actor).unconfirmed
    assert visit_values_save(visit=visit, values={"height_cm": Decimal("240")}, actor=actor).unconfirmed
    outcome = visit_values_save(visit=visit, values={"height_cm": Decimal("260")}, confirm={"height_cm"}, actor=actor)
    assert outcome.refused == {"height_cm": "260 cm is not possible. Check the value."}
    visit.refresh_from_db()
    assert visit.height_cm == Decimal("235")


def test_diastolic_must_be_below_systolic_and_rest_is_reminded(now):
    visit = started_visit(values=False, now=now)
    actor = actor_for(visit)
    outcome = visit_values_save(visit=visit, values={"systolic_1": 120, "diastolic_1": 125}, actor=actor, now=now)
    assert outcome.refused == {"diastolic_1": "The diastolic pressure must be lower than the systolic."}
    assert "was not started" in outcome.notes[0]
    visit.refresh_from_db()
    assert visit.systolic_1 == 120 and visit.diastolic_1 is None
    visit_rest_start(visit=visit, actor=actor, now=now)
    outcome = visit_values_save(visit=visit, values={"diastolic_1": 80}, actor=actor, now=now + dt.timedelta(minutes=3))
    assert outcome.saved == ["diastolic_1"] and "after 3 minutes of rest" in outcome.notes[0]
    visit.refresh_from_db()
    outcome = visit_values_save(visit=visit, values={"systolic_2": 118, "diastolic_2": 78}, actor=actor,
                                now=now + dt.timedelta(minutes=6))
    assert outcome.notes == []
    assert build_summary(visit).bp_mean == "119/79"


def test_a_nurse_override_keeps_the_computed_level_and_needs_a_reason(now):
    visit = started_visit(now=now)
    actor = actor_for(visit)
    from halsokurva.overrides import OverrideError

    with pytest.raises(OverrideError):
        visit_override_level(visit=visit, row_key="psykisk_halsa", level=4, reason=" ", actor=actor)
    visit_override_level(visit=visit, row_key="psykisk_halsa", level=4, reason="Svår sorg", actor=actor)
    row = next(r for r in build_summary(visit).rows if r.key == "psykisk_halsa")
    assert (row.computed, row.level, row.reason) == (2, 4, "Svår sorg")
    visit_values_save(visit=visit, values={"livssituation": 3}, actor=actor)  # a recompute keeps the override
    visit.refresh_from_db()
    assert build_summary(visit).levels == {**build_summary(visit).levels, "psykisk_halsa": 4, "livssituation": 3}


def test_the_dialogue_keeps_goals_motivation_and_advice_per_habit(now):
    visit = started_visit(now=now)
    advisory = KvaCode.objects.get(code="DV112")
    changed = dialogue_save(visit=visit, values={"discussed_areas": ["tobak", "bmi", "tobak"],
                                                 "follow_up": ["none", "new_dialogue"]},
                            goals={Habit.TOBACCO: {"goal": "Sluta röka före sommaren", "motivation": 8,
                                                   "confidence": 5, "advice": advisory}},
                            actor=actor_for(visit), now=now)
    assert changed == ["discussed_areas", "follow_up", "tobacco.goal/motivation/confidence/advice"]
    visit.refresh_from_db()
    assert visit.discussed_areas == ["tobak", "bmi"] and visit.follow_up == ["new_dialogue"]
    goal = visit.goals.get(habit=Habit.TOBACCO)
    assert (goal.goal, goal.motivation, goal.confidence, goal.advice) == ("Sluta röka före sommaren", 8, 5, advisory)
    with pytest.raises(ValueError):
        dialogue_save(visit=visit, values={}, goals={Habit.DIET: {"advice": advisory}}, actor=actor_for(visit))
    with pytest.raises(ValueError):
        dialogue_save(visit=visit, values={}, goals={Habit.DIET: {"motivation": 11}}, actor=actor_for(visit))
    assert dialogue_save(visit=visit, values={"discussed_areas": ["bmi", "tobak"]}, actor=actor_for(visit)) == []


def content(**kwargs):
    values = {"contact_reason": "Hälsosamtal", "diagnoses": [("Z00.0", "Allmän hälsoundersökning")],
              "kva": [("DV112", "Rådgivande samtal om tobaksbruk")], "advice_text": "", "nurse": "Sara",
              "date": dt.date(2026, 3, 2)}
    return NoteContent(**{**values, **kwargs})


def test_signing_documents_the_visit_the_participation_and_freezes_everything(now):
    visit = started_visit(now=now)
    note = note_sign(visit=visit, content=content(), actor=actor_for(visit), now=now)
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DOCUMENTED
    assert visit.participation.state == ParticipationState.DOCUMENTED
    assert visit.result.frozen_at == now
    assert response_for_participation(participation_id=visit.participation_id).status == ResponseStatus.LOCKED
    assert note.diagnosis_codes == ["Z00.0"] and note.kva_codes == ["DV112"]
    assert "Riktat hälsosamtal primärvården" in note.text and "Kontaktorsak: Hälsosamtal" in note.text
    assert note_sign(visit=visit, content=content(), actor=actor_for(visit)) == note  # a second click
    assert JournalNote.objects.count() == 1
    with pytest.raises(VisitClosed):
        visit_values_save(visit=visit, values={"weight_kg": Decimal("80")}, actor=actor_for(visit))
    # A new table version later never changes the signed visit's levels.
    table = load_default_table()
    table["version"], table["valid_from"] = "2026.9", "2026-01-02"
    ThresholdTable.objects.create(version="2026.9", valid_from=dt.date(2026, 1, 2), table=table)
    assert build_summary(visit).profile.computed.ruleset == "2026.1-default"


def test_a_note_needs_a_contact_reason_and_the_main_diagnosis(now):
    visit = started_visit(now=now)
    with pytest.raises(NoteNotPossible, match="contact reason"):
        note_sign(visit=visit, content=content(contact_reason=" "), actor=actor_for(visit))
    with pytest.raises(NoteNotPossible, match="main diagnosis"):
        note_sign(visit=visit, content=content(diagnoses=[]), actor=actor_for(visit))
    assert not JournalNote.objects.exists()


def test_the_previous_rounds_visit_is_found_for_the_curve(now):
    first = started_visit(year=2026, now=now, sex="female")
    assert previous_result(first) is None
    note_sign(visit=first, content=content(), actor=actor_for(first), now=now)
    participation = participation_for_visit(unit=first.unit, year=2036, answers=False)
    participation.person = first.person
    participation.save()
    second = started_visit(participation=participation, now=aware(2036, 3, 1, 10, 0))
    assert previous_result(second)[0] == first
    found = previous_result(second)
    assert found is not None and found[0] == first
    assert 'class="series series-previous"' in build_summary(second).halsokurva_svg()
