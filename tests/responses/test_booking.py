import datetime as dt

import pytest

from invitations.models import ParticipationEvent, ParticipationState
from population.models import AccessLogEntry
from population.services.audit import Actor
from responses.models import (
    Appointment,
    AppointmentStatus,
    BasisStatus,
    BookedVia,
    CancelReason,
    LabOrder,
    VisitNeeds,
)
from responses.services.basis import booking_basis_create
from responses.services.booking import (
    appointment_book,
    appointment_cancel,
    appointment_mark,
    appointment_rebook,
)
from responses.services.errors import BookingError
from scheduling.models import Slot, SlotStatus
from scheduling.services.errors import SlotUnavailable
from tests.factories import CareUnitFactory, staff_with
from tests.responses.factories import AppointmentFactory, BookingBasisFactory, participation_in
from tests.scheduling.factories import SlotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return CareUnitFactory()


@pytest.fixture
def staff(unit):
    return Actor.staff(staff_with(unit), unit)


def citizen(participation):
    return Actor.citizen(participation.person, participation.round.unit)


def test_staff_book_a_free_time(unit, staff, now):
    participation = participation_in(unit)
    slot = SlotFactory(unit=unit, start=now + dt.timedelta(days=3))
    appointment = appointment_book(participation=participation, slot=slot, actor=staff, now=now)

    assert appointment.status == AppointmentStatus.BOOKED and appointment.booked_via == BookedVia.STAFF
    assert Slot.objects.get(pk=slot.pk).status == SlotStatus.BOOKED
    participation.refresh_from_db()
    assert participation.state == ParticipationState.BOOKED
    assert set(LabOrder.objects.filter(participation=participation).values_list("analysis", flat=True)) == {
        "fp_glukos", "fp_lipidstatus"
    }
    assert AccessLogEntry.objects.filter(person=participation.person, action="create",
                                         object_type="responses.appointment").count() == 1


def test_a_double_submit_books_nothing_more(unit, staff, now):
    participation = participation_in(unit)
    appointment_book(participation=participation, slot=SlotFactory(unit=unit, start=now + dt.timedelta(days=3)),
                     actor=staff, now=now)
    other = SlotFactory(unit=unit, start=now + dt.timedelta(days=4))
    with pytest.raises(BookingError, match="already has a booked time"):
        appointment_book(participation=participation, slot=other, actor=staff, now=now)
    assert Appointment.objects.count() == 1
    assert Slot.objects.get(pk=other.pk).status == SlotStatus.FREE


def test_a_slot_taken_meanwhile_changes_nothing(unit, staff, now):
    participation = participation_in(unit)
    slot = SlotFactory(unit=unit, start=now + dt.timedelta(days=3))
    appointment_book(participation=participation_in(unit), slot=slot, actor=staff, now=now)
    slot.status = SlotStatus.FREE  # read before the other booking
    with pytest.raises(SlotUnavailable):
        appointment_book(participation=participation, slot=slot, actor=staff, now=now)
    participation.refresh_from_db()
    assert participation.state == ParticipationState.ANSWERED
    assert not LabOrder.objects.filter(participation=participation).exists()


def test_a_selected_person_booked_on_the_phone_is_invited_then_booked(unit, staff, now):
    participation = participation_in(unit, state=ParticipationState.SELECTED)
    appointment_book(participation=participation, slot=SlotFactory(unit=unit, start=now + dt.timedelta(days=3)),
                     actor=staff, now=now)
    assert list(ParticipationEvent.objects.filter(participation=participation).values_list("to_status", flat=True)) == [
        ParticipationState.INVITED, ParticipationState.BOOKED
    ]


def test_the_citizen_books_on_the_web_only_a_week_ahead_and_long_enough(unit, now):
    participation = participation_in(unit, state=ParticipationState.INVITED)
    BookingBasisFactory(participation=participation)
    with pytest.raises(BookingError, match="from a week ahead"):
        appointment_book(participation=participation, slot=SlotFactory(unit=unit, start=now + dt.timedelta(days=6)),
                         actor=citizen(participation), now=now)
    with pytest.raises(SlotUnavailable, match="cannot be booked on the web"):
        appointment_book(participation=participation,
                         slot=SlotFactory(unit=unit, start=now + dt.timedelta(days=8), web=False),
                         actor=citizen(participation), now=now)
    VisitNeeds.objects.create(participation=participation, interpreter_language="arabiska", updated_at=now)
    with pytest.raises(BookingError, match="too short"):
        appointment_book(participation=participation, slot=SlotFactory(unit=unit, start=now + dt.timedelta(days=8)),
                         actor=citizen(participation), now=now)
    long = SlotFactory(unit=unit, start=now + dt.timedelta(days=9), minutes=105)
    appointment = appointment_book(participation=participation, slot=long, actor=citizen(participation), now=now)
    assert appointment.booked_via == BookedVia.WEB and appointment.booked_by is None


