"""Factories for the reminder engine's tests, taking domain arguments.

`invited_case(unit=u, sent=aware(2026, 2, 2, 10, 0))` gives an unread invitation case sent at that local time,
of a person listed at `u` with a phone (`no_phone=True` for one without).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from invitations.models import ParticipationState
from reminders.models import Reminder, ReminderKind, ReminderStatus
from tests.invitations.factories import case_for, participation_in


def invited_case(*, unit=None, sent: dt.datetime, status: str = "sent_unread", **person):
    participation = participation_in(unit=unit, state=ParticipationState.INVITED, **person)
    return case_for(participation=participation, status=status, created_at=sent)


def manual_task_for(case, *, now: dt.datetime | None = None) -> Reminder:
    now = now or timezone.now()
    return Reminder.objects.create(
        kind=ReminderKind.MANUAL_TASK,
        status=ReminderStatus.OPEN,
        status_changed_at=now,
        case=case,
        participation=case.participation,
        unit=case.unit,
        created_at=now,
    )
