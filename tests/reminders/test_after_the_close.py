"""After the 30-day close: the call list, the region's phone attempts, the letter, and 'not reached' or an answer.

The sweep (reminders) and the call list (responses) meet here: the sweep puts
the silent person on the call list, the calls go through `call_attempt_log`,
the last failed attempt moves the person to the letter list, and the sweep
marks them not reached when the printed letter gets no answer in time.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from invitations.models import (
    Contact,
    ContactKind,
    ContactReason,
    ContactStatus,
    ContactTimings,
    ParticipationState,
)
from invitations.services.contacts import contact_transition
from population.services.audit import Actor
from reminders.services.sweep import SWEEP_KEYS, run_sweep
from responses.services.answers import participation_answer_record
from responses.services.calls import call_attempt_log
from tests.conftest import aware
from tests.factories import CareUnitFactory, staff_with
from tests.reminders.factories import invited_case

pytestmark = pytest.mark.django_db

SENT = aware(2026, 2, 2, 10, 0)
ZERO = dict.fromkeys(SWEEP_KEYS, 0)


def at_day(day: int, hour: int = 7) -> dt.datetime:
    return aware(2026, 2, 2, hour, 0) + dt.timedelta(days=day)


def sweep_on(day: int) -> dict:
    with time_machine.travel(at_day(day), tick=False):
        return run_sweep()


def silent_case_called_without_answer(attempts: int):
    unit = CareUnitFactory()
    ContactTimings.objects.create(region=unit.region, phone_attempts=attempts)
    with time_machine.travel(SENT, tick=False):
        case = invited_case(unit=unit, sent=SENT)
    assert sweep_on(30)["phone_followups"] == 1
    phone = Contact.objects.get(participation=case.participation, kind=ContactKind.PHONE)
    assert (phone.reason, phone.status) == (ContactReason.NO_ANSWER, ContactStatus.OPEN)
    nurse = Actor.staff(staff_with(unit, "samtalsledare"), unit)
    for number in range(attempts):
        call_attempt_log(contact=phone, outcome="no_answer", actor=nurse, now=at_day(31 + number, 10))
    phone.refresh_from_db()
    assert phone.status == ContactStatus.DONE
    letter = Contact.objects.get(participation=case.participation, kind=ContactKind.LETTER)
    assert letter.reason == ContactReason.NO_ANSWER
    # The letter is printed on day 35.
    for status in (ContactStatus.IN_BATCH, ContactStatus.DONE):
        contact_transition(contact=letter, to_status=status, actor=nurse, now=at_day(35, 9))
    return case, nurse


def test_the_regions_phone_attempts_then_the_letter_then_not_reached():
    case, _nurse = silent_case_called_without_answer(attempts=2)
    assert sweep_on(64) == ZERO  # 29 days after the letter
    assert sweep_on(66)["not_reached"] == 1
    case.participation.refresh_from_db()
    assert case.participation.state == ParticipationState.NOT_REACHED


def test_an_answer_by_reply_letter_after_the_letter_is_never_not_reached():
    case, nurse = silent_case_called_without_answer(attempts=3)
    participation_answer_record(participation=case.participation, answer="call_me", channel="letter",
                                actor=nurse, now=at_day(50, 11))
    case.participation.refresh_from_db()
    assert (case.participation.answer_channel, case.participation.state) == ("letter", ParticipationState.ANSWERED)
    assert sweep_on(70) == ZERO
    case.participation.refresh_from_db()
    assert case.participation.state == ParticipationState.ANSWERED
    # The person is on the call list again, to be called for a time.
    assert Contact.objects.filter(participation=case.participation, kind=ContactKind.PHONE,
                                  reason=ContactReason.CALL_ME, status=ContactStatus.OPEN).exists()
