"""The funnel read from what the real services write: batches per channel, reading, answers, lab results."""

import datetime as dt
from decimal import Decimal

import pytest

from invitations.models import InvitationCase
from invitations.services.batches import BatchFilters, batch_create, batch_send
from invitations.services.cases import case_answer, case_mark_read
from invitations.services.cohort import cohort_select
from population.services.audit import Actor
from reporting.services.funnel import funnel, participations_in_scope
from responses.services.lab import LabValue, lab_orders_ensure, lab_results_record
from tests.factories import CareUnitFactory, PersonFactory, staff_with

pytestmark = pytest.mark.django_db


def test_channels_reading_answers_and_lab_results_reach_the_funnel(now):
    unit = CareUnitFactory()
    for _ in range(4):
        PersonFactory(unit=unit, age=50, reachability="digital")
    PersonFactory(unit=unit, age=50, reachability="missing")  # → phone
    PersonFactory(unit=unit, age=50, reachability="missing", no_phone=True)  # → letter
    actor = Actor.staff(staff_with(unit), unit)
    round_, _added = cohort_select(unit=unit, year=2026, actor=actor, now=now)
    batch = batch_create(round_=round_, template_kind="invitation_phone", size=25, filters=BatchFilters(),
                         actor=actor, now=now)
    batch_send(batch=batch, actor=actor, now=now)
    cases = list(InvitationCase.objects.order_by("pk"))
    assert len(cases) == 4
    citizen = Actor.system("citizen test")
    for case in cases[:3]:
        case_mark_read(case=case, actor=citizen, now=now + dt.timedelta(days=1))
    case_answer(case=cases[0], answer="call_me", actor=citizen, now=now + dt.timedelta(days=2))
    lab_orders_ensure(participation=cases[0].participation, actor=actor, now=now)

    table = funnel(participations_in_scope(unit_ids=[unit.pk]))
    total = table.total
    assert (total["selected"], total["invited"]) == (6, 6)
    assert (total["invited_digital"], total["invited_phone"], total["invited_letter"]) == (4, 1, 1)
    assert total["read"] == 3 and total["answered"] == 1 and total["lab_done"] == 0

    values = [LabValue(analyte, Decimal(v), "mmol/l") for analyte, v in (
        ("glucose", "5.4"), ("total_cholesterol", "4.9"), ("hdl", "1.4"), ("ldl", "2.8"), ("triglycerides", "1.1"))]
    lab_results_record(participation=cases[0].participation, sampled_on=now.date(), values=values, actor=actor,
                       now=now)
    assert funnel(participations_in_scope(unit_ids=[unit.pk])).total["lab_done"] == 1

    by_channel = {r["group"]: r["invited"] for r in funnel(participations_in_scope(unit_ids=[unit.pk]),
                                                             dimension="channel").rows}
    assert by_channel == {"digital": 4, "phone": 1, "letter": 1}
    by_template = {r["group"]: r["read"] for r in funnel(participations_in_scope(unit_ids=[unit.pk]),
                                                           dimension="template").rows}
    assert by_template == {"invitation_phone": 3, "–": 0}
