"""Whether the unit has free web booking times: the web-times template needs them (the manual's rule)."""

from __future__ import annotations

import datetime as dt

from population.models import CareUnit
from scheduling.selectors import free_web_slot_count

# The citizen has 60 days to book (DOMAIN.md §1.7): the times must be within that window.
WEB_TIMES_AHEAD_DAYS = 60


def free_web_time_count(*, unit: CareUnit, now: dt.datetime) -> int:
    return free_web_slot_count(unit=unit, now=now, days=WEB_TIMES_AHEAD_DAYS)


def unit_has_web_times(*, unit: CareUnit, now: dt.datetime) -> bool:
    return free_web_time_count(unit=unit, now=now) > 0
