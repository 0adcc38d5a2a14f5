"""One real Celery worker fed by Redis delivers an outbox message written in a committed transaction."""

import os
import time

import pytest
from django.core import mail
from django.db import transaction

from notifications.models import OutboxMessage
from notifications.services import Recipient, message_enqueue
from rhs_portal.celery import app


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_delivers_the_message_through_redis():
    from celery.contrib.testing.worker import start_worker

    app.conf.broker_url = os.environ["REDIS_URL"]
    app.conf.task_always_eager = False
    recipient = Recipient(person_id=1, name="Test Testsson", email="t@example.com", notify_by="email")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        with transaction.atomic():
            message = message_enqueue(
                kind="invitation", channel="inbox", recipient=recipient, subject="Inbjudan", body="Hej!",
                idempotency_key="worker-test", link_url="http://127.0.0.1:8000/invanare/x/",
            )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            message.refresh_from_db()
            if message.status != "queued" and message.status != "sending":
                break
            time.sleep(0.2)
    assert OutboxMessage.objects.get(pk=message.pk).status == "sent"
    assert [m.to for m in mail.outbox] == [["t@example.com"]]
