"""The daily reminder sweep: each rule one set-based claim, then bulk writes.

`run_sweep(now=...)` runs the rules in the timeline's order — close (day 30)
and the phone follow-up in the same run, the manual task (day 12), the
automatic reminder (day 5), the booking rules, then "not reached" — each in
its own transaction. A rule claims its steps with INSERT … ON CONFLICT DO
NOTHING (reminders.services.claims) or moves rows with the state machines'
compare-and-set `bulk_transition` (select_for_update(skip_locked=True)), so a
second run, or a second worker at the same time, does nothing twice. The
number of queries does not depend on the number of cases.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict

from django.db import transaction
from django.db.models import Subquery
from django.utils import timezone

from invitations.models import (
    CASE_MACHINE,
    PARTICIPATION_MACHINE,
    CaseStatus,
    CloseReason,
    Contact,
    ContactEvent,
    ContactKind,
    ContactReason,
    ContactStatus,
    InvitationCase,
    Participation,
    ParticipationState,
)
from invitations.selectors.timings import contact_timings_by_region
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from reminders import selectors
from reminders.models import REMINDER_MACHINE, Reminder, ReminderKind, ReminderStatus
from reminders.services.claims import claim
from reminders.services.messages import booking_reminders_send, case_reminders_send
from responses.models import Appointment

JOB = "reminders: sweep"
SWEEP_KEYS = (
    "auto_reminders",
    "manual_reminder_tasks",
    "auto_closed",
    "phone_followups",
    "booking_reminders",
    "lab_reminders",
    "previsit_reminders",
    "not_reached",
)


def _claimed(run: str, kind: str):
    return Reminder.objects.filter(run=run, kind=kind)


def _close(*, now: dt.datetime, run: str, timings) -> int:
    with transaction.atomic():
        claimed = claim(
            selectors.due_closes(now=now, timings=timings),
            kind=ReminderKind.AUTO_CLOSE,
            status=ReminderStatus.DONE,
            run=run,
            now=now,
        )
        if not claimed:
            return 0
        cases = InvitationCase.objects.filter(
            pk__in=Subquery(_claimed(run, ReminderKind.AUTO_CLOSE).values("case_id")),
            status__in=selectors.UNANSWERED,
        )
        moved = CASE_MACHINE.bulk_transition(
            cases,
            CaseStatus.CLOSED,
            actor_name=JOB,
            now=now,
            note=CloseReason.AUTO_CLOSED,
            close_reason=CloseReason.AUTO_CLOSED,
        )
        if len(moved) < len(claimed):  # answered (or locked by an answer) meanwhile: not closed by us
            _claimed(run, ReminderKind.AUTO_CLOSE).exclude(
                case__close_reason=CloseReason.AUTO_CLOSED
            ).delete()
        # A manual reminder nobody sent is moot once the case is closed.
        REMINDER_MACHINE.bulk_transition(
            Reminder.objects.filter(
                pk__in=Subquery(
                    Reminder.objects.filter(
                        kind=ReminderKind.MANUAL_TASK,
                        status=ReminderStatus.OPEN,
                        case__status=CaseStatus.CLOSED,
                    ).values("pk")
                )
            ),
            ReminderStatus.CANCELLED,
            actor_name=JOB,
            now=now,
            note="case closed",
        )
    return len(moved)


def _phone_followups(*, now: dt.datetime, run: str) -> int:
    """The phone list (with the case) where the person has a phone, else the letter list."""
    with transaction.atomic():
        claimed = claim(
            selectors.due_phone_followups(),
            kind=ReminderKind.PHONE_FOLLOWUP,
            status=ReminderStatus.DONE,
            run=run,
            now=now,
        )
        if not claimed:
            return 0
        contacts = {}
        for reminder in _claimed(run, ReminderKind.PHONE_FOLLOWUP).select_related("participation__person"):
            person = reminder.participation.person
            if person.phone:
                key, kind = f"no-answer-phone:case-{reminder.case_id}", ContactKind.PHONE
            else:
                key, kind = f"no-answer-letter:participation-{reminder.participation_id}", ContactKind.LETTER
            contacts[key] = Contact(
                participation_id=reminder.participation_id,
                unit_id=reminder.unit_id,
                kind=kind,
                reason=ContactReason.NO_ANSWER,
                status=ContactStatus.OPEN,
                status_changed_at=now,
                case_id=reminder.case_id,
                via_forwarding=kind == ContactKind.LETTER and person.protected_identity,
                created_at=now,
                idempotency_key=key,
            )
        existing = set(
            Contact.objects.filter(idempotency_key__in=list(contacts)).values_list(
                "idempotency_key", flat=True
            )
        )
        created = Contact.objects.bulk_create([c for k, c in contacts.items() if k not in existing])
        ContactEvent.objects.bulk_create(
            [
                ContactEvent(
                    contact_id=c.pk,
                    from_status="",
                    to_status=ContactStatus.OPEN,
                    at=now,
                    actor_name=JOB,
                    note=ContactReason.NO_ANSWER,
                )
                for c in created
            ],
        )
        person_ids = Participation.objects.filter(pk__in=[c.participation_id for c in created]).values_list(
            "person_id", flat=True
        )
        Auditor(Actor.system(JOB), now=now).record_many(
            action=AccessAction.CREATE,
            person_ids=list(person_ids),
            object_type="invitations.contact",
            detail="phone follow-up: no answer to the digital invitation",
        )
    return len(claimed)


def _manual_tasks(*, now: dt.datetime, run: str, timings) -> int:
    with transaction.atomic():
        return len(
            claim(
                selectors.due_manual_tasks(now=now, timings=timings),
                kind=ReminderKind.MANUAL_TASK,
                status=ReminderStatus.OPEN,
                run=run,
                now=now,
                sent=False,
            )
        )


def _auto_reminders(*, now: dt.datetime, run: str, timings) -> int:
    with transaction.atomic():
        claimed = claim(
            selectors.due_auto_reminders(now=now, timings=timings),
            kind=ReminderKind.AUTO_REMINDER,
            status=ReminderStatus.SENT,
            run=run,
            now=now,
        )
        if claimed:
            rows = list(
                _claimed(run, ReminderKind.AUTO_REMINDER).select_related(
                    "case", "participation__person", "unit"
                )
            )
            case_reminders_send(reminders=rows, template_kind="reminder_auto", now=now)
    return len(claimed)


def _booking_rule(source, *, kind: str, template_kind: str, now: dt.datetime, run: str) -> int:
    with transaction.atomic():
        claimed = claim(
            source,
            kind=kind,
            status=ReminderStatus.SENT,
            run=run,
            now=now,
            subject="appointment",
            unit="slot__unit_id",
        )
        if claimed:
            rows = list(
                _claimed(run, kind).select_related(
                    "appointment__slot__unit", "appointment__slot__room", "participation__person"
                )
            )
            booking_reminders_send(reminders=rows, template_kind=template_kind, now=now)
    return len(claimed)


def _previsit(*, now: dt.datetime, run: str) -> int:
    by_reasons: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for appointment, reasons in selectors.due_previsit_reminders(now=now):
        by_reasons[reasons].append(appointment.pk)
    claimed = 0
    with transaction.atomic():
        for reasons, ids in by_reasons.items():
            claimed += len(
                claim(
                    Appointment.objects.filter(pk__in=ids),
                    kind=ReminderKind.PREVISIT_REMINDER,
                    status=ReminderStatus.SENT,
                    run=run,
                    now=now,
                    subject="appointment",
                    unit="slot__unit_id",
                    reasons=",".join(reasons),
                )
            )
        if claimed:
            rows = list(
                _claimed(run, ReminderKind.PREVISIT_REMINDER).select_related(
                    "appointment__slot__unit", "appointment__slot__room", "participation__person"
                )
            )
            booking_reminders_send(reminders=rows, template_kind="previsit_reminder", now=now)
    return claimed


def _not_reached(*, now: dt.datetime, timings) -> int:
    due = selectors.due_not_reached(now=now, timings=timings)
    moved = PARTICIPATION_MACHINE.bulk_transition(
        Participation.objects.filter(
            pk__in=Subquery(due.values("pk")),
            state__in=(ParticipationState.INVITED, ParticipationState.ANSWERED),
        ),
        ParticipationState.NOT_REACHED,
        actor_name=JOB,
        now=now,
        note="no answer to the letter",
    )
    return len(moved)


def run_sweep(*, now: dt.datetime | None = None) -> dict:
    """Run every rule once for `now`; returns how many steps each rule took (all zeros on a second run)."""
    now = now or timezone.now()
    run = uuid.uuid4().hex
    timings = contact_timings_by_region()
    result = dict.fromkeys(SWEEP_KEYS, 0)
    result["auto_closed"] = _close(now=now, run=run, timings=timings)
    result["phone_followups"] = _phone_followups(now=now, run=run)
    result["manual_reminder_tasks"] = _manual_tasks(now=now, run=run, timings=timings)
    result["auto_reminders"] = _auto_reminders(now=now, run=run, timings=timings)
    result["booking_reminders"] = _booking_rule(
        selectors.due_booking_reminders(now=now, timings=timings),
        kind=ReminderKind.BOOKING_REMINDER,
        template_kind="booking_reminder",
        now=now,
        run=run,
    )
    result["lab_reminders"] = _booking_rule(
        selectors.due_lab_reminders(now=now, timings=timings),
        kind=ReminderKind.LAB_REMINDER,
        template_kind="lab_reminder",
        now=now,
        run=run,
    )
    result["previsit_reminders"] = _previsit(now=now, run=run)
    result["not_reached"] = _not_reached(now=now, timings=timings)
    return result
