"""Changing single slots and groups of slots: block, unblock, remove, lengthen, book, release.

Every status change goes through SLOT_MACHINE. A booked slot is never
blocked or removed: the booking is moved or cancelled first (the table has
no such transition, so the bulk changes simply leave booked slots alone and
say how many they left).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from population.models import CareUnit, StaffUser
from population.services.audit import Actor
from rhs_portal.statemachine import TransitionConflict, TransitionNotAllowed
from scheduling.models import SLOT_MACHINE, Room, Slot, SlotSeries, SlotStatus
from scheduling.services.errors import SchedulingError, SlotUnavailable
from scheduling.services.series import MAX_SLOT_MINUTES, MIN_SLOT_MINUTES, overlapping


@dataclass(frozen=True)
class BulkOutcome:
    changed: int
    booked_left: int  # booked slots in the selection, left as they were
    other_left: int  # slots whose status did not allow the change


def _bulk(
    queryset: QuerySet, *, to_status: str, from_statuses: tuple[str, ...], actor: Actor, now: dt.datetime,
    note: str, **updates,
) -> BulkOutcome:
    selected = list(queryset.values_list("pk", "status"))
    ids = [pk for pk, _status in selected]
    moved = SLOT_MACHINE.bulk_transition(
        Slot.objects.filter(pk__in=ids, status__in=from_statuses), to_status, actor_name=actor.name,
        actor_user=actor.user, now=now, note=note, **updates,
    )
    booked = sum(1 for _pk, status in selected if status == SlotStatus.BOOKED)
    return BulkOutcome(changed=len(moved), booked_left=booked, other_left=len(selected) - len(moved) - booked)


def slots_block(*, slots: QuerySet, reason: str, actor: Actor, now: dt.datetime | None = None) -> BulkOutcome:
    """Block the free slots among `slots` (e.g. the nurse is away); booked ones are left alone."""
    return _bulk(
        slots, to_status=SlotStatus.BLOCKED, from_statuses=(SlotStatus.FREE,), actor=actor,
        now=now or timezone.now(), note=reason[:300], block_reason=reason[:200],
    )


def slots_unblock(*, slots: QuerySet, actor: Actor, now: dt.datetime | None = None) -> BulkOutcome:
    return _bulk(
        slots, to_status=SlotStatus.FREE, from_statuses=(SlotStatus.BLOCKED,), actor=actor,
        now=now or timezone.now(), note=_("Unblocked"), block_reason="",
    )


def slots_remove(*, slots: QuerySet, actor: Actor, now: dt.datetime | None = None) -> BulkOutcome:
    """Remove the free and blocked slots among `slots`; booked ones are left alone."""
    return _bulk(
        slots, to_status=SlotStatus.REMOVED, from_statuses=(SlotStatus.FREE, SlotStatus.BLOCKED), actor=actor,
        now=now or timezone.now(), note=_("Removed"),
    )


def slot_series_remove_future(*, series: SlotSeries, actor: Actor, now: dt.datetime | None = None) -> BulkOutcome:
    """Remove the series' times that have not started yet (booked ones stay until moved or cancelled)."""
    now = now or timezone.now()
    return slots_remove(slots=series.slots.filter(starts_at__gt=now), actor=actor, now=now)


def slot_change_length(*, slot: Slot, minutes: int, actor: Actor, now: dt.datetime | None = None) -> Slot:
    """Make a time longer (e.g. for an interpreter) or shorter; it must not run into another time."""
    now = now or timezone.now()
    if not MIN_SLOT_MINUTES <= minutes <= MAX_SLOT_MINUTES:
        raise SchedulingError(
            _("A time is %(min)d–%(max)d minutes long.") % {"min": MIN_SLOT_MINUTES, "max": MAX_SLOT_MINUTES}
        )
    if slot.status == SlotStatus.REMOVED:
        raise SchedulingError(_("The time has been removed."))
    if slot.ends_at <= now:
        raise SchedulingError(_("The time has already passed."))
    new_end = slot.starts_at + dt.timedelta(minutes=minutes)
    with transaction.atomic():
        CareUnit.objects.select_for_update().filter(pk=slot.unit_id).first()
        StaffUser.objects.select_for_update().filter(pk=slot.nurse_id).first()
        clash = overlapping(nurse=slot.nurse, room=slot.room, times=[(slot.starts_at, new_end)], exclude_pk=slot.pk)
        if clash:
            raise SchedulingError(
                _("The longer time runs into another time: %(reason)s Remove or move that time first.")
                % {"reason": clash[0]}
            )
        updated = Slot.objects.filter(pk=slot.pk, ends_at=slot.ends_at).exclude(status=SlotStatus.REMOVED).update(
            ends_at=new_end
        )
        if not updated:
            raise TransitionConflict()
    slot.ends_at = new_end
    return slot


def slot_reserve(
    *, slot: Slot, actor: Actor, now: dt.datetime | None = None, web: bool = False, note: str = ""
) -> Slot:
    """Take a free slot for a booking (free → booked); SlotUnavailable when it is not free any more.

    Compare-and-set: of two people taking the last slot at once, one gets it
    and the other SlotUnavailable, whatever the timing.
    """
    now = now or timezone.now()
    if slot.starts_at <= now:
        raise SlotUnavailable(_("That time has already passed. Please choose another time."))
    if web and not slot.web_bookable:
        raise SlotUnavailable(_("That time cannot be booked on the web. Please choose another time."))
    if slot.status != SlotStatus.FREE:
        raise SlotUnavailable.taken()
    try:
        SLOT_MACHINE.transition(slot, SlotStatus.BOOKED, actor_name=actor.name, actor_user=actor.user, now=now,
                                note=note)
    except (TransitionConflict, TransitionNotAllowed):
        raise SlotUnavailable.taken() from None
    return slot


def slot_release(*, slot: Slot, actor: Actor, now: dt.datetime | None = None, note: str = "") -> Slot:
    """Give a booked slot back (booked → free), e.g. when its booking is cancelled or moved."""
    now = now or timezone.now()
    if slot.status == SlotStatus.BOOKED:
        SLOT_MACHINE.transition(slot, SlotStatus.FREE, actor_name=actor.name, actor_user=actor.user, now=now,
                                note=note)
    return slot


def room_create(*, unit: CareUnit, name: str, directions: str = "", actor: Actor) -> Room:
    name = name.strip()
    if not name:
        raise SchedulingError(_("Give the room a name."))
    try:
        with transaction.atomic():
            return Room.objects.create(unit=unit, name=name[:80], directions=directions.strip()[:200])
    except IntegrityError:
        raise SchedulingError(_("The unit already has a room called %(name)s.") % {"name": name}) from None


def room_set_active(*, room: Room, active: bool, actor: Actor) -> Room:
    Room.objects.filter(pk=room.pk).update(is_active=active)
    room.is_active = active
    return room
