"""Booking rules: booking reminder two working days before, lab reminder a week before, pre-visit check."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from invitations.models import Contact, ContactKind, ContactReason, ContactStatus, ParticipationState
from notifications.models import OutboxMessage
from reminders.models import Reminder, ReminderKind
from reminders.services.sweep import SWEEP_KEYS, run_sweep
from responses.day_flags import day_flags
from tests.conftest import aware
from tests.factories import CareUnitFactory
from tests.invitations.factories import participation_in as invited_participation
from tests.responses.factories import AppointmentFactory, participation_in
from tests.scheduling.factories import SlotFactory

pytestmark = pytest.mark.django_db
ZERO = dict.fromkeys(SWEEP_KEYS, 0)


def only(**counts) -> dict:
    return {**ZERO, **counts}


def booked(unit, start: dt.datetime):
    return AppointmentFactory(
        participation=participation_in(unit, state=ParticipationState.BOOKED),
        slot=SlotFactory(unit=unit, start=start),
    )


def sweep_at(day: dt.date) -> dict:
    with time_machine.travel(aware(day.year, day.month, day.day, 7, 0), tick=False):
        first = run_sweep()
        assert run_sweep() == ZERO
    return first


def test_a_booking_gets_its_lab_reminder_booking_reminder_and_previsit_check():
    unit = CareUnitFactory()
    appointment = booked(unit, aware(2026, 3, 11, 10, 0))  # Wednesday
    assert sweep_at(dt.date(2026, 3, 3)) == ZERO
    assert sweep_at(dt.date(2026, 3, 4)) == only(lab_reminders=1)  # a week before
    assert sweep_at(dt.date(2026, 3, 8)) == ZERO
    assert sweep_at(dt.date(2026, 3, 9)) == only(booking_reminders=1)  # two working days before
    assert sweep_at(dt.date(2026, 3, 10)) == only(previsit_reminders=1)  # the last working day before
    assert sweep_at(dt.date(2026, 3, 11)) == ZERO
    kinds = set(OutboxMessage.objects.values_list("kind", flat=True))
    assert kinds == {"lab_reminder", "booking_reminder", "previsit_reminder"}
    message = OutboxMessage.objects.get(kind="booking_reminder")
    assert message.idempotency_key == f"booking_reminder:appointment-{appointment.pk}"
    assert "11 mars 2026" in message.body and "10:00" in message.body
    previsit = Reminder.objects.get(appointment=appointment, kind=ReminderKind.PREVISIT_REMINDER)
    assert previsit.reasons == "questionnaire,lab"
    [flag] = day_flags([appointment.pk])[appointment.pk]
    assert flag.label == "Reminded before the visit" and "questionnaire" in flag.detail


def test_working_days_skip_easter():
    unit = CareUnitFactory()
    booked(unit, aware(2026, 4, 7, 9, 0))  # Tuesday after Easter Monday
    assert sweep_at(dt.date(2026, 3, 31)) == only(lab_reminders=1)
    assert sweep_at(dt.date(2026, 4, 1)) == only(booking_reminders=1)  # Good Friday and Easter Monday skipped
    assert sweep_at(dt.date(2026, 4, 2)) == only(previsit_reminders=1)


def test_a_booking_made_late_gets_the_reminders_at_once_but_only_once():
    unit = CareUnitFactory()
    booked(unit, aware(2026, 3, 11, 10, 0))
    assert sweep_at(dt.date(2026, 3, 10)) == only(lab_reminders=1, booking_reminders=1, previsit_reminders=1)


def test_cancelled_bookings_and_people_who_left_get_nothing():
    unit = CareUnitFactory()
    appointment = booked(unit, aware(2026, 3, 11, 10, 0))
    type(appointment).objects.filter(pk=appointment.pk).update(status="cancelled")
    gone = booked(unit, aware(2026, 3, 11, 11, 30))
    type(gone.participation.person).objects.filter(pk=gone.participation.person_id).update(deceased=True)
    assert sweep_at(dt.date(2026, 3, 10)) == ZERO


def _letter(participation, printed_at):
    return Contact.objects.create(
        participation=participation,
        unit=participation.round.unit,
        kind=ContactKind.LETTER,
        reason=ContactReason.NO_ANSWER,
        status=ContactStatus.DONE,
        status_changed_at=printed_at,
        created_at=printed_at,
        idempotency_key=f"no-answer-letter:participation-{participation.pk}",
    )


def test_no_answer_to_the_letter_in_30_days_is_not_reached():
    unit = CareUnitFactory()
    printed = aware(2026, 3, 2, 14, 0)
    silent = invited_participation(unit=unit, state=ParticipationState.INVITED)
    answered_call_me = invited_participation(unit=unit, state=ParticipationState.ANSWERED)
    replied = invited_participation(unit=unit, state=ParticipationState.INVITED)
    for p in (silent, answered_call_me, replied):
        type(p).objects.filter(pk=p.pk).update(state_changed_at=printed - dt.timedelta(days=40))
        _letter(p, printed)
    Contact.objects.create(
        participation=replied,
        unit=unit,
        kind=ContactKind.REPLY,
        reason=ContactReason.STAFF,
        status=ContactStatus.DONE,
        status_changed_at=printed + dt.timedelta(days=3),
        created_at=printed + dt.timedelta(days=3),
        idempotency_key="reply-on-paper",
    )
    assert sweep_at(dt.date(2026, 3, 31)) == ZERO
    assert sweep_at(dt.date(2026, 4, 1)) == only(not_reached=2)
    silent.refresh_from_db()
    replied.refresh_from_db()
    assert silent.state == ParticipationState.NOT_REACHED
    assert replied.state == ParticipationState.INVITED
