"""The whole 30-day timeline driven with time-machine, for each reply path and for silence."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from invitations.models import CaseStatus, CloseReason, Contact, ContactKind, ContactReason, InvitationCase
from invitations.services.cases import case_answer
from notifications.models import OutboxMessage
from population.services.audit import Actor
from reminders.models import Reminder, ReminderKind, ReminderStatus
from reminders.services.sweep import SWEEP_KEYS, run_sweep
from tests.conftest import aware
from tests.factories import CareUnitFactory
from tests.reminders.factories import invited_case

pytestmark = pytest.mark.django_db

SENT = aware(2026, 2, 2, 10, 0)  # a Monday
ZERO = dict.fromkeys(SWEEP_KEYS, 0)


def at_day(day: int) -> dt.datetime:
    return aware(2026, 2, 2, 7, 0) + dt.timedelta(days=day)  # the morning sweep, whatever hour it was sent


def sweep_on(day: int) -> dict:
    with time_machine.travel(at_day(day), tick=False):
        first = run_sweep()
        assert run_sweep() == ZERO, "a second run at the same time does nothing"
    return first


def only(**counts) -> dict:
    return {**ZERO, **counts}


def answer(case, what: str, day: int) -> None:
    case.refresh_from_db()
    with time_machine.travel(at_day(day) + dt.timedelta(hours=5), tick=False):
        case_answer(case=case, answer=what, actor=Actor.citizen(case.participation.person))


def reminders_of(case) -> dict[str, str]:
    return dict(Reminder.objects.filter(case=case).values_list("kind", "status"))


def test_silence_gets_the_whole_timeline():
    case = invited_case(unit=CareUnitFactory(), sent=SENT)
    assert sweep_on(0) == ZERO
    assert sweep_on(4) == ZERO
    assert sweep_on(5) == only(auto_reminders=1)
    assert sweep_on(11) == ZERO
    assert sweep_on(12) == only(manual_reminder_tasks=1)
    assert sweep_on(29) == ZERO
    assert sweep_on(30) == only(auto_closed=1, phone_followups=1)
    assert sweep_on(31) == ZERO
    case.refresh_from_db()
    assert (case.status, case.close_reason) == (CaseStatus.CLOSED, CloseReason.AUTO_CLOSED)
    assert reminders_of(case) == {
        ReminderKind.AUTO_REMINDER: ReminderStatus.SENT,
        ReminderKind.AUTO_CLOSE: ReminderStatus.DONE,
        ReminderKind.PHONE_FOLLOWUP: ReminderStatus.DONE,
        ReminderKind.MANUAL_TASK: ReminderStatus.CANCELLED,
    }
    contact = Contact.objects.get(case=case)
    assert (contact.kind, contact.reason, contact.idempotency_key) == (
        ContactKind.PHONE,
        ContactReason.NO_ANSWER,
        f"no-answer-phone:case-{case.pk}",
    )
    reminder = OutboxMessage.objects.get(kind="reminder")
    assert reminder.idempotency_key == f"reminder_auto:case-{case.pk}"
    assert reminder.channel == "inbox" and "inbjudan" in reminder.body
    auto = Reminder.objects.get(case=case, kind=ReminderKind.AUTO_REMINDER)
    assert auto.sent_at == at_day(5)


def test_silence_without_a_phone_goes_to_the_letter_list():
    case = invited_case(unit=CareUnitFactory(), sent=SENT, no_phone=True)
    assert sweep_on(30) == only(auto_closed=1, phone_followups=1)
    contact = Contact.objects.get(participation=case.participation)
    assert contact.kind == ContactKind.LETTER
    assert contact.idempotency_key == f"no-answer-letter:participation-{case.participation_id}"


def test_self_book_after_the_automatic_reminder_stops_the_rest():
    case = invited_case(unit=CareUnitFactory(), sent=SENT)
    assert sweep_on(4) == ZERO
    assert sweep_on(5) == only(auto_reminders=1)
    answer(case, "self_book", day=8)
    for day in (11, 12, 29, 30, 31):
        assert sweep_on(day) == ZERO, day
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED  # staff answer and close it, not the sweep
    assert reminders_of(case) == {ReminderKind.AUTO_REMINDER: ReminderStatus.SENT}


def test_call_me_after_the_manual_task_cancels_it():
    case = invited_case(unit=CareUnitFactory(), sent=SENT, status=CaseStatus.READ)
    assert sweep_on(5) == ZERO  # read: no automatic reminder
    assert sweep_on(12) == only(manual_reminder_tasks=1)
    answer(case, "call_me", day=14)
    assert reminders_of(case) == {ReminderKind.MANUAL_TASK: ReminderStatus.CANCELLED}
    for day in (29, 30, 31):
        assert sweep_on(day) == ZERO, day


def test_after_a_decline_no_reminder_ever():
    case = invited_case(unit=CareUnitFactory(), sent=SENT)
    answer(case, "decline", day=2)
    for day in (0, 4, 5, 11, 12, 29, 30, 31):
        assert sweep_on(day) == ZERO, day
    assert not Reminder.objects.filter(case=case).exists()
    assert not OutboxMessage.objects.filter(kind="reminder").exists()


def test_a_sweep_that_missed_days_skips_overtaken_rules():
    """The first sweep after day 30: the case closes, no day-5 reminder and no day-12 task."""
    case = invited_case(unit=CareUnitFactory(), sent=SENT)
    assert sweep_on(33) == only(auto_closed=1, phone_followups=1)
    assert set(reminders_of(case)) == {ReminderKind.AUTO_CLOSE, ReminderKind.PHONE_FOLLOWUP}


@pytest.mark.parametrize(
    "sent",
    [aware(2026, 3, 28, 23, 30), aware(2026, 3, 29, 0, 30), aware(2026, 10, 24, 23, 30)],
    ids=["before-dst-23:30", "dst-night-00:30", "autumn-23:30"],
)
def test_days_count_from_the_local_date_across_the_clock_change(sent):
    case = invited_case(unit=CareUnitFactory(), sent=sent)
    day5 = sent.date() + dt.timedelta(days=5)
    with time_machine.travel(
        aware(day5.year, day5.month, day5.day, 0, 5) - dt.timedelta(minutes=10), tick=False
    ):
        assert run_sweep() == ZERO  # 23:55 on day 4
    with time_machine.travel(aware(day5.year, day5.month, day5.day, 0, 5), tick=False):
        assert run_sweep() == only(auto_reminders=1)
    assert InvitationCase.objects.get(pk=case.pk).status == CaseStatus.SENT_UNREAD


def test_people_who_left_get_nothing():
    unit = CareUnitFactory()
    deceased = invited_case(unit=unit, sent=SENT)
    moved = invited_case(unit=unit, sent=SENT)
    unlisted = invited_case(unit=unit, sent=SENT)
    type(deceased.participation.person).objects.filter(pk=deceased.participation.person_id).update(
        deceased=True
    )
    type(moved.participation.person).objects.filter(pk=moved.participation.person_id).update(
        listed_unit=CareUnitFactory()
    )
    type(unlisted.participation.person).objects.filter(pk=unlisted.participation.person_id).update(
        is_listed=False
    )
    assert sweep_on(5) == ZERO
    assert sweep_on(12) == ZERO
    # The cases still close (housekeeping), but nobody is put on the phone list.
    assert sweep_on(30) == only(auto_closed=3)
    assert not Contact.objects.exists()
