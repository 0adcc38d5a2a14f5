"""The call list: every call logged with its outcome; after N calls a letter; call later; declined; no-show."""

import datetime as dt

import pytest

from invitations.models import (
    CaseStatus,
    Contact,
    ContactKind,
    ContactReason,
    ContactStatus,
    ContactTimings,
    ParticipationState,
)
from notifications.models import OutboxMessage
from population.services.audit import Actor
from responses.call_selectors import call_list, call_list_later
from responses.models import AppointmentStatus, BasisStatus, CallAttempt, CallOutcome
from responses.services.booking import appointment_mark
from responses.services.calls import CallError, call_attempt_log
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, staff_with
from tests.invitations.factories import case_for, contact_for
from tests.responses.factories import AppointmentFactory, BookingBasisFactory, participation_in
from tests.scheduling.factories import SlotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return CareUnitFactory()


@pytest.fixture
def nurse(unit):
    return staff_with(unit, Role.DIALOGUE_LEADER)


@pytest.fixture
def actor(nurse, unit):
    return Actor.staff(nurse, unit)


def listed(nurse, unit, now):
    return [c.pk for c in call_list(user=nurse, unit=unit, now=now)]


def test_after_the_regions_attempts_the_person_goes_to_the_letter_list(unit, actor, now):
    contact = contact_for(unit=unit)
    participation = contact.participation
    call_attempt_log(contact=contact, outcome=CallOutcome.NO_ANSWER, actor=actor, now=now)
    call_attempt_log(
        contact=contact, outcome=CallOutcome.WRONG_NUMBER, actor=actor, now=now + dt.timedelta(hours=1)
    )
    contact.refresh_from_db()
    assert contact.status == ContactStatus.OPEN
    assert not Contact.objects.filter(kind=ContactKind.LETTER).exists()
    call_attempt_log(
        contact=contact, outcome=CallOutcome.NO_ANSWER, actor=actor, now=now + dt.timedelta(days=1)
    )
    contact.refresh_from_db()
    assert contact.status == ContactStatus.DONE
    letter = Contact.objects.get(kind=ContactKind.LETTER)
    assert (letter.reason, letter.status) == (ContactReason.NO_ANSWER, ContactStatus.OPEN)
    assert letter.idempotency_key == f"no-answer-letter:participation-{participation.pk}"
    assert list(CallAttempt.objects.filter(contact=contact).values_list("number", flat=True)) == [1, 2, 3]
    with pytest.raises(CallError, match="no longer on the call list"):
        call_attempt_log(contact=contact, outcome=CallOutcome.NO_ANSWER, actor=actor, now=now)


def test_the_number_of_attempts_is_the_regions(unit, actor, now):
    ContactTimings.objects.create(region=unit.region, phone_attempts=1)
    contact = contact_for(unit=unit)
    call_attempt_log(contact=contact, outcome=CallOutcome.NO_ANSWER, actor=actor, now=now)
    assert Contact.objects.filter(kind=ContactKind.LETTER, participation=contact.participation).exists()


def test_call_later_hides_the_person_until_the_time_then_sorts_by_it(unit, nurse, actor, now):
    waiting_long = contact_for(unit=unit)
    Contact.objects.filter(pk=waiting_long.pk).update(created_at=now - dt.timedelta(days=10))
    later = contact_for(unit=unit)
    Contact.objects.filter(pk=later.pk).update(created_at=now - dt.timedelta(days=20))
    fresh = contact_for(unit=unit)
    Contact.objects.filter(pk=fresh.pk).update(created_at=now - dt.timedelta(days=1))
    assert listed(nurse, unit, now) == [later.pk, waiting_long.pk, fresh.pk]
    with pytest.raises(CallError, match="time to call back"):
        call_attempt_log(contact=later, outcome=CallOutcome.CALL_LATER, actor=actor, now=now)
    with pytest.raises(CallError, match="later than now"):
        call_attempt_log(
            contact=later,
            outcome=CallOutcome.CALL_LATER,
            actor=actor,
            now=now,
            call_back_at=now - dt.timedelta(minutes=1),
        )
    call_back = now + dt.timedelta(days=2)
    call_attempt_log(
        contact=later, outcome=CallOutcome.CALL_LATER, actor=actor, now=now, call_back_at=call_back
    )
    assert listed(nurse, unit, now) == [waiting_long.pk, fresh.pk]
    assert [c.pk for c in call_list_later(user=nurse, unit=unit, now=now)] == [later.pk]
    # At the time it comes back, sorted by the call-back time (after those waiting longer).
    assert listed(nurse, unit, call_back) == [waiting_long.pk, fresh.pk, later.pk]
    row = call_list(user=nurse, unit=unit, now=call_back).get(pk=later.pk)
    assert (row.attempts, row.last_outcome, row.call_back_at) == (1, "call_later", call_back)


