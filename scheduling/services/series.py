"""Series of slots: 'Tuesdays 08:00–16:00 for 8 weeks', made in one go.

The times are laid out in Europe/Stockholm local time (the same clock time
on both sides of a change to or from summer time), public holidays are left
out, and a time that would overlap another time of the same nurse or in the
same room is refused — or left out, when the user asks for that.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from population.models import CareUnit, Membership, StaffUser
from population.services.audit import Actor
from rhs_portal.roles import Role
from scheduling.models import VISIT_MINUTES, Room, Slot, SlotEvent, SlotSeries, SlotStatus
from scheduling.services.errors import SchedulingError
from scheduling.workdays import holiday_name, local_datetime

MAX_SLOTS_PER_SERIES = 2000
MIN_SLOT_MINUTES = 15
MAX_SLOT_MINUTES = 240


@dataclass(frozen=True)
class SeriesPlan:
    weekdays: tuple[int, ...]
    day_start: dt.time
    day_end: dt.time
    first_date: dt.date
    weeks: int
    slot_minutes: int = VISIT_MINUTES
    break_start: dt.time | None = None
    break_end: dt.time | None = None


@dataclass(frozen=True)
class SkippedTime:
    starts_at: dt.datetime
    ends_at: dt.datetime
    reason: str


@dataclass
class SeriesResult:
    series: SlotSeries | None = None
    created: int = 0
    first_start: dt.datetime | None = None
    skipped: list[SkippedTime] = field(default_factory=list)


class SeriesConflict(SchedulingError):
    """Some times of the series overlap existing times; nothing was created."""

    def __init__(self, conflicts: list[SkippedTime]) -> None:
        super().__init__(
            _("%(n)d of the times overlap times that already exist. Change the series, or choose to leave "
              "those times out.") % {"n": len(conflicts)}
        )
        self.conflicts = conflicts


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def validate_plan(plan: SeriesPlan, *, today: dt.date) -> None:
    if not plan.weekdays or not set(plan.weekdays) <= set(range(1, 8)):
        raise SchedulingError(_("Choose at least one weekday."))
    if not MIN_SLOT_MINUTES <= plan.slot_minutes <= MAX_SLOT_MINUTES:
        raise SchedulingError(
            _("A time is %(min)d–%(max)d minutes long.") % {"min": MIN_SLOT_MINUTES, "max": MAX_SLOT_MINUTES}
        )
    if plan.day_end <= plan.day_start:
        raise SchedulingError(_("The day must end after it starts."))
    if _minutes(plan.day_end) - _minutes(plan.day_start) < plan.slot_minutes:
        raise SchedulingError(_("The day is shorter than one time."))
    if not 1 <= plan.weeks <= 52:
        raise SchedulingError(_("A series lasts 1–52 weeks."))
    if plan.first_date < today:
        raise SchedulingError(_("The first date has already passed."))
    if (plan.break_start is None) != (plan.break_end is None):
        raise SchedulingError(_("Give both the start and the end of the break, or neither."))
    if plan.break_start is not None and not plan.day_start <= plan.break_start < plan.break_end <= plan.day_end:
        raise SchedulingError(_("The break must lie within the day."))


def plan_times(plan: SeriesPlan) -> list[tuple[dt.date, dt.datetime, dt.datetime]]:
    """Every (date, start, end) the plan describes, holidays included, in order."""
    length = plan.slot_minutes
    day_start, day_end = _minutes(plan.day_start), _minutes(plan.day_end)
    pause = (_minutes(plan.break_start), _minutes(plan.break_end)) if plan.break_start else None
    offsets = []
    minute = day_start
    while minute + length <= day_end:
        if pause and minute < pause[1] and minute + length > pause[0]:
            minute = pause[1]
            continue
        offsets.append(minute)
        minute += length
    times = []
    for n in range(plan.weeks * 7):
        day = plan.first_date + dt.timedelta(days=n)
        if day.isoweekday() not in plan.weekdays:
            continue
        for offset in offsets:
            start = local_datetime(day, dt.time(offset // 60, offset % 60))
            times.append((day, start, start + dt.timedelta(minutes=length)))
    return times


def is_nurse_of(*, unit: CareUnit, nurse: StaffUser) -> bool:
    return Membership.objects.filter(unit=unit, user=nurse, role=Role.DIALOGUE_LEADER).exists()


def _describe(slot_start: dt.datetime, slot_end: dt.datetime) -> str:
    start, end = timezone.localtime(slot_start), timezone.localtime(slot_end)
    return f"{date_format(start, 'l j F')} {start:%H:%M}–{end:%H:%M}"


def overlapping(
    *, nurse: StaffUser, room: Room, times: list[tuple[dt.datetime, dt.datetime]],
    exclude_pk: int | None = None,
) -> dict[int, str]:
    """For each index of `times` that overlaps an existing time of the nurse or in the room: why."""
    if not times:
        return {}
    lowest = min(start for start, _end in times)
    highest = max(end for _start, end in times)
    existing = (
        # A nurse is in one place at a time, also across units; a room belongs to one unit.
        Slot.objects.filter(Q(nurse=nurse) | Q(room=room), starts_at__lt=highest, ends_at__gt=lowest)
        .exclude(status=SlotStatus.REMOVED)
        .select_related("nurse", "room")
    )
    by_day: dict[dt.date, list[Slot]] = defaultdict(list)
    for slot in existing:
        if slot.pk != exclude_pk:
            by_day[timezone.localdate(slot.starts_at)].append(slot)
    found: dict[int, str] = {}
    for index, (start, end) in enumerate(times):
        for slot in by_day.get(timezone.localdate(start), ()):
            if slot.starts_at < end and slot.ends_at > start:
                if slot.nurse_id == nurse.pk:
                    found[index] = _("%(nurse)s already has the time %(time)s.") % {
                        "nurse": nurse, "time": _describe(slot.starts_at, slot.ends_at)
                    }
                else:
                    found[index] = _("%(room)s is taken %(time)s.") % {
                        "room": slot.room, "time": _describe(slot.starts_at, slot.ends_at)
                    }
                break
    return found


def slot_series_create(
    *,
    unit: CareUnit,
    nurse: StaffUser,
    room: Room,
    plan: SeriesPlan,
    web_bookable: bool = True,
    skip_overlaps: bool = False,
    actor: Actor,
    now: dt.datetime | None = None,
) -> SeriesResult:
    """Create the slots of `plan`; raises SeriesConflict (nothing created) on overlaps unless `skip_overlaps`."""
    now = now or timezone.now()
    validate_plan(plan, today=timezone.localdate(now))
    if room.unit_id != unit.pk or not room.is_active:
        raise SchedulingError(_("Choose one of the unit's rooms in use."))
    if not is_nurse_of(unit=unit, nurse=nurse):
        raise SchedulingError(_("%(name)s is not a dialogue leader at the unit.") % {"name": nurse})
    result = SeriesResult()
    planned = []
    for day, start, end in plan_times(plan):
        name = holiday_name(day)
        if name:
            result.skipped.append(SkippedTime(start, end, _("Public holiday: %(name)s.") % {"name": name}))
        elif start < now:
            result.skipped.append(SkippedTime(start, end, _("The time has already passed.")))
        else:
            planned.append((start, end))
    if len(planned) > MAX_SLOTS_PER_SERIES:
        raise SchedulingError(
            _("The series would make %(n)d times; at most %(max)d at once.")
            % {"n": len(planned), "max": MAX_SLOTS_PER_SERIES}
        )
    with transaction.atomic():
        # One writer of a unit's times at a time, so two series cannot overlap each other.
        CareUnit.objects.select_for_update().filter(pk=unit.pk).first()
        StaffUser.objects.select_for_update().filter(pk=nurse.pk).first()
        clashes = overlapping(nurse=nurse, room=room, times=planned)
        if clashes:
            conflicts = [SkippedTime(*planned[i], reason) for i, reason in sorted(clashes.items())]
            if not skip_overlaps:
                raise SeriesConflict(conflicts)
            result.skipped.extend(conflicts)
            planned = [t for i, t in enumerate(planned) if i not in clashes]
        if not planned:
            raise SchedulingError(_("The series gives no times: check the days, the hours and the dates."))
        series = SlotSeries.objects.create(
            unit=unit, nurse=nurse, room=room, weekdays=sorted(set(plan.weekdays)), day_start=plan.day_start,
            day_end=plan.day_end, break_start=plan.break_start, break_end=plan.break_end,
            first_date=plan.first_date, weeks=plan.weeks, slot_minutes=plan.slot_minutes,
            web_bookable=web_bookable, slot_count=len(planned), created_at=now, created_by=actor.user,
        )
        slots = Slot.objects.bulk_create(
            [
                Slot(
                    unit=unit, nurse=nurse, room=room, series=series, starts_at=start, ends_at=end,
                    status=SlotStatus.FREE, status_changed_at=now, web_bookable=web_bookable, created_at=now,
                )
                for start, end in planned
            ],
            batch_size=1000,
        )
        if not all(s.pk for s in slots):  # SQLite without RETURNING
            slots = list(series.slots.all())
        SlotEvent.objects.bulk_create(
            [
                SlotEvent(slot_id=s.pk, from_status="", to_status=SlotStatus.FREE, at=now, actor_name=actor.name,
                          actor_user=actor.user, note=_("Created in a series"))
                for s in slots
            ],
            batch_size=1000,
        )
    result.series = series
    result.created = len(planned)
    result.first_start = planned[0][0]
    result.skipped.sort(key=lambda s: s.starts_at)
    return result
