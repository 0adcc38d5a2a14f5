"""Demo data for the health dialogue (embedded set-up only): people on their way to a visit.

For one unit: two people who have answered the invitation but not the questionnaire, two
ready for their visit (questionnaire answered, lab values entered by the nurse at the visit),
one visit in progress and one documented, so every page of the visit has something to show.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from invitations.models import PARTICIPATION_MACHINE, Participation, ParticipationState
from population.services.audit import Actor
from questionnaire.models import EntryMethod
from questionnaire.selectors import version_in_force
from questionnaire.services.responses import answers_save, response_start, response_submit
from questionnaire.structure import load_structure
from visits.journal import NoteContent
from visits.models import Habit, KvaCode
from visits.services.dialogue import dialogue_save
from visits.services.note import note_sign
from visits.services.visit import visit_start, visit_values_save


def _answers(structure, rng: random.Random) -> dict:
    answers = {}
    for question in structure.questions.values():
        if question.options:
            answers[question.key] = rng.choice(question.option_keys)
        elif question.kind == "scale":
            answers[question.key] = rng.randrange(0, 51)
    for key in structure.skipped(answers):
        answers.pop(key, None)
    return answers


@transaction.atomic
def seed_visit_demo(*, unit, nurse, seed: int = 7) -> int:
    """Move six of the unit's selected participations along; returns how many were used."""
    rng = random.Random(seed)
    now = timezone.now()
    system = Actor.system("seed_demo", unit=unit)
    staff = Actor.staff(nurse, unit)
    chosen = list(Participation.objects.filter(round__unit=unit, state=ParticipationState.SELECTED)
                  .select_related("person", "round__unit__region").order_by("position")[:6])
    version = version_in_force(region=unit.region, on=timezone.localdate())
    structure = load_structure(version)
    for index, participation in enumerate(chosen):
        for state in (ParticipationState.INVITED, ParticipationState.ANSWERED):
            PARTICIPATION_MACHINE.transition(participation, state, actor_name=system.name, now=now, note="demo")
        if index < 2:
            continue
        citizen = Actor.citizen(participation.person, unit)
        response = response_start(participation_id=participation.pk, person=participation.person, unit=unit,
                                  version=version, actor=citizen, now=now)
        answers_save(response=response, structure=structure, values=_answers(structure, rng),
                     method=EntryMethod.CITIZEN_ONLINE, actor=citizen, now=now)
        response_submit(response=response, structure=structure, actor=citizen, now=now)
        if index < 4:
            continue
        visit = visit_start(participation=participation, actor=staff, now=now)
        visit_values_save(visit=visit, actor=staff, now=now, values={
            "height_cm": Decimal(rng.randrange(155, 195)), "weight_kg": Decimal(rng.randrange(55, 110)),
            "waist_cm": Decimal(rng.randrange(70, 115)), "hip_cm": Decimal(rng.randrange(90, 120)),
            "systolic_1": rng.randrange(115, 165), "diastolic_1": rng.randrange(70, 95),
            "total_cholesterol": Decimal(rng.randrange(40, 75)) / 10, "fp_glucose": Decimal(rng.randrange(48, 68)) / 10,
        })
        if index == 5:
            dialogue_save(visit=visit, actor=staff, now=now, values={"follow_up": ["new_dialogue"]}, goals={
                Habit.PHYSICAL_ACTIVITY: {"goal": "Promenera 30 minuter varje dag", "motivation": 8, "confidence": 6,
                                          "advice": KvaCode.objects.filter(code="DV132").first()}})
            note_sign(visit=visit, actor=staff, now=now, content=NoteContent(
                contact_reason="Hälsosamtal", diagnoses=[("Z00.0", "Allmän hälsoundersökning")],
                kva=[("DV132", "Rådgivande samtal om fysisk aktivitet")], advice_text="",
                nurse=nurse.get_full_name(), date=timezone.localdate(now)))
    return len(chosen)
