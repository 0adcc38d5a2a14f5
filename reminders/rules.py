"""The reminder timeline as date windows: pure functions of `today` and the region's timings.

Days are calendar days in Europe/Stockholm from the local date the invitation
was sent: "day N reached" means the case was created before local midnight
starting day (today - N + 1). A rule is due while its day is reached and the
next rule's day is not (a rule a later one has overtaken is skipped).
Booking rules use working days (scheduling.workdays: weekends and Swedish holidays).
"""

from __future__ import annotations

import datetime as dt

from scheduling.workdays import STOCKHOLM, local_datetime, working_days_before

MAX_LOOKAHEAD_DAYS = 120
# The daily sweep's local time (the beat entry `reminders-daily-sweep` in rhs_portal/celery.py; a test keeps
# the two equal).
SWEEP_TIME = dt.time(6, 0)


def day_start(day: dt.date) -> dt.datetime:
    """Local midnight starting `day` (aware)."""
    return local_datetime(day, dt.time.min)


def reached_before(today: dt.date, days: int) -> dt.datetime:
    """Cases created before this moment have reached day `days` today."""
    return day_start(today - dt.timedelta(days=days - 1))


def last_visit_day_due(today: dt.date, working_days: int) -> dt.date:
    """The last visit date whose reminder `working_days` working days before is due on or before `today`."""
    day = today
    for _ in range(MAX_LOOKAHEAD_DAYS):
        following = day + dt.timedelta(days=1)
        if working_days_before(following, working_days) > today:
            return day
        day = following
    return day


def lab_visit_day_due(today: dt.date, days_before: int) -> dt.date:
    """The last visit date whose lab reminder (`days_before` calendar days before) is due on or before `today`."""
    return today + dt.timedelta(days=days_before)


def next_sweep_at(now: dt.datetime) -> dt.datetime:
    """When the daily sweep runs next after `now` (today at SWEEP_TIME, or tomorrow when that has passed)."""
    today = now.astimezone(STOCKHOLM).date()
    at = local_datetime(today, SWEEP_TIME)
    return at if at > now else local_datetime(today + dt.timedelta(days=1), SWEEP_TIME)


def sweep_time_on(day: dt.date, now: dt.datetime) -> dt.datetime:
    """The sweep of `day` (at SWEEP_TIME), or `now` when that time has passed (a run started by hand)."""
    return max(now, local_datetime(day, SWEEP_TIME))
