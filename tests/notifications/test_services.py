"""The outbox: written with the caller's transaction, delivered once, retried with backoff, never lost."""

import datetime as dt
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction

from notifications.models import Dispatch, MessageStatus, OutboxMessage
from notifications.services import (
    MAX_ATTEMPTS,
    Recipient,
    message_cancel,
    message_deliver,
    message_enqueue,
    message_mark_read,
    message_requeue,
    messages_requeue_stuck,
)
from notifications.tasks import deliver_message
from tests.notifications.backends import FlakySms, RecordingSms

pytestmark = pytest.mark.django_db


def enqueue(recipient, key="invitation:1", channel="inbox", now=None, **kwargs):
    return message_enqueue(
        kind="invitation", channel=channel, recipient=recipient, subject="Inbjudan – Välkommen på ett hälsosamtal",
        body="Hej Test!\n\nVälkommen.", idempotency_key=key, template_version_id=3,
        subject_ref="invitations.invitationcase:12", link_url="http://127.0.0.1:8000/invanare/abc/", now=now,
        **kwargs,
    )


def test_enqueue_writes_the_row_and_publishes_after_commit(recipient, now, django_capture_on_commit_callbacks):
    with mock.patch.object(deliver_message, "apply_async") as publish:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            message = enqueue(recipient, now=now)
        assert len(callbacks) == 1
    publish.assert_called_once_with(args=(message.pk,), kwargs={}, retry=False)
    assert (message.status, message.attempts, message.template_version_id) == (MessageStatus.QUEUED, 0, 3)
    assert list(message.events.values_list("from_status", "to_status")) == [("", "queued")]


