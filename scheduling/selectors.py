"""Reads of the unit's web times.

`free_web_slot_count` is what the invitations app asks before it lets staff
use the web-times invitation template; the staff pages read through the
user-scoped selectors; the booking pages ask for free slots of one unit.
"""

from __future__ import annotations

import datetime as dt

from scheduling.models import Slot, SlotStatus


def free_web_slot_count(*, unit, now: dt.datetime, days: int = 60) -> int:
    """Free, unblocked, web-bookable slots of `unit` starting within `days` days after `now`."""
    return Slot.objects.filter(
        unit=unit,
        status=SlotStatus.FREE,
        web_bookable=True,
        starts_at__gte=now,
        starts_at__lt=now + dt.timedelta(days=days),
    ).count()
