"""The Celery app and its beat schedule.

The schedule is data in code: each entry names a task, how often it runs and
when an unstarted run expires (a run that waited longer than its interval is
dropped; the next one does the same work, since every task is idempotent).
Apps add their entries to BEAT_ENTRIES as their tasks come.
"""

import os
from dataclasses import dataclass

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rhs_portal.settings.base")

app = Celery("rhs_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@dataclass(frozen=True)
class BeatEntry:
    name: str
    task: str
    schedule: object
    expires_s: int


BEAT_ENTRIES: list[BeatEntry] = [
    BeatEntry(
        name="population-purge-stale-imports",
        task="population.tasks.purge_stale_imports",
        schedule=crontab(minute=15, hour=3),
        expires_s=6 * 3600,
    ),
    BeatEntry(
        name="responses-purge-stale-lab-imports",
        task="responses.tasks.purge_stale_lab_imports",
        schedule=crontab(minute=25, hour=3),
        expires_s=6 * 3600,
    ),
    BeatEntry(
        name="retention-sweep",
        task="retention.tasks.sweep",
        schedule=crontab(minute=30, hour=2),
        expires_s=12 * 3600,
    ),
    BeatEntry(
        name="notifications-requeue-stuck-messages",
        task="notifications.tasks.requeue_stuck_messages",
        schedule=crontab(minute="*/2"),
        expires_s=110,
    ),
    BeatEntry(
        name="invitations-requeue-letter-batches",
        task="invitations.tasks.requeue_letter_batches",
        schedule=crontab(minute="*/10"),
        expires_s=540,
    ),
    BeatEntry(
        name="reminders-daily-sweep",
        task="reminders.tasks.run_daily_sweep",
        schedule=crontab(minute=0, hour=6),  # reminders.rules.SWEEP_TIME: before the unit opens; safe to run again
        expires_s=12 * 3600,
    ),
]


def build_beat_schedule(entries: list[BeatEntry]) -> dict:
    return {
        e.name: {"task": e.task, "schedule": e.schedule, "options": {"expires": e.expires_s}}
        for e in entries
    }


app.conf.beat_schedule = build_beat_schedule(BEAT_ENTRIES)
