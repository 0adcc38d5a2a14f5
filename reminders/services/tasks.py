"""Manual reminder tasks: sent by staff from the "Påminnelser" queue (one or many), cancelled by any answer."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet, Subquery
from django.utils import timezone

from invitations.models import ParticipationState
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from reminders.models import REMINDER_MACHINE, Reminder, ReminderKind, ReminderStatus
from reminders.selectors import UNANSWERED
from reminders.services.messages import case_reminders_send


def manual_tasks_send(*, tasks: QuerySet[Reminder], actor: Actor, now: dt.datetime | None = None) -> int:
    """Send "Du missar väl inte ditt hälsosamtal" for each open task whose case is still unanswered.

    Compare-and-set (open → sent): a task someone else sent meanwhile is not sent
    again. Returns how many were sent.
    """
    now = now or timezone.now()
    live = tasks.filter(
        kind=ReminderKind.MANUAL_TASK,
        status=ReminderStatus.OPEN,
        case__status__in=UNANSWERED,
        participation__state=ParticipationState.INVITED,
    )
    with transaction.atomic():
        moved = REMINDER_MACHINE.bulk_transition(
            Reminder.objects.filter(pk__in=Subquery(live.order_by().values("pk"))),
            ReminderStatus.SENT,
            actor_name=actor.name,
            actor_user=actor.user,
            now=now,
            note="reminder_manual",
            sent_at=now,
            sent_by=actor.user,
        )
        if not moved:
            return 0
        rows = list(
            Reminder.objects.filter(pk__in=moved).select_related("case", "participation__person", "unit")
        )
        case_reminders_send(reminders=rows, template_kind="reminder_manual", now=now)
        Auditor(actor, now=now).record_many(
            action=AccessAction.CHANGE,
            person_ids=[r.participation.person_id for r in rows],
            object_type="reminders.reminder",
            detail="manual reminder sent",
        )
    return len(moved)


def pending_reminders_cancel(*, participation_id: int, actor: Actor, now: dt.datetime | None = None) -> int:
    """Cancel the participation's open reminder tasks (an answer or a decline came in)."""
    now = now or timezone.now()
    return len(
        REMINDER_MACHINE.bulk_transition(
            Reminder.objects.filter(participation_id=participation_id, status=ReminderStatus.OPEN),
            ReminderStatus.CANCELLED,
            actor_name=actor.name,
            actor_user=actor.user,
            now=now,
            note="answered",
        )
    )
