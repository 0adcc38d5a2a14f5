"""With the replies stream: its lab results reach the visit page, its day view leads to the visit, and a
visit can be held after the day view marked the person as come."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from invitations.models import ParticipationState
from population.services.audit import Actor
from responses.services.lab import LabValue, lab_orders_ensure, lab_results_record
from tests.visits.factories import nurse_of, participation_for_visit, started_visit
from visits.lab_sources import lab_results_for
from visits.selectors import checklist_for
from visits.services.visit import visit_start
from visits.summary import build_summary

pytestmark = pytest.mark.django_db


def test_lab_results_recorded_in_responses_appear_on_the_visit(now):
    participation = participation_for_visit()
    staff = Actor.staff(nurse_of(participation.round.unit), participation.round.unit)
    lab_orders_ensure(participation=participation, actor=staff, now=now)
    lab_results_record(participation=participation, sampled_on=dt.date(2026, 2, 25), actor=staff, now=now, values=[
        LabValue("glucose", Decimal("6.3"), "mmol/l"), LabValue("total_cholesterol", Decimal("5.4"), "mmol/l"),
        LabValue("hdl", Decimal("1.1"), "mmol/l"), LabValue("ldl", Decimal("3.6"), "mmol/l"),
        LabValue("triglycerides", Decimal("1.9"), "mmol/l"),
    ])
    results = lab_results_for(participation)
    assert results["fp_glucose"].value == Decimal("6.3") and results["fp_glucose"].taken_on == dt.date(2026, 2, 25)
    assert checklist_for(participation).lab_missing == []
    visit = started_visit(participation=participation, values={"height_cm": Decimal("170")}, now=now)
    summary = build_summary(visit)
    assert summary.levels["kolesterol"] == 2
    assert {code for code, _name in summary.alerts} >= {"glucose_raised", "ldl_high", "triglycerides_high"}


def test_a_visit_can_start_after_the_day_view_marked_the_person_as_come(now):
    participation = participation_for_visit(state=ParticipationState.VISITED)
    visit = visit_start(participation=participation, actor=Actor.staff(nurse_of(participation.round.unit)), now=now)
    participation.refresh_from_db()
    assert visit.pk and participation.state == ParticipationState.VISITED
    assert participation.events.count() == 0  # nothing to move


def test_the_day_view_links_the_nurse_to_the_visit(client, now):
    from tests.responses.factories import appointment_in

    appointment = appointment_in(participation_for_visit().round.unit)
    unit = appointment.participation.round.unit
    client.force_login(nurse_of(unit))
    day = appointment.slot.starts_at.date().isoformat()
    page = client.get(reverse("responses:day") + f"?datum={day}&skoterska=").content.decode()  # all nurses
    assert reverse("visits:checklist", args=[appointment.participation.pk]) in page
