"""Visit test data: a nurse, a participation ready for its visit, a started visit with values."""

from __future__ import annotations

from decimal import Decimal

from invitations.models import ParticipationState
from population.services.audit import Actor
from rhs_portal.roles import Role
from tests.factories import ParticipationFactory, PersonFactory, RoundFactory, staff_with
from tests.questionnaire.factories import answered_response
from visits.services.visit import visit_start, visit_values_save

MEASURED = {"height_cm": Decimal("180"), "weight_kg": Decimal("85.5"), "waist_cm": Decimal("96"),
            "hip_cm": Decimal("100"), "systolic_1": 146, "diastolic_1": 92, "systolic_2": 142, "diastolic_2": 88,
            "heart_rate": 72, "fp_glucose": Decimal("6.4"), "total_cholesterol": Decimal("5.6"),
            "hdl": Decimal("1.2"), "ldl": Decimal("3.4"), "triglycerides": Decimal("1.5")}


def nurse_of(unit, **kwargs):
    return staff_with(unit, Role.DIALOGUE_LEADER, **kwargs)


def participation_for_visit(*, unit=None, sex="male", year=2026, state=ParticipationState.ANSWERED, answers=True):
    from invitations.models import Round

    existing = Round.objects.filter(unit=unit, year=year).first() if unit is not None else None
    round_ = existing or (RoundFactory(unit=unit, year=year) if unit is not None else RoundFactory(year=year))
    person = PersonFactory(unit=round_.unit, sex=sex, year=year)
    participation = ParticipationFactory(round=round_, person=person, state=state)
    if answers:
        answered_response(participation)
    return participation


def started_visit(*, participation=None, nurse=None, values=None, now=None, **kwargs):
    participation = participation or participation_for_visit(**kwargs)
    unit = participation.round.unit
    nurse = nurse or nurse_of(unit)
    actor = Actor.staff(nurse, unit)
    visit = visit_start(participation=participation, actor=actor, now=now)
    if values is not False:
        outcome = visit_values_save(visit=visit, values=dict(values or MEASURED), actor=actor, now=now)
        assert not outcome.refused and not outcome.unconfirmed, outcome
        visit.refresh_from_db()
    return visit
