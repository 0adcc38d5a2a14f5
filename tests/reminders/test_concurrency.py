"""Two sweeps at once (two threads on PostgreSQL) send nothing twice; the task on a real worker against Redis."""

from __future__ import annotations

import datetime as dt
import os
import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from notifications.models import OutboxMessage
from reminders.models import Reminder, ReminderKind
from reminders.services.sweep import run_sweep
from tests.conftest import aware
from tests.factories import CareUnitFactory
from tests.reminders.factories import invited_case

SENT = aware(2026, 2, 2, 10, 0)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_reminder_once():
    unit = CareUnitFactory()
    cases = [invited_case(unit=unit, sent=SENT) for _ in range(25)]
    closing = [invited_case(unit=unit, sent=SENT - dt.timedelta(days=25)) for _ in range(10)]
    now = aware(2026, 2, 7, 7, 0)
    barrier, results, errors = threading.Barrier(2), [], []

    def sweep():
        try:
            barrier.wait()
            results.append(run_sweep(now=now))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert sum(r["auto_reminders"] for r in results) == len(cases)
    assert sum(r["auto_closed"] for r in results) == len(closing)
    assert sum(r["phone_followups"] for r in results) == len(closing)
    assert OutboxMessage.objects.filter(kind="reminder").count() == len(cases)
    assert Reminder.objects.filter(kind=ReminderKind.AUTO_REMINDER).count() == len(cases)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_beat_task_against_redis():
    from celery.contrib.testing.worker import start_worker

    from rhs_portal.celery import BEAT_ENTRIES, app

    entry = next(e for e in BEAT_ENTRIES if e.name == "reminders-daily-sweep")
    app.conf.broker_url = os.environ["REDIS_URL"]
    app.conf.task_always_eager = False
    today = timezone.localdate()
    sent = dt.datetime.combine(today - dt.timedelta(days=5), dt.time(12), tzinfo=SENT.tzinfo)
    case = invited_case(unit=CareUnitFactory(), sent=sent)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        app.send_task(entry.task, expires=entry.expires_s)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not Reminder.objects.filter(case=case).exists():
            time.sleep(0.2)
    assert Reminder.objects.get(case=case).kind == ReminderKind.AUTO_REMINDER
    assert OutboxMessage.objects.filter(idempotency_key=f"reminder_auto:case-{case.pk}").exists()
