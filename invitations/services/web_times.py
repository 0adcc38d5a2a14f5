"""Whether the unit has free web booking times: the web-times template needs them (the manual's rule).

The web times live in the `scheduling` app; until a unit has any, the
invitation with web times cannot be chosen.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps

from population.models import CareUnit

WEB_TIMES_AHEAD_DAYS = 60


def free_web_time_count(*, unit: CareUnit, now: dt.datetime) -> int:
    if not apps.is_installed("scheduling"):
        return 0
    from scheduling.selectors import free_web_slot_count

    return free_web_slot_count(unit=unit, now=now, days=WEB_TIMES_AHEAD_DAYS)


def unit_has_web_times(*, unit: CareUnit, now: dt.datetime) -> bool:
    return free_web_time_count(unit=unit, now=now) > 0
