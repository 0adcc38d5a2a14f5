"""Demo data for the reminder timeline: earlier batches 35, 13 and 6 days ago, then one sweep.

Called by `seed_demo` before the latest batch, so a new user finds people on
the call list after the 30-day close (one already called once without
answer), manual reminder tasks in "Påminnelser" and automatic reminders in the
outbox, and an answered "call me" case that was answered and closed.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from invitations.models import (
    CitizenAnswer,
    Contact,
    ContactKind,
    ContactReason,
    ContactStatus,
    ParticipationState,
    Round,
    SendBatchItem,
)
from invitations.services.batches import BatchFilters, NoOneToInvite, batch_create, batch_send
from invitations.services.cases import case_answer, case_mark_read
from invitations.services.web_times import unit_has_web_times
from notifications.services import messages_deliver_now
from population.models import CareUnit, StaffUser
from population.services.audit import Actor
from reminders.services.sweep import run_sweep
from responses.services.calls import call_attempt_log
from responses.services.replies import case_reply_and_close, reply_texts

# (days ago, batch size, answers of the first cases)
EARLIER_BATCHES = [
    (35, 10, [CitizenAnswer.CALL_ME, CitizenAnswer.DECLINE]),
    (13, 8, [CitizenAnswer.CALL_ME]),
    (6, 6, []),
]
MIN_SELECTED = 60


def seed_demo_timeline(*, unit: CareUnit, year: int, receiver: StaffUser, handler: StaffUser, nurse: StaffUser,
                       now: dt.datetime | None = None) -> dict:
    now = now or timezone.now()
    round_ = Round.objects.get(unit=unit, year=year)
    if round_.participations.filter(state=ParticipationState.SELECTED).count() < MIN_SELECTED:
        return {}  # a tiny demo (tests): keep the people for the latest batch
    actor = Actor.staff(receiver, unit)
    for days_ago, size, answers in EARLIER_BATCHES:
        sent = now - dt.timedelta(days=days_ago, hours=2)
        template = "invitation_web" if unit_has_web_times(unit=unit, now=sent) else "invitation_phone"
        try:
            batch = batch_create(round_=round_, template_kind=template, size=size, filters=BatchFilters(),
                                 actor=actor, now=sent)
        except NoOneToInvite:
            break
        batch_send(batch=batch, actor=actor, now=sent)
        cases = [item.case for item in SendBatchItem.objects.filter(batch=batch, case__isnull=False)
                 .select_related("case__participation__person").order_by("position")]
        for case, answer in zip(cases, answers, strict=False):
            citizen = Actor.citizen(case.participation.person, unit)
            case_mark_read(case=case, actor=citizen, now=sent + dt.timedelta(days=1))
            case_answer(case=case, answer=answer, actor=citizen, now=sent + dt.timedelta(days=1, hours=1))
            if days_ago > 30:  # answered and closed by the case handler the day after
                texts = reply_texts(case=case, now=sent + dt.timedelta(days=2))
                text = next((t.text for t in texts if t.suggested), texts[0].text)
                case_reply_and_close(case=case, text=text, actor=Actor.staff(handler, unit),
                                     now=sent + dt.timedelta(days=2))
    swept = now - dt.timedelta(hours=20)  # this morning's (or yesterday's) sweep
    counts = run_sweep(now=swept)
    messages_deliver_now(person_ids=round_.participations.values("person_id"), now=swept)
    follow_up = (Contact.objects.filter(unit=unit, kind=ContactKind.PHONE, reason=ContactReason.NO_ANSWER,
                                        status=ContactStatus.OPEN).order_by("pk").first())
    if follow_up is not None:
        call_attempt_log(contact=follow_up, outcome="no_answer", actor=Actor.staff(nurse, unit),
                         note="Inget svar, försök igen i eftermiddag.", now=now - dt.timedelta(hours=2))
    return counts
