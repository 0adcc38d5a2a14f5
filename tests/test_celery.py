"""The Celery app: the beat schedule as data, and one real worker against Redis."""

import os

import pytest

from rhs_portal.celery import BEAT_ENTRIES, app


def test_beat_schedule_lists_the_expected_entries_each_with_expiry():
    schedule = app.conf.beat_schedule
    assert set(schedule) >= {
        "population-purge-stale-imports", "responses-purge-stale-lab-imports", "retention-sweep",
        "notifications-requeue-stuck-messages", "invitations-requeue-letter-batches",
        "reminders-daily-sweep",
    }
    for entry in BEAT_ENTRIES:
        assert schedule[entry.name]["task"] == entry.task
        assert schedule[entry.name]["options"]["expires"] > 0


def test_every_beat_task_is_registered():
    app.loader.import_default_modules()
    for entry in BEAT_ENTRIES:
        assert entry.task in app.tasks, entry.task


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_an_import_preview_against_redis(settings, tmp_path):
    """Upload → the preview job runs in a worker fed by Redis, not inline."""
    from celery.contrib.testing.worker import start_worker
    from django.core.files.uploadedfile import SimpleUploadedFile

    from population.models import ImportStatus, PopulationImport
    from population.services.imports import import_upload
    from rhs_portal.roles import Role
    from tests.factories import CareUnitFactory, staff_with

    app.conf.broker_url = os.environ["REDIS_URL"]
    app.conf.task_always_eager = False
    unit = CareUnitFactory()
    user = staff_with(unit, Role.CASE_HANDLER)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        imp = import_upload(
            unit=unit, user=user,
            upload=SimpleUploadedFile("l.csv", b"personnummer;fornamn;efternamn\n19121212-1212;T;T\n"),
        )
        import time

        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            imp.refresh_from_db()
            if imp.status != ImportStatus.PREVIEWING:
                break
            time.sleep(0.2)
    assert imp.status == ImportStatus.PREVIEWED
    assert PopulationImport.objects.get(pk=imp.pk).summary["new"] == 1
