"""The outbox in Django admin: for the portal's operators only, with 'send again' for failed messages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import MessageStatus, OutboxMessage
from notifications.services import Recipient, message_enqueue
from tests.factories import CareUnitFactory, StaffUserFactory, region_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed():
    message = message_enqueue(kind="invitation", channel="email", recipient=Recipient(person_id=1, name="X"),
                              subject="s", body="b", idempotency_key="k")
    OutboxMessage.objects.filter(pk=message.pk).update(status=MessageStatus.FAILED, attempts=6,
                                                       status_changed_at=timezone.now())
    return message


def test_a_superuser_sends_failed_messages_again(client, failed, django_capture_on_commit_callbacks):
    client.force_login(StaffUserFactory(is_staff=True, is_superuser=True))
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("admin:notifications_outboxmessage_changelist"),
                               {"action": "send_again", "_selected_action": [failed.pk]})
    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (MessageStatus.QUEUED, 0)
    assert len(callbacks) == 1
    assert failed.events.last().actor_name.startswith("staff")


def test_region_administrators_do_not_see_the_outbox(client, failed):
    client.force_login(region_admin(CareUnitFactory().region))
    assert client.get(reverse("admin:notifications_outboxmessage_changelist")).status_code == 403
