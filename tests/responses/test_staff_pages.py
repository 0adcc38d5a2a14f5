import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from invitations.models import ParticipationState
from population.models import AccessLogEntry
from responses.models import Appointment, AppointmentStatus, BasisStatus, BookingBasis, VisitNeeds
from rhs_portal.roles import Role
from scheduling.models import Slot, SlotStatus
from tests.conftest import aware
from tests.factories import CareUnitFactory, staff_with
from tests.responses.factories import AppointmentFactory, BookingBasisFactory, participation_in
from tests.scheduling.factories import RoomFactory, SlotFactory, nurse_of

pytestmark = pytest.mark.django_db

NOW = aware(2026, 3, 2, 9, 0)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def unit():
    return CareUnitFactory()


@pytest.fixture
def handler(client, unit):
    user = staff_with(unit, Role.CASE_HANDLER)
    client.force_login(user)
    return user


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_booking_on_the_phone_with_a_longer_time_for_the_interpreter(client, unit, handler):
    participation = participation_in(unit)
    VisitNeeds.objects.create(participation=participation, interpreter_language="tigrinja", updated_at=NOW)
    slot = SlotFactory(unit=unit, start=aware(2026, 3, 4, 8, 0))
    url = reverse("responses:book", args=[participation.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["minutes"].value() == 105
    assert "Tolk: tigrinja" in page.content.decode()
    assert f'value="{slot.pk}"' in page.content.decode()

    response = client.post(url, {"slot": slot.pk, "minutes": "105"}, follow=True)
    assert "Tiden är bokad. Invånaren får en bekräftelse." in messages_of(response)
    appointment = Appointment.objects.get(participation=participation)
    assert appointment.booked_by == handler
    assert Slot.objects.get(pk=slot.pk).minutes == 105
    assert AccessLogEntry.objects.filter(actor_user=handler, person=participation.person, action="view").exists()


def test_a_time_taken_meanwhile_is_a_clear_form_error(client, unit, handler):
    participation = participation_in(unit)
    slot = SlotFactory(unit=unit, start=aware(2026, 3, 4, 8, 0))
    AppointmentFactory(participation=participation_in(unit, state=ParticipationState.BOOKED), slot=slot)
    response = client.post(reverse("responses:book", args=[participation.pk]), {"slot": slot.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["slot"] == ["Den tiden är inte längre ledig. Välj en annan."]
    assert not Appointment.objects.filter(participation=participation).exists()


def test_moving_a_booked_time_from_the_booking_page(client, unit, handler):
    participation = participation_in(unit, state=ParticipationState.BOOKED)
    old = AppointmentFactory(participation=participation, slot=SlotFactory(unit=unit, start=aware(2026, 3, 4, 8)))
    new_slot = SlotFactory(unit=unit, start=aware(2026, 3, 5, 8, 0))
    response = client.post(reverse("responses:book", args=[participation.pk]), {"slot": new_slot.pk}, follow=True)
    assert "Tiden flyttades. Invånaren får ett meddelande om det." in messages_of(response)
    old.refresh_from_db()
    assert old.status == AppointmentStatus.CANCELLED
    assert Appointment.objects.get(participation=participation, status="booked").slot == new_slot


def test_needs_and_booking_basis_from_the_booking_page(client, unit, handler):
    participation = participation_in(unit)
    client.post(reverse("responses:needs", args=[participation.pk]),
                {"interpreter_language": "arabiska", "accessibility": "Rullstol"})
    needs = VisitNeeds.objects.get(participation=participation)
    assert (needs.interpreter_language, needs.accessibility, needs.required_minutes) == ("arabiska", "Rullstol", 105)
    response = client.post(reverse("responses:basis_create", args=[participation.pk]), follow=True)
    basis = BookingBasis.objects.get(participation=participation)
    assert basis.deadline == dt.date(2026, 5, 1)
    assert basis.service == "Prevention | Screening | Hälsosamtal, 75 minuter"
    assert "till och med 2026-05-01" in messages_of(response)[-1]


def test_the_watch_list_shows_bases_past_their_deadline_and_logs_each_person(
    client, unit, handler, django_assert_max_num_queries
):
    late = [BookingBasisFactory(participation=participation_in(unit), deadline=dt.date(2026, 2, 20 + i))
            for i in range(4)]
    BookingBasisFactory(participation=participation_in(unit), deadline=dt.date(2026, 3, 2))  # today: not yet
    BookingBasisFactory(participation=participation_in(unit), deadline=dt.date(2026, 2, 1),
                        status=BasisStatus.BOOKED)
    BookingBasisFactory(participation=participation_in(CareUnitFactory()), deadline=dt.date(2026, 2, 1))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("responses:watch_list"))
    assert [b.pk for b in response.context["bases"]] == [b.pk for b in late]
    assert response.context["bases"][0].days_over == 10
    assert AccessLogEntry.objects.filter(actor_user=handler, action="view").count() == 4

    client.post(reverse("responses:basis_change", args=[late[0].pk]), {"action": "extend", "days": "14"})
    client.post(reverse("responses:basis_change", args=[late[1].pk]), {"action": "close", "reason": "Nej tack"})
    late[0].refresh_from_db()
    late[1].refresh_from_db()
    assert late[0].deadline == dt.date(2026, 3, 16)
    assert (late[1].status, late[1].close_reason) == (BasisStatus.CLOSED, "Nej tack")


def _day(unit, nurse, room, hours, **kwargs):
    return [
        AppointmentFactory(
            participation=participation_in(unit, state=ParticipationState.BOOKED),
            slot=SlotFactory(unit=unit, nurse=nurse, room=room, start=aware(2026, 3, 2, hour, 0)), **kwargs
        )
        for hour in hours
    ]


def test_the_nurse_sees_her_day_with_needs_and_lab_status_in_fixed_queries(
    client, unit, django_assert_max_num_queries
):
    nurse = nurse_of(unit, first_name="Sara", last_name="S")
    client.force_login(nurse)
    room = RoomFactory(unit=unit)
    day = _day(unit, nurse, room, [8, 10, 13, 15])
    _day(unit, nurse_of(unit), room, [8])  # another nurse's
    VisitNeeds.objects.create(participation=day[1].participation, interpreter_language="somaliska", updated_at=NOW)
    from population.services.audit import Actor
    from responses.services.lab import LabValue, lab_orders_ensure, lab_results_record

    actor = Actor.system("test")
    lab_orders_ensure(participation=day[0].participation, actor=actor)
    lab_results_record(participation=day[0].participation, sampled_on=dt.date(2026, 2, 20), actor=actor, values=[
        LabValue("glucose", 5.2, "mmol/L"), LabValue("total_cholesterol", 4.9, "mmol/L"),
        LabValue("hdl", 1.4, "mmol/L"), LabValue("ldl", 2.8, "mmol/L"), LabValue("triglycerides", 1.1, "mmol/L"),
    ])
    lab_orders_ensure(participation=day[2].participation, actor=actor)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("responses:day"))
    rows = response.context["rows"]
    assert [r["appointment"].pk for r in rows] == [a.pk for a in day]
    assert [r["previsit"].lab.value for r in rows] == ["results_in", "not_ordered", "ordered", "not_ordered"]
    page = response.content.decode()
    assert "Tolk: somaliska" in page
    assert AccessLogEntry.objects.filter(actor_user=nurse, action="view").count() == 4
    assert [r["started"] for r in rows] == [True, False, False, False]


def test_a_nurse_away_her_day_is_moved_to_a_colleague_at_the_same_times(client, unit, handler):
    sara, olle = nurse_of(unit), nurse_of(unit)
    room, other_room = RoomFactory(unit=unit), RoomFactory(unit=unit)
    day = _day(unit, sara, room, [10, 13])
    free = [SlotFactory(unit=unit, nurse=olle, room=other_room, start=aware(2026, 3, 2, h, 0)) for h in (10, 13)]
    response = client.post(reverse("responses:day_bulk"), {
        "appointments": [a.pk for a in day], "action": "move", "move_to": "same_time", "target_nurse": olle.pk,
        "block_slots": "on", "reason": "Sjuk",
    }, follow=True)
    assert "2 tider flyttades; varje invånare får ett meddelande." in messages_of(response)
    assert "2 frigjorda tider spärrades." in messages_of(response)
    for appointment, slot in zip(day, free, strict=True):
        appointment.refresh_from_db()
        assert appointment.status == AppointmentStatus.CANCELLED
        assert appointment.replaced_by.slot == slot
        assert Slot.objects.get(pk=appointment.slot_id).status == SlotStatus.BLOCKED


def test_an_appointment_with_nowhere_to_go_stays_booked_and_is_reported(client, unit, handler):
    day = _day(unit, nurse_of(unit), RoomFactory(unit=unit), [10])
    response = client.post(reverse("responses:day_bulk"), {
        "appointments": [day[0].pk], "action": "move", "move_to": "same_time"}, follow=True)
    assert any("ändrades inte: Ingen ledig tid att flytta till." in m for m in messages_of(response))
    day[0].refresh_from_db()
    assert day[0].status == AppointmentStatus.BOOKED


def test_cancelling_a_day_frees_the_times(client, unit, handler):
    day = _day(unit, nurse_of(unit), RoomFactory(unit=unit), [10, 13])
    client.post(reverse("responses:day_bulk"), {"appointments": [a.pk for a in day], "action": "cancel",
                                                "move_to": "same_time"})
    assert set(Appointment.objects.values_list("status", "cancel_reason")) == {("cancelled", "nurse_away")}
    assert set(Slot.objects.values_list("status", flat=True)) == {SlotStatus.FREE}


def test_marking_the_morning_visit_as_attended(client, unit, handler):
    appointment = _day(unit, nurse_of(unit), RoomFactory(unit=unit), [8])[0]
    response = client.post(reverse("responses:mark", args=[appointment.pk]), {"outcome": "attended"}, follow=True)
    assert messages_of(response) == [f"{appointment.participation.person.full_name} kom till samtalet."]
    appointment.participation.refresh_from_db()
    assert appointment.participation.state == ParticipationState.VISITED


def test_the_person_page_shows_the_booking_basis_time_and_lab_orders(client, unit, handler):
    participation = participation_in(unit, state=ParticipationState.BOOKED)
    BookingBasisFactory(participation=participation, deadline=dt.date(2026, 4, 1), status=BasisStatus.BOOKED)
    AppointmentFactory(participation=participation, slot=SlotFactory(unit=unit, start=aware(2026, 3, 10, 8, 0)))
    from population.services.audit import Actor
    from responses.services.lab import lab_orders_ensure

    lab_orders_ensure(participation=participation, actor=Actor.system("test"))
    page = client.get(reverse("population:person_detail", args=[participation.person_id])).content.decode()
    assert "Bokning och labbprover" in page
    assert "boka senast 2026-04-01" in page
    assert "tis 10 mar 2026 08:00" in page.lower()
    assert "fP-Glukos: beställd" in page
    assert reverse("responses:book", args=[participation.pk]) in page
