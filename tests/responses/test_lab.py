import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from population.services.audit import Actor
from responses.models import LabOrder, LabOrderStatus, LabResult
from responses.services.lab import (
    LabResultError,
    LabValue,
    lab_order_mark_sampled,
    lab_orders_ensure,
    lab_results_record,
)
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, staff_with
from tests.responses.factories import participation_in

pytestmark = pytest.mark.django_db

LIPIDS = [LabValue("total_cholesterol", Decimal("5.4"), "mmol/l"), LabValue("hdl", Decimal("1.3"), "mmol/L"),
          LabValue("ldl", Decimal("3.2"), "MMOL/L"), LabValue("triglycerides", Decimal("1.6"), "mmol/L")]


@pytest.fixture
def unit():
    return CareUnitFactory()


@pytest.fixture
def actor(unit):
    return Actor.staff(staff_with(unit, Role.DIALOGUE_LEADER), unit)


@pytest.fixture
def participation(unit, actor, now):
    p = participation_in(unit)
    lab_orders_ensure(participation=p, actor=actor, now=now)
    return p


def orders(participation):
    return dict(LabOrder.objects.filter(participation=participation).values_list("analysis", "status"))


def test_ordering_twice_orders_once(participation, actor, now):
    lab_orders_ensure(participation=participation, actor=actor, now=now)
    assert orders(participation) == {"fp_glukos": "ordered", "fp_lipidstatus": "ordered"}


def test_orders_move_from_ordered_to_sampled_to_results_received(participation, actor, now):
    lab_results_record(participation=participation, sampled_on=dt.date(2026, 2, 27), actor=actor, now=now,
                       values=LIPIDS[:2])
    assert orders(participation) == {"fp_glukos": "ordered", "fp_lipidstatus": "sampled"}
    lab_results_record(participation=participation, sampled_on=dt.date(2026, 2, 27), actor=actor, now=now,
                       values=[*LIPIDS[2:], LabValue("glucose", Decimal("5.9"), "mmol/L")])
    assert orders(participation) == {"fp_glukos": "results", "fp_lipidstatus": "results"}
    assert LabOrder.objects.get(participation=participation, analysis="fp_glukos").sampled_on == dt.date(2026, 2, 27)


def test_a_new_value_replaces_the_old_one_which_is_kept(participation, actor, now):
    lab_results_record(participation=participation, sampled_on=dt.date(2026, 2, 27), actor=actor, now=now,
                       values=[LabValue("glucose", Decimal("6.4"), "mmol/L")])
    lab_results_record(participation=participation, sampled_on=dt.date(2026, 2, 27), actor=actor, now=now,
                       values=[LabValue("glucose", Decimal("6.1"), "mmol/L")])
    current = LabResult.objects.get(participation=participation, superseded_at__isnull=True)
    assert current.value == Decimal("6.10")
    assert LabResult.objects.filter(participation=participation).count() == 2


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (LabValue("glucose", Decimal("59"), "mmol/L"),
         "Fasting glucose 59 mmol/L is outside the plausible range 1.0–35.0 mmol/L. Check the value and the unit."),
        (LabValue("glucose", Decimal("5.9"), "mg/dL"), "Fasting glucose is given in mmol/L, not mg/dL."),
        (LabValue("hba1c", Decimal("6.5"), "mmol/mol"),
         "HbA1c 6.5 mmol/mol is outside the plausible range 15–200 mmol/mol. Check the value and the unit."),
    ],
)
def test_implausible_values_and_wrong_units_are_refused_and_nothing_is_saved(participation, actor, now, value,
                                                                            message):
    with pytest.raises(LabResultError) as error:
        lab_results_record(participation=participation, sampled_on=dt.date(2026, 2, 27), actor=actor, now=now,
                           values=[LIPIDS[0], value])
    assert error.value.message == message
    assert not LabResult.objects.exists()


def test_a_sample_date_in_the_future_is_refused(participation, actor, now):
    with pytest.raises(LabResultError, match="cannot be in the future"):
        lab_results_record(participation=participation, sampled_on=dt.date(2026, 3, 3), actor=actor, now=now,
                           values=LIPIDS)
    order = LabOrder.objects.get(participation=participation, analysis="fp_glukos")
    lab_order_mark_sampled(order=order, sampled_on=dt.date(2026, 3, 1), actor=actor, now=now)
    assert orders(participation)["fp_glukos"] == LabOrderStatus.SAMPLED


def test_a_value_without_an_order_is_refused(unit, actor, now):
    with pytest.raises(LabResultError, match="fP-Glukos is not ordered"):
        lab_results_record(participation=participation_in(unit), sampled_on=dt.date(2026, 2, 27), actor=actor,
                           now=now, values=[LabValue("glucose", Decimal("5.0"), "mmol/L")])


def test_entering_results_on_the_page_with_a_decimal_comma(client, unit, participation):
    nurse = staff_with(unit, Role.DIALOGUE_LEADER)
    client.force_login(nurse)
    url = reverse("responses:lab_results", args=[participation.pk])
    response = client.post(url, {"sampled_on": "2026-02-27", "glucose": "75", "hdl": "1,3"})
    assert response.status_code == 200
    assert "ligger utanför det rimliga intervallet" in response.content.decode()
    assert not LabResult.objects.exists()
    response = client.post(url, {"sampled_on": "2026-02-27", "glucose": "5,7", "total_cholesterol": "5,1",
                                 "hdl": "1,3", "ldl": "3,0", "triglycerides": "1,2"})
    assert response.status_code == 302
    assert LabResult.objects.get(analyte="glucose").value == Decimal("5.70")
    assert orders(participation) == {"fp_glukos": "results", "fp_lipidstatus": "results"}


def test_the_lab_overview_lists_orders_waiting(client, unit, participation, django_assert_max_num_queries):
    client.force_login(staff_with(unit, Role.CASE_HANDLER))
    for _i in range(3):
        lab_orders_ensure(participation=participation_in(unit), actor=Actor.system("test"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("responses:lab_overview"))
    assert response.context["page_obj"].paginator.count == 8
    order = LabOrder.objects.filter(participation=participation).first()
    client.post(reverse("responses:lab_sampled", args=[order.pk]), {"sampled_on": "2026-02-27"})
    order.refresh_from_db()
    assert order.status == LabOrderStatus.SAMPLED


def test_the_current_values_in_the_visit_pages_codes(participation, actor, now):
    from responses.selectors import lab_values_for_visit

    lab_results_record(participation=participation, sampled_on=dt.date(2026, 2, 27), actor=actor, now=now,
                       values=[LabValue("glucose", Decimal("6.4"), "mmol/L"), *LIPIDS])
    values = {v.code: (v.value, v.unit, v.taken_on) for v in lab_values_for_visit(participation)}
    assert values["fp_glucose"] == (Decimal("6.40"), "mmol/L", dt.date(2026, 2, 27))
    assert set(values) == {"fp_glucose", "total_cholesterol", "hdl", "ldl", "triglycerides"}
