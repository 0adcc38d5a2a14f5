"""Working days in Sweden and local times of day.

Public holidays come from the `holidays` package, together with the three
de facto holidays when care units keep closed (Midsummer Eve, Christmas Eve,
New Year's Eve). Saturdays and Sundays are never working days. The reminder
rules ("two working days before the visit") read the same functions.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import lru_cache

import holidays

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


@lru_cache(maxsize=64)
def _holidays(year: int) -> dict[dt.date, str]:
    found = holidays.country_holidays("SE", years=year, categories=("public", "de_facto"), language="sv")
    return dict(found.items())


def holiday_name(day: dt.date) -> str | None:
    """The Swedish name of the holiday on `day`, or None."""
    return _holidays(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    return day.isoweekday() <= 5 and holiday_name(day) is None


def working_days_before(day: dt.date, count: int) -> dt.date:
    """The date `count` working days before `day` (1 = the last working day before it)."""
    current = day
    remaining = count
    while remaining > 0:
        current -= dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def local_datetime(day: dt.date, time: dt.time) -> dt.datetime:
    """`time` on `day` in Stockholm, as an aware datetime."""
    return dt.datetime.combine(day, time, tzinfo=STOCKHOLM)


def local_day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The start of `day` and of the next day in Stockholm (23 or 25 hours apart at the clock changes)."""
    return local_datetime(day, dt.time.min), local_datetime(day + dt.timedelta(days=1), dt.time.min)


def week_monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.isoweekday() - 1)
