"""Web times for the demo units (make run): two rooms and eight weeks of times for the demo nurse."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from population.services.audit import Actor
from scheduling.services.series import SeriesPlan, slot_series_create
from scheduling.services.slots import room_create
from scheduling.workdays import week_monday


def demo_web_times(*, unit, nurse, now: dt.datetime | None = None) -> int:
    """Rooms 'Rum 1' and 'Rum 2' and Tuesdays and Thursdays 08:00–16:00 (lunch 12–12:45) for 8 weeks."""
    now = now or timezone.now()
    actor = Actor.system("seed_demo", unit=unit)
    room = room_create(unit=unit, name="Rum 1", directions="Plan 2, till vänster efter receptionen", actor=actor)
    room_create(unit=unit, name="Rum 2", directions="Plan 2, i slutet av korridoren", actor=actor)
    plan = SeriesPlan(
        weekdays=(2, 4), day_start=dt.time(8), day_end=dt.time(16), break_start=dt.time(12),
        break_end=dt.time(12, 45), first_date=week_monday(timezone.localdate(now)) + dt.timedelta(days=7), weeks=8,
    )
    return slot_series_create(unit=unit, nurse=nurse, room=room, plan=plan, actor=actor, now=now).created
