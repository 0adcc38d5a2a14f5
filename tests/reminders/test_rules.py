"""When the daily sweep runs: one time of day for the beat entry and the preview page."""

import datetime as dt

from reminders.rules import SWEEP_TIME, next_sweep_at, sweep_time_on
from rhs_portal.celery import app
from tests.conftest import aware


def test_the_beat_entry_runs_at_the_sweep_time():
    crontab = app.conf.beat_schedule["reminders-daily-sweep"]["schedule"]
    assert crontab.hour == {SWEEP_TIME.hour} and crontab.minute == {SWEEP_TIME.minute}


def test_the_next_sweep_is_today_before_six_and_tomorrow_after():
    assert next_sweep_at(aware(2026, 3, 2, 5, 59)) == aware(2026, 3, 2, 6, 0)
    assert next_sweep_at(aware(2026, 3, 2, 6, 0)) == aware(2026, 3, 3, 6, 0)
    # The night the clocks go forward (29 March 2026): still 06:00 local time.
    assert next_sweep_at(aware(2026, 3, 28, 23, 0)) == aware(2026, 3, 29, 6, 0)


def test_a_sweep_on_a_day_whose_time_has_passed_is_a_run_now():
    now = aware(2026, 3, 2, 14, 0)
    assert sweep_time_on(dt.date(2026, 3, 2), now) == now
    assert sweep_time_on(dt.date(2026, 3, 4), now) == aware(2026, 3, 4, 6, 0)