def test_the_call_list_is_the_units_open_phone_contacts_only(unit, nurse, now):
    mine = contact_for(unit=unit)
    contact_for(unit=unit, kind=ContactKind.LETTER)
    contact_for(unit=unit, status=ContactStatus.DONE)
    contact_for(unit=CareUnitFactory(region=unit.region))
    assert listed(nurse, unit, now) == [mine.pk]


def test_declined_on_the_phone_declines_and_cancels_the_booking_basis(unit, actor, now):
    contact = contact_for(unit=unit)
    participation = contact.participation
    basis = BookingBasisFactory(participation=participation)
    call_attempt_log(contact=contact, outcome=CallOutcome.DECLINED, actor=actor, now=now, note="Vill inte")
    participation.refresh_from_db()
    assert (participation.state, participation.answer, participation.answer_channel) == (
        ParticipationState.DECLINED,
        "decline",
        "phone",
    )
    contact.refresh_from_db()
    basis.refresh_from_db()
    assert contact.status == ContactStatus.DONE and basis.status == BasisStatus.CLOSED
    assert CallAttempt.objects.get(contact=contact).note == "Vill inte"


def test_declined_on_the_phone_answers_the_open_case(unit, actor, now):
    case = case_for(unit=unit, status=CaseStatus.READ)
    contact = contact_for(participation=case.participation)
    call_attempt_log(contact=contact, outcome=CallOutcome.DECLINED, actor=actor, now=now)
    case.refresh_from_db()
    assert (case.status, case.answer, case.answer_channel) == (CaseStatus.ANSWERED, "decline", "phone")


def test_reached_and_booked_needs_the_booking_then_sends_the_questionnaire(unit, actor, now):
    contact = contact_for(unit=unit)
    participation = contact.participation
    with pytest.raises(CallError, match="Book the time first"):
        call_attempt_log(contact=contact, outcome=CallOutcome.BOOKED, actor=actor, now=now)
    assert not CallAttempt.objects.exists()
    Contact.objects.filter(pk=contact.pk).update(participation=participation)
    participation.state = ParticipationState.BOOKED
    participation.save()
    appointment = AppointmentFactory(
        participation=participation, slot=SlotFactory(unit=unit, start=now + dt.timedelta(days=14))
    )
    call_attempt_log(contact=contact, outcome=CallOutcome.BOOKED, actor=actor, now=now)
    contact.refresh_from_db()
    participation.refresh_from_db()
    assert contact.status == ContactStatus.DONE
    assert (participation.state, participation.answer_channel) == (ParticipationState.BOOKED, "phone")
    message = OutboxMessage.objects.get(idempotency_key=f"reply-questionnaire:appointment-{appointment.pk}")
    assert "Inför ditt hälsosamtal ska du fylla i följande formulär" in message.body
    assert "16 mars 2026" in message.body


def test_a_double_submit_logs_the_call_once(unit, actor, now):
    contact = contact_for(unit=unit)
    call_attempt_log(contact=contact, outcome=CallOutcome.NO_ANSWER, actor=actor, now=now, expected_number=1)
    with pytest.raises(CallError, match="Someone else"):
        call_attempt_log(
            contact=contact, outcome=CallOutcome.NO_ANSWER, actor=actor, now=now, expected_number=1
        )
    assert CallAttempt.objects.filter(contact=contact).count() == 1


def test_a_no_show_goes_on_the_call_list_to_be_offered_a_new_time(unit, actor, now):
    participation = participation_in(unit, state=ParticipationState.BOOKED)
    appointment = AppointmentFactory(
        participation=participation, slot=SlotFactory(unit=unit, start=now - dt.timedelta(hours=2))
    )
    appointment_mark(appointment=appointment, outcome=AppointmentStatus.NO_SHOW, actor=actor, now=now)
    contact = Contact.objects.get(participation=participation)
    assert (contact.kind, contact.reason, contact.status) == (
        ContactKind.PHONE,
        ContactReason.NO_SHOW,
        ContactStatus.OPEN,
    )
    assert contact.idempotency_key == f"no-show:appointment-{appointment.pk}"
