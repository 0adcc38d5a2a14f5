"""Reads of the unit's web times.

`free_web_slot_count` is what the invitations app asks before it lets staff
use the web-times invitation template; the staff pages read through the
user-scoped selectors; the booking pages ask for free slots of one unit.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404

from population.models import CareUnit, StaffUser
from population.selectors import units_for_user
from rhs_portal.roles import Capability, Role
from scheduling.models import Room, Slot, SlotEvent, SlotSeries, SlotStatus
from scheduling.workdays import local_day_bounds


def free_web_slot_count(*, unit, now: dt.datetime, days: int = 60) -> int:
    """Free, unblocked, web-bookable slots of `unit` starting within `days` days after `now`."""
    return Slot.objects.filter(
        unit=unit,
        status=SlotStatus.FREE,
        web_bookable=True,
        starts_at__gte=now,
        starts_at__lt=now + dt.timedelta(days=days),
    ).count()


def _unit_ids(*, user: StaffUser, unit: CareUnit | None, capability: str = Capability.BOOKING_MANAGE):
    units = units_for_user(user=user, capability=capability)
    if unit is not None:
        units = units.filter(pk=unit.pk)
    return units.values("pk")


def slots_for_user(*, user: StaffUser, unit: CareUnit) -> QuerySet[Slot]:
    return Slot.objects.filter(unit__in=_unit_ids(user=user, unit=unit)).select_related("nurse", "room")


def slot_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int) -> Slot:
    return get_object_or_404(slots_for_user(user=user, unit=unit), pk=pk)


def slot_history(*, slot: Slot) -> QuerySet[SlotEvent]:
    return slot.events.select_related("actor_user").order_by("at", "id")


def week_slots(
    *, user: StaffUser, unit: CareUnit, monday: dt.date, nurse_id: int | None = None, room_id: int | None = None
) -> QuerySet[Slot]:
    """The unit's slots (not removed) from Monday 00:00 to the next Monday, Stockholm time."""
    start, _end = local_day_bounds(monday)
    end, _next = local_day_bounds(monday + dt.timedelta(days=7))
    slots = slots_for_user(user=user, unit=unit).filter(starts_at__gte=start, starts_at__lt=end).exclude(
        status=SlotStatus.REMOVED
    )
    if nurse_id:
        slots = slots.filter(nurse_id=nurse_id)
    if room_id:
        slots = slots.filter(room_id=room_id)
    return slots.order_by("starts_at", "nurse__last_name", "room__name")


def series_for_user(*, user: StaffUser, unit: CareUnit, now: dt.datetime) -> QuerySet[SlotSeries]:
    future = Q(slots__starts_at__gt=now)
    return (
        SlotSeries.objects.filter(unit__in=_unit_ids(user=user, unit=unit))
        .select_related("nurse", "room", "created_by")
        .annotate(
            n_future_free=Count("slots", filter=future & Q(slots__status=SlotStatus.FREE)),
            n_future_booked=Count("slots", filter=future & Q(slots__status=SlotStatus.BOOKED)),
        )
        .order_by("-created_at")
    )


def series_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int) -> SlotSeries:
    return get_object_or_404(SlotSeries.objects.filter(unit__in=_unit_ids(user=user, unit=unit)), pk=pk)


def rooms_of_unit(*, user: StaffUser, unit: CareUnit, active_only: bool = False) -> QuerySet[Room]:
    rooms = Room.objects.filter(unit__in=_unit_ids(user=user, unit=unit))
    return rooms.filter(is_active=True) if active_only else rooms


def room_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int) -> Room:
    return get_object_or_404(rooms_of_unit(user=user, unit=unit), pk=pk)


def nurses_of_unit(*, unit: CareUnit) -> QuerySet[StaffUser]:
    """The unit's dialogue leaders, who hold the dialogues the slots are for."""
    return (
        StaffUser.objects.filter(memberships__unit=unit, memberships__role=Role.DIALOGUE_LEADER, is_active=True)
        .distinct()
        .order_by("last_name", "first_name")
    )


def free_slots(
    *,
    unit: CareUnit,
    start: dt.datetime,
    end: dt.datetime,
    web_only: bool = False,
    min_minutes: int = 0,
    nurse_id: int | None = None,
) -> QuerySet[Slot]:
    """Free slots of `unit` starting in [start, end), at least `min_minutes` long, in time order.

    Free slots hold no personal data; the booking pages (the citizen's and
    the staff's) list them through this.
    """
    slots = Slot.objects.filter(unit=unit, status=SlotStatus.FREE, starts_at__gte=start, starts_at__lt=end)
    if web_only:
        slots = slots.filter(web_bookable=True)
    if min_minutes:
        slots = slots.alias(length=F("ends_at") - F("starts_at")).filter(
            length__gte=dt.timedelta(minutes=min_minutes)
        )
    if nurse_id:
        slots = slots.filter(nurse_id=nurse_id)
    return slots.select_related("nurse", "room").order_by("starts_at", "nurse__last_name")


def free_slot_get(*, unit: CareUnit, pk: int, web_only: bool = False) -> Slot | None:
    """One free slot of the unit, or None when it is not free (e.g. booked meanwhile) or not the unit's."""
    slots = Slot.objects.filter(unit=unit, status=SlotStatus.FREE)
    if web_only:
        slots = slots.filter(web_bookable=True)
    return slots.select_related("nurse", "room", "unit").filter(pk=pk).first()


def slots_of_ids(ids: list[int]) -> QuerySet[Slot]:
    """Slots by id, for a service that already holds them through a scoped object (e.g. an appointment)."""
    return Slot.objects.filter(pk__in=ids)
