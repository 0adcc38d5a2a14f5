"""Celery entry point of the daily sweep (thin: the service checks state and is safe to re-run)."""

from celery import shared_task

from reminders.answer_timing import answer_timings_stamp
from reminders.services.sweep import run_sweep


@shared_task(name="reminders.tasks.run_daily_sweep")
def run_daily_sweep() -> dict:
    result = run_sweep()
    answer_timings_stamp()  # the statistics' reminder breakdown, for yesterday's answers
    return result
