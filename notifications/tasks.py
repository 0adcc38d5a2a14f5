"""Celery entry points: thin, take ids, call the services."""

import logging

from celery import shared_task

from notifications import services
from notifications.models import MessageStatus

logger = logging.getLogger(__name__)


@shared_task(name="notifications.tasks.deliver_message")
def deliver_message(message_id: int) -> None:
    message = services.message_deliver(message_id=message_id)
    if message is not None and message.status == MessageStatus.QUEUED and message.next_attempt_at:
        try:
            deliver_message.apply_async(args=(message_id,), eta=message.next_attempt_at, retry=False)
        except Exception:  # noqa: BLE001 - the beat job publishes it when it is due
            logger.exception("Could not schedule the retry of message %s", message_id)


@shared_task(name="notifications.tasks.deliver_messages")
def deliver_messages(message_ids: list[int]) -> int:
    """A chunk of a bulk enqueue: deliver each due message (a failed one is retried by its own task)."""
    delivered = 0
    for message_id in message_ids:
        deliver_message(message_id)
        delivered += 1
    return delivered


@shared_task(name="notifications.tasks.requeue_stuck_messages")
def requeue_stuck_messages() -> dict:
    return services.messages_requeue_stuck()
