"""Demo data for the invitations part: a first batch sent in the demo unit, some cases read and answered.

Called by `seed_demo`, so a new user sees cases in the queues, people on the
phone list, a letter batch ready to print, and e-mails/SMS with working links
on the demo outbox page.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from invitations.models import (
    CitizenAnswer,
    Contact,
    ContactKind,
    ContactStatus,
    Round,
    Route,
    SendBatchItem,
    TemplateKind,
)
from invitations.services.batches import BatchFilters, NoOneToInvite, batch_create, batch_send
from invitations.services.cases import case_answer, case_mark_read, cases_assign
from invitations.services.letters import letter_batch_create, letter_batch_render_job, printable
from invitations.services.web_times import unit_has_web_times
from notifications.services import messages_deliver_now
from population.models import CareUnit, StaffUser
from population.services.audit import Actor

DEMO_MESSAGE = "Ta med legitimation när du kommer till hälsosamtalet."


def seed_demo_invitations(*, unit: CareUnit, year: int, receiver: StaffUser, handler: StaffUser,
                          now: dt.datetime | None = None) -> dict:
    now = now or timezone.now()
    round_ = Round.objects.get(unit=unit, year=year)
    template = TemplateKind.INVITATION_WEB if unit_has_web_times(unit=unit, now=now) else \
        TemplateKind.INVITATION_PHONE
    actor = Actor.staff(receiver, unit)
    batch = batch_create(round_=round_, template_kind=template, size=25, filters=BatchFilters(), actor=actor,
                         now=now - dt.timedelta(days=2))
    result = batch_send(batch=batch, actor=actor, message=DEMO_MESSAGE, now=now - dt.timedelta(days=2))
    messages_deliver_now(person_ids=round_.participations.values("person_id"), now=now - dt.timedelta(days=2))
    cases = [item.case for item in SendBatchItem.objects.filter(batch=batch, case__isnull=False)
             .select_related("case__participation__person").order_by("position")]
    # A few citizens have opened their invitation, and some have answered.
    answers = [CitizenAnswer.CALL_ME, CitizenAnswer.CALL_ME, CitizenAnswer.DECLINE, None, None]
    for case, answer in zip(cases, answers, strict=False):
        citizen = Actor.citizen(case.participation.person, unit)
        case_mark_read(case=case, actor=citizen, now=now - dt.timedelta(days=1))
        if answer:
            case_answer(case=case, answer=answer, actor=citizen, now=now - dt.timedelta(hours=20))
    cases_assign(cases=cases[:3], assignee=handler, actor=actor, now=now - dt.timedelta(hours=2))
    # A second batch for people who can only be reached by letter; the letters are made into a PDF,
    # ready to print (rendered here: no worker needed).
    try:
        letter_send = batch_create(round_=round_, template_kind=TemplateKind.INVITATION_PHONE, size=10,
                                   filters=BatchFilters(reachability=Route.LETTER), actor=actor,
                                   now=now - dt.timedelta(days=1))
        batch_send(batch=letter_send, actor=actor, now=now - dt.timedelta(days=1))
    except NoOneToInvite:
        pass
    letters = Contact.objects.filter(unit=unit, kind=ContactKind.LETTER, status=ContactStatus.OPEN)
    letter_batch = None
    if any(printable(c) for c in letters.select_related("participation__person")):
        letter_batch = letter_batch_create(unit=unit, contacts=letters.select_related("participation__person"),
                                           actor=actor, now=now - dt.timedelta(hours=1))
        letter_batch_render_job(batch_id=letter_batch.pk, now=now - dt.timedelta(hours=1))
    return {"batch": batch.pk, "letter_batch": letter_batch.pk if letter_batch else None, **result.counts}