def test_web_booking_needs_an_open_booking_basis_before_its_deadline(unit, now):
    participation = participation_in(unit, state=ParticipationState.ANSWERED)
    slot = SlotFactory(unit=unit, start=now + dt.timedelta(days=8))
    with pytest.raises(BookingError, match="not open for you"):
        appointment_book(participation=participation, slot=slot, actor=citizen(participation), now=now)
    BookingBasisFactory(participation=participation, deadline=now.date() - dt.timedelta(days=1))
    with pytest.raises(BookingError, match="last day to book on the web has passed"):
        appointment_book(participation=participation, slot=slot, actor=citizen(participation), now=now)
    assert Slot.objects.get(pk=slot.pk).status == SlotStatus.FREE


def test_a_declined_citizen_cannot_book_on_the_web_but_staff_can_book_on_the_phone(unit, staff, now):
    participation = participation_in(unit, state=ParticipationState.DECLINED)
    BookingBasisFactory(participation=participation)
    slot = SlotFactory(unit=unit, start=now + dt.timedelta(days=8))
    with pytest.raises(BookingError, match="Please call us"):
        appointment_book(participation=participation, slot=slot, actor=citizen(participation), now=now)
    appointment_book(participation=participation, slot=slot, actor=staff, now=now)
    participation.refresh_from_db()
    assert participation.state == ParticipationState.BOOKED


def test_staff_lengthen_the_time_for_an_interpreter_when_booking(unit, staff, now):
    slot = SlotFactory(unit=unit, start=now + dt.timedelta(days=3))
    appointment_book(participation=participation_in(unit), slot=slot, actor=staff, now=now, minutes=105)
    assert Slot.objects.get(pk=slot.pk).minutes == 105


def test_rebooking_frees_the_old_time_and_keeps_the_person_booked(unit, staff, now):
    participation = participation_in(unit)
    first = SlotFactory(unit=unit, start=now + dt.timedelta(days=8))
    second = SlotFactory(unit=unit, start=now + dt.timedelta(days=9))
    old = appointment_book(participation=participation, slot=first, actor=staff, now=now)
    new = appointment_rebook(appointment=old, slot=second, actor=citizen(participation), now=now)

    old.refresh_from_db()
    assert (old.status, old.cancel_reason, old.replaced_by) == (AppointmentStatus.CANCELLED, CancelReason.REBOOKED, new)
    assert Slot.objects.get(pk=first.pk).status == SlotStatus.FREE
    assert Slot.objects.get(pk=second.pk).status == SlotStatus.BOOKED
    participation.refresh_from_db()
    assert participation.state == ParticipationState.BOOKED
    with pytest.raises(BookingError, match="already been changed"):
        appointment_rebook(appointment=old, slot=first, actor=staff, now=now)


def test_a_failed_rebooking_keeps_the_old_time(unit, staff, now):
    participation = participation_in(unit)
    old = appointment_book(participation=participation, slot=SlotFactory(unit=unit, start=now + dt.timedelta(days=8)),
                           actor=staff, now=now)
    taken = SlotFactory(unit=unit, start=now + dt.timedelta(days=9), status=SlotStatus.BOOKED)
    with pytest.raises(SlotUnavailable):
        appointment_rebook(appointment=old, slot=taken, actor=staff, now=now)
    old.refresh_from_db()
    assert old.status == AppointmentStatus.BOOKED