def test_the_same_idempotency_key_returns_the_first_message_and_sends_nothing(recipient, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = enqueue(recipient)
        second = enqueue(recipient)
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1
    assert len(callbacks) == 1


def test_a_rolled_back_caller_leaves_no_message(recipient, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        enqueue(recipient)
        raise RuntimeError("the state change failed")
    assert not OutboxMessage.objects.exists()
    assert callbacks == []


def test_bad_arguments_are_refused(recipient):
    with pytest.raises(ValueError, match="kind"):
        message_enqueue(kind="spam", channel="inbox", recipient=recipient, subject="s", body="b", idempotency_key="k")
    with pytest.raises(ValueError, match="channel"):
        message_enqueue(kind="other", channel="fax", recipient=recipient, subject="s", body="b", idempotency_key="k")
    with pytest.raises(ValueError, match="idempotency"):
        message_enqueue(kind="other", channel="sms", recipient=recipient, subject="s", body="b", idempotency_key="")


def test_an_inbox_message_is_announced_by_email_and_sms_without_its_content(recipient, now, settings):
    message = enqueue(recipient, now=now)
    delivered = message_deliver(message_id=message.pk, now=now)
    assert delivered.status == MessageStatus.SENT and delivered.sent_at == now and delivered.attempts == 1
    assert [e.to for e in mail.outbox] == [["test@example.com"]]
    assert "http://127.0.0.1:8000/invanare/abc/" in mail.outbox[0].body
    assert "Välkommen" not in mail.outbox[0].body  # the notice carries no content
    assert RecordingSms.sent == [("+46701740610",
                                  "Du har fått ett nytt meddelande från din vårdcentral. Läs det här: "
                                  "http://127.0.0.1:8000/invanare/abc/")]  # the recipient's language: Swedish
    assert set(Dispatch.objects.values_list("medium", flat=True)) == {"email", "sms"}
    assert list(message.events.values_list("to_status", flat=True)) == ["queued", "sending", "sent"]
    copies = sorted(p.name for p in Path(settings.RHS_OUTBOX_COPY_DIR).iterdir())
    assert [c.split("-")[-1] for c in copies] == ["email.txt", "sms.txt"]


def test_the_notice_follows_the_recipients_language(now):
    arabic = Recipient(person_id=8, name="Amira Ali", phone="+46701740611", notify_by="sms", language="ar")
    message = enqueue(arabic, now=now)
    message_deliver(message_id=message.pk, now=now)
    (_to, text), = RecordingSms.sent
    assert "http://127.0.0.1:8000/invanare/abc/" in text
    assert any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_no_copies_outside_demo_mode(recipient, now, settings, tmp_path):
    settings.RHS_DEMO_MODE = False
    message_deliver(message_id=enqueue(recipient, now=now).pk, now=now)
    assert not (tmp_path / "outbox").exists()
    assert Dispatch.objects.filter(copy_path="").count() == 2


def test_missing_notification_publishes_to_the_inbox_without_a_notice(now):
    silent = Recipient(person_id=9, name="Utan Avisering", email="x@example.com", notify_by="")
    message = message_deliver(message_id=enqueue(silent, now=now).pk, now=now)
    assert message.status == MessageStatus.SENT
    assert not mail.outbox and not Dispatch.objects.exists()


def test_email_and_sms_channels_send_the_message_itself(recipient, now):
    email = message_deliver(message_id=enqueue(recipient, key="a", channel="email", now=now).pk, now=now)
    sms = message_deliver(message_id=enqueue(recipient, key="b", channel="sms", now=now).pk, now=now)
    assert (email.status, sms.status) == ("sent", "sent")
    assert mail.outbox[0].subject == "Inbjudan – Välkommen på ett hälsosamtal"
    assert RecordingSms.sent == [("+46701740610", "Hej Test!\n\nVälkommen.")]


def test_an_email_without_address_fails_at_once(now):
    nobody = Recipient(person_id=10, name="Ingen Adress")
    message = message_deliver(message_id=enqueue(nobody, channel="email", now=now).pk, now=now)
    assert (message.status, message.attempts, message.last_error) == ("failed", 1, "no e-mail address")


def test_a_failing_backend_is_retried_with_backoff_and_recovers(recipient, now, settings):
    settings.RHS_SMS_BACKEND = "tests.notifications.backends.FlakySms"
    FlakySms.failures_left = 2
    message = enqueue(recipient, now=now)

    first = message_deliver(message_id=message.pk, now=now)
    assert (first.status, first.attempts) == ("queued", 1)
    assert first.next_attempt_at == now + dt.timedelta(minutes=1)
    assert first.last_error == "SMS gateway unavailable"
    # Not due yet: nothing happens.
    assert message_deliver(message_id=message.pk, now=now + dt.timedelta(seconds=30)).attempts == 1

    second = message_deliver(message_id=message.pk, now=now + dt.timedelta(minutes=1))
    assert (second.status, second.attempts) == ("queued", 2)
    assert second.next_attempt_at == now + dt.timedelta(minutes=6)

    third = message_deliver(message_id=message.pk, now=now + dt.timedelta(minutes=6))
    assert (third.status, third.attempts) == ("sent", 3)
    assert len(FlakySms.sent) == 1
    assert len(mail.outbox) == 1  # the e-mail went out on the first attempt and was not sent again
    assert list(message.events.values_list("to_status", flat=True)) == [
        "queued", "sending", "queued", "sending", "queued", "sending", "sent"]


def test_after_the_last_attempt_the_message_fails_and_can_be_sent_again(recipient, now, settings,
                                                                        django_capture_on_commit_callbacks):
    settings.RHS_SMS_BACKEND = "tests.notifications.backends.FlakySms"
    FlakySms.failures_left = 100
    message = enqueue(recipient, now=now)
    at = now
    for _attempt in range(MAX_ATTEMPTS):
        message = message_deliver(message_id=message.pk, now=at)
        at = (message.next_attempt_at or at)
    assert (message.status, message.attempts) == ("failed", MAX_ATTEMPTS)
    FlakySms.failures_left = 0
    with django_capture_on_commit_callbacks() as callbacks:
        message_requeue(message=message, actor_name="admin", now=at)
    assert len(callbacks) == 1
    assert message_deliver(message_id=message.pk, now=at).status == "sent"


def test_a_message_another_worker_claimed_is_not_sent_twice(recipient, now):
    message = enqueue(recipient, now=now)
    OutboxMessage.objects.filter(pk=message.pk).update(status=MessageStatus.SENDING)
    assert message_deliver(message_id=message.pk, now=now).status == "sending"
    assert not mail.outbox and not RecordingSms.sent


def test_with_the_broker_down_the_message_stays_queued_and_the_sweep_sends_it_later(
    recipient, now, django_capture_on_commit_callbacks
):
    with mock.patch.object(deliver_message, "apply_async", side_effect=ConnectionError("redis down")):
        with django_capture_on_commit_callbacks(execute=True):
            message = enqueue(recipient, now=now)  # the publish fails after commit; no exception reaches the caller
        assert messages_requeue_stuck(now=now + dt.timedelta(minutes=2)) == {"returned": 0, "published": 0}
    message.refresh_from_db()
    assert message.status == "queued"
    with mock.patch.object(deliver_message, "apply_async") as publish:
        assert messages_requeue_stuck(now=now + dt.timedelta(minutes=2)) == {"returned": 0, "published": 1}
    publish.assert_called_once_with(args=(message.pk,), retry=False)


def test_the_sweep_returns_messages_stuck_in_sending(recipient, now):
    message = enqueue(recipient, now=now)
    OutboxMessage.objects.filter(pk=message.pk).update(status=MessageStatus.SENDING, last_attempt_at=now)
    with mock.patch.object(deliver_message, "apply_async"):
        assert messages_requeue_stuck(now=now + dt.timedelta(minutes=5))["returned"] == 0
        assert messages_requeue_stuck(now=now + dt.timedelta(minutes=16))["returned"] == 1
    message.refresh_from_db()
    assert message.status == "queued"
    assert message_deliver(message_id=message.pk, now=now + dt.timedelta(minutes=16)).status == "sent"


def test_the_task_schedules_the_retry_when_it_is_due(recipient, now, settings):
    settings.RHS_SMS_BACKEND = "tests.notifications.backends.FlakySms"
    FlakySms.failures_left = 1
    message = enqueue(recipient, now=now)
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=None)
    with mock.patch.object(deliver_message, "apply_async") as publish:
        deliver_message(message.pk)
    message.refresh_from_db()
    publish.assert_called_once_with(args=(message.pk,), eta=message.next_attempt_at, retry=False)


def test_cancel_and_mark_read(recipient, now):
    queued = enqueue(recipient, key="q", now=now)
    message_cancel(message=queued, actor_name="test", note="case cancelled", now=now)
    assert message_deliver(message_id=queued.pk, now=now).status == "cancelled"
    sent = message_deliver(message_id=enqueue(recipient, key="s", now=now).pk, now=now)
    assert message_mark_read(message=sent, now=now) is True
    assert message_mark_read(message=sent, now=now + dt.timedelta(hours=1)) is False
    sent.refresh_from_db()
    assert sent.read_at == now
