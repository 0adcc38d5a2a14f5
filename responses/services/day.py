"""Bulk changes of a day's appointments when a nurse is away: cancel them, or move them.

Each appointment is changed in its own transaction (through the same
services as one by one, so every citizen gets their message); one that
cannot be moved is left booked and reported with the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from population.services.audit import Actor
from responses.models import Appointment, CancelReason, VisitNeeds
from responses.rules import WEB_BOOKING_HORIZON
from responses.services.booking import appointment_cancel, appointment_rebook
from responses.services.errors import BookingError
from scheduling.selectors import free_slots, slots_of_ids
from scheduling.services.errors import SlotUnavailable
from scheduling.services.slots import slots_block
from scheduling.workdays import local_datetime

MOVE_SAME_TIME = "same_time"
MOVE_FIRST_FREE = "first_free"


@dataclass
class DayOutcome:
    changed: list[Appointment] = field(default_factory=list)
    failed: list[tuple[Appointment, str]] = field(default_factory=list)
    blocked: int = 0


def _block_freed(appointments: list[Appointment], *, reason: str, actor: Actor, now: dt.datetime) -> int:
    if not appointments:
        return 0
    outcome = slots_block(slots=slots_of_ids([a.slot_id for a in appointments]), reason=reason, actor=actor, now=now)
    return outcome.changed


def day_appointments_cancel(
    *, appointments: list[Appointment], actor: Actor, block_slots: bool = False, reason: str = "",
    now: dt.datetime | None = None,
) -> DayOutcome:
    """Cancel each appointment (the citizen gets the cancellation message); optionally block the freed times."""
    now = now or timezone.now()
    outcome = DayOutcome()
    for appointment in appointments:
        try:
            outcome.changed.append(
                appointment_cancel(appointment=appointment, reason=CancelReason.NURSE_AWAY, actor=actor, now=now)
            )
        except BookingError as exc:
            outcome.failed.append((appointment, exc.message))
    if block_slots:
        outcome.blocked = _block_freed(outcome.changed, reason=reason or _("The nurse is away"), actor=actor, now=now)
    return outcome


def _needed(appointment: Appointment) -> int:
    needs = VisitNeeds.objects.filter(participation_id=appointment.participation_id).first()
    required = needs.required_minutes if needs else VisitNeeds().required_minutes
    return max(required, appointment.slot.minutes)


def _target_slot(appointment: Appointment, *, how: str, nurse_id: int | None, from_date: dt.date | None,
                 now: dt.datetime):
    slot = appointment.slot
    if how == MOVE_SAME_TIME:
        return free_slots(unit=slot.unit, start=slot.starts_at, end=slot.starts_at + dt.timedelta(minutes=1),
                          min_minutes=_needed(appointment), nurse_id=nurse_id).exclude(nurse_id=slot.nurse_id).first()
    start = max(now, local_datetime(from_date, dt.time.min)) if from_date else now
    return free_slots(unit=slot.unit, start=start, end=start + WEB_BOOKING_HORIZON,
                      min_minutes=_needed(appointment), nurse_id=nurse_id).exclude(nurse_id=slot.nurse_id).first()


def day_appointments_move(
    *,
    appointments: list[Appointment],
    how: str,
    actor: Actor,
    nurse_id: int | None = None,
    from_date: dt.date | None = None,
    block_slots: bool = False,
    reason: str = "",
    now: dt.datetime | None = None,
) -> DayOutcome:
    """Move each appointment to another nurse's free time: at the same time, or the first free from a date.

    The citizen gets the changed-booking message; one with no free time to go
    to stays booked and is reported.
    """
    now = now or timezone.now()
    outcome = DayOutcome()
    moved_from: list[Appointment] = []
    for appointment in sorted(appointments, key=lambda a: a.slot.starts_at):
        for _attempt in range(3):  # a time taken meanwhile: try the next one
            target = _target_slot(appointment, how=how, nurse_id=nurse_id, from_date=from_date, now=now)
            if target is None:
                outcome.failed.append((appointment, _("No free time to move to.")))
                break
            try:
                outcome.changed.append(appointment_rebook(appointment=appointment, slot=target, actor=actor, now=now))
                moved_from.append(appointment)
                break
            except SlotUnavailable:
                continue
            except BookingError as exc:
                outcome.failed.append((appointment, exc.message))
                break
        else:
            outcome.failed.append((appointment, _("No free time to move to.")))
    if block_slots:
        outcome.blocked = _block_freed(moved_from, reason=reason or _("The nurse is away"), actor=actor, now=now)
    return outcome