def test_cancelling_frees_the_time_and_the_person_is_answered_again(unit, staff, now):
    participation = participation_in(unit)
    basis = booking_basis_create(participation=participation, actor=staff, now=now)
    slot = SlotFactory(unit=unit, start=now + dt.timedelta(days=8))
    appointment = appointment_book(participation=participation, slot=slot, actor=citizen(participation), now=now)
    basis.refresh_from_db()
    assert basis.status == BasisStatus.BOOKED

    appointment_cancel(appointment=appointment, reason=CancelReason.CITIZEN, actor=citizen(participation), now=now)
    appointment.refresh_from_db()
    basis.refresh_from_db()
    participation.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    assert Slot.objects.get(pk=slot.pk).status == SlotStatus.FREE
    assert participation.state == ParticipationState.ANSWERED
    assert basis.status == BasisStatus.WAITING


def test_the_citizen_cannot_change_a_time_less_than_a_day_away(unit, staff, now):
    participation = participation_in(unit)
    slot = SlotFactory(unit=unit, start=now + dt.timedelta(hours=20))
    appointment = appointment_book(participation=participation, slot=slot, actor=staff, now=now)
    with pytest.raises(BookingError, match="less than a day away"):
        appointment_cancel(appointment=appointment, reason=CancelReason.CITIZEN, actor=citizen(participation),
                           now=now)
    appointment_cancel(appointment=appointment, reason=CancelReason.STAFF, actor=staff, now=now)


def test_an_appointment_ends_as_attended_or_no_show_once_it_has_started(unit, staff, now):
    came = participation_in(unit, state=ParticipationState.BOOKED)
    slot = SlotFactory(unit=unit, start=now + dt.timedelta(hours=1))
    appointment = AppointmentFactory(participation=came, slot=slot)
    with pytest.raises(BookingError, match="not started yet"):
        appointment_mark(appointment=appointment, outcome=AppointmentStatus.ATTENDED, actor=staff, now=now)
    later = now + dt.timedelta(hours=2)
    appointment_mark(appointment=appointment, outcome=AppointmentStatus.ATTENDED, actor=staff, now=later)
    came.refresh_from_db()
    assert came.state == ParticipationState.VISITED
    assert Slot.objects.get(pk=slot.pk).status == SlotStatus.BOOKED  # a used time stays taken

    away = participation_in(unit, state=ParticipationState.BOOKED)
    missed = AppointmentFactory(participation=away, slot=SlotFactory(unit=unit, start=now + dt.timedelta(hours=1)))
    appointment_mark(appointment=missed, outcome=AppointmentStatus.NO_SHOW, actor=staff, now=later)
    away.refresh_from_db()
    assert away.state == ParticipationState.ANSWERED


def test_a_person_leaving_the_unit_frees_their_time_at_once(unit, now):
    from population.models import Person
    from population.signals import LEFT_MOVED, persons_left_unit

    participation = participation_in(unit, state=ParticipationState.BOOKED)
    slot = SlotFactory(unit=unit, start=now + dt.timedelta(days=5))
    appointment = AppointmentFactory(participation=participation, slot=slot)
    persons_left_unit.send(sender=Person, unit_id=unit.pk, person_ids=[participation.person_id],
                           reason=LEFT_MOVED, now=now, actor=Actor.system("import"))
    appointment.refresh_from_db()
    assert (appointment.status, appointment.cancel_reason) == (AppointmentStatus.CANCELLED, CancelReason.ENDED)
    assert Slot.objects.get(pk=slot.pk).status == SlotStatus.FREE


def test_the_reminder_sweep_reads_booked_times_in_a_window_with_their_lab_status(unit, staff, now):
    from responses.previsit import LabState, previsit_status
    from responses.selectors import booked_appointments_starting

    inside = appointment_book(participation=participation_in(unit), actor=staff, now=now,
                              slot=SlotFactory(unit=unit, start=now + dt.timedelta(days=2)))
    appointment_book(participation=participation_in(unit), actor=staff, now=now,
                     slot=SlotFactory(unit=unit, start=now + dt.timedelta(days=9)))
    cancelled = appointment_book(participation=participation_in(unit), actor=staff, now=now,
                                 slot=SlotFactory(unit=unit, start=now + dt.timedelta(days=2, hours=2)))
    appointment_cancel(appointment=cancelled, reason=CancelReason.STAFF, actor=staff, now=now)
    found = list(booked_appointments_starting(start=now + dt.timedelta(days=1), end=now + dt.timedelta(days=3)))
    assert found == [inside]
    status = previsit_status(found[0].participation)
    assert status.lab == LabState.ORDERED and status.questionnaire_answered is None and not status.ready
