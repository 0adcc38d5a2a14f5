"""Writes of the outbox: enqueue (in the caller's transaction), deliver, retry, mark read.

Delivery runs in a Celery task after commit (`notifications.tasks`). Each
attempt claims the row with compare-and-set (queued → sending), so two
workers never send one message twice; a failed attempt goes back to queued
with a later `next_attempt_at` (backoff) until MAX_ATTEMPTS, then to failed.
A beat job publishes due rows whose task message was lost (broker down) and
returns rows stuck in sending to the queue. Redis down means late, never lost.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications.backends import PermanentDeliveryError
from notifications.delivery import announcements, deliver
from notifications.models import (
    OUTBOX_MACHINE,
    Channel,
    MessageKind,
    MessageStatus,
    NotifyBy,
    OutboxEvent,
    OutboxMessage,
)
from rhs_portal.statemachine import TransitionConflict

logger = logging.getLogger(__name__)

DELIVERY_JOB = "notifications: delivery"
# Seconds to wait before attempt n+1 after attempt n failed.
RETRY_DELAYS = (60, 5 * 60, 15 * 60, 60 * 60, 4 * 60 * 60)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
STUCK_AFTER = dt.timedelta(minutes=15)
REPUBLISH_GRACE = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Recipient:
    person_id: int  # no FK: notifications imports no domain app
    name: str
    email: str = ""
    phone: str = ""  # normalised, e.g. +46701740605
    notify_by: str = ""  # "email" | "sms" | "email_sms" | "" (missing) — how an inbox message is announced
    language: str = "sv"  # the language of the notice announcing an inbox message


def message_enqueue(
    *,
    kind: str,
    channel: str,
    recipient: Recipient,
    subject: str,
    body: str,
    idempotency_key: str,
    template_version_id: int | None = None,
    subject_ref: str = "",
    link_url: str = "",
    now: dt.datetime | None = None,
) -> OutboxMessage:
    """Write the message in the caller's transaction and deliver it after commit.

    Idempotent: a second call with the same key returns the first row and sends nothing.
    """
    from notifications.tasks import deliver_message
    from rhs_portal.tasks import enqueue

    if kind not in MessageKind.values:
        raise ValueError(f"unknown message kind {kind!r}")
    if channel not in Channel.values:
        raise ValueError(f"unknown channel {channel!r}")
    if recipient.notify_by not in NotifyBy.values:
        raise ValueError(f"unknown notification setting {recipient.notify_by!r}")
    if not idempotency_key:
        raise ValueError("a message needs an idempotency key")
    existing = OutboxMessage.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    now = now or timezone.now()
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                kind=kind, channel=channel, person_id=recipient.person_id, recipient_name=recipient.name[:200],
                recipient_email=recipient.email, recipient_phone=recipient.phone, notify_by=recipient.notify_by,
                language=recipient.language or "sv", subject=subject[:200], body=body, link_url=link_url,
                idempotency_key=idempotency_key, template_version_id=template_version_id,
                subject_ref=subject_ref, status=MessageStatus.QUEUED, status_changed_at=now, created_at=now,
                next_attempt_at=now,
            )
            OutboxEvent.objects.create(
                message=message, from_status="", to_status=MessageStatus.QUEUED, at=now, actor_name=DELIVERY_JOB,
            )
    except IntegrityError:
        # Another request wrote the same key between our check and insert.
        return OutboxMessage.objects.get(idempotency_key=idempotency_key)
    enqueue(deliver_message, message.pk)
    return message


@dataclass(frozen=True)
class NewMessage:
    """One message of a bulk enqueue (the arguments of `message_enqueue`, minus `now`)."""

    kind: str
    channel: str
    recipient: Recipient
    subject: str
    body: str
    idempotency_key: str
    template_version_id: int | None = None
    subject_ref: str = ""
    link_url: str = ""


BULK_PUBLISH_CHUNK = 200


def messages_enqueue_bulk(*, messages: list[NewMessage], now: dt.datetime | None = None) -> list[int]:
    """Write many messages in the caller's transaction with a fixed number of queries; deliver after commit.

    For sweeps: keys already in the outbox are skipped (idempotent, one read);
    the caller claims its work first (e.g. a unique row per reminder), so two
    callers never race for the same key. Returns the ids of the new rows.
    """
    from notifications.tasks import deliver_messages
    from rhs_portal.tasks import enqueue

    if not messages:
        return []
    now = now or timezone.now()
    for m in messages:
        if m.kind not in MessageKind.values or m.channel not in Channel.values:
            raise ValueError(f"unknown message kind or channel {m.kind!r}/{m.channel!r}")
        if m.recipient.notify_by not in NotifyBy.values or not m.idempotency_key:
            raise ValueError("a message needs a known notification setting and an idempotency key")
    keys = [m.idempotency_key for m in messages]
    existing = set(OutboxMessage.objects.filter(idempotency_key__in=keys).values_list("idempotency_key", flat=True))
    rows, seen = [], set(existing)
    for m in messages:
        if m.idempotency_key in seen:
            continue
        seen.add(m.idempotency_key)
        r = m.recipient
        rows.append(OutboxMessage(
            kind=m.kind, channel=m.channel, person_id=r.person_id, recipient_name=r.name[:200],
            recipient_email=r.email, recipient_phone=r.phone, notify_by=r.notify_by, language=r.language or "sv",
            subject=m.subject[:200], body=m.body, link_url=m.link_url, idempotency_key=m.idempotency_key,
            template_version_id=m.template_version_id, subject_ref=m.subject_ref, status=MessageStatus.QUEUED,
            status_changed_at=now, created_at=now, next_attempt_at=now,
        ))
    with transaction.atomic():
        created = OutboxMessage.objects.bulk_create(rows)  # one INSERT: the query count stays fixed
        ids = [m.pk for m in created]
        OutboxEvent.objects.bulk_create(
            [OutboxEvent(message_id=pk, from_status="", to_status=MessageStatus.QUEUED, at=now,
                         actor_name=DELIVERY_JOB) for pk in ids],
        )
    for start in range(0, len(ids), BULK_PUBLISH_CHUNK):
        enqueue(deliver_messages, ids[start:start + BULK_PUBLISH_CHUNK])
    return ids


def retry_delay(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1])


def message_deliver(*, message_id: int, now: dt.datetime | None = None) -> OutboxMessage | None:
    """One delivery attempt, if the message is due. Returns the message as it is afterwards."""
    now = now or timezone.now()
    message = OutboxMessage.objects.filter(pk=message_id).first()
    if message is None or message.status != MessageStatus.QUEUED:
        return message
    if message.next_attempt_at and message.next_attempt_at > now:
        return message
    attempts = message.attempts + 1
    try:
        OUTBOX_MACHINE.transition(
            message, MessageStatus.SENDING, actor_name=DELIVERY_JOB, now=now, attempts=attempts, last_attempt_at=now,
        )
    except TransitionConflict:
        return message  # another worker has it
    try:
        deliver(message, now=now)
    except PermanentDeliveryError as exc:
        return OUTBOX_MACHINE.transition(
            message, MessageStatus.FAILED, actor_name=DELIVERY_JOB, now=now, note=str(exc),
            last_error=str(exc)[:500], next_attempt_at=None,
        )
    except Exception as exc:  # noqa: BLE001 - any backend failure is retried with backoff
        logger.warning("Delivery of message %s failed (attempt %s): %s", message.pk, attempts, exc)
        if attempts >= MAX_ATTEMPTS:
            return OUTBOX_MACHINE.transition(
                message, MessageStatus.FAILED, actor_name=DELIVERY_JOB, now=now, note=str(exc),
                last_error=str(exc)[:500], next_attempt_at=None,
            )
        return OUTBOX_MACHINE.transition(
            message, MessageStatus.QUEUED, actor_name=DELIVERY_JOB, now=now, note=str(exc),
            last_error=str(exc)[:500], next_attempt_at=now + retry_delay(attempts),
        )
    return OUTBOX_MACHINE.transition(
        message, MessageStatus.SENT, actor_name=DELIVERY_JOB, now=now, sent_at=now, next_attempt_at=None,
    )


def messages_requeue_stuck(*, now: dt.datetime | None = None, limit: int = 500) -> dict:
    """Return rows stuck in sending to the queue, and publish due rows whose task was lost."""
    from notifications.tasks import deliver_message

    now = now or timezone.now()
    stuck = OutboxMessage.objects.filter(status=MessageStatus.SENDING, last_attempt_at__lt=now - STUCK_AFTER)
    returned = OUTBOX_MACHINE.bulk_transition(
        stuck, MessageStatus.QUEUED, actor_name=DELIVERY_JOB, now=now, note="stuck in sending", next_attempt_at=now,
    )
    due = list(
        OutboxMessage.objects.filter(status=MessageStatus.QUEUED, next_attempt_at__lte=now - REPUBLISH_GRACE)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    published = 0
    for message_id in [*returned, *due]:
        try:
            deliver_message.apply_async(args=(message_id,), retry=False)
            published += 1
        except Exception:  # noqa: BLE001 - broker down: the rows stay queued for the next run
            logger.exception("Could not publish message %s; it stays queued", message_id)
            break
    return {"returned": len(returned), "published": published}


def message_requeue(*, message: OutboxMessage, actor_name: str, actor_user=None,
                    now: dt.datetime | None = None) -> OutboxMessage:
    """Try a failed message again (e.g. after the address was corrected)."""
    from notifications.tasks import deliver_message
    from rhs_portal.tasks import enqueue

    now = now or timezone.now()
    OUTBOX_MACHINE.transition(
        message, MessageStatus.QUEUED, actor_name=actor_name, actor_user=actor_user, now=now,
        next_attempt_at=now, attempts=0, note="sent again",
    )
    enqueue(deliver_message, message.pk)
    return message


def message_cancel(*, message: OutboxMessage, actor_name: str, actor_user=None, note: str = "",
                   now: dt.datetime | None = None) -> OutboxMessage:
    """Stop a message that has not gone out (queued or failed)."""
    now = now or timezone.now()
    return OUTBOX_MACHINE.transition(
        message, MessageStatus.CANCELLED, actor_name=actor_name, actor_user=actor_user, now=now, note=note,
        next_attempt_at=None,
    )


def notice_preview(*, recipient: Recipient, link_url: str) -> list[tuple[str, str, str, str]]:
    """What the e-mail/SMS notices of an inbox message to `recipient` will say: (medium, to, subject, text)."""
    return announcements(notify_by=recipient.notify_by, email=recipient.email, phone=recipient.phone,
                         name=recipient.name, link_url=link_url, language=recipient.language)


def message_mark_read(*, message: OutboxMessage, now: dt.datetime | None = None) -> bool:
    """Record that the citizen has read the message (first time only). True when this call marked it."""
    now = now or timezone.now()
    updated = OutboxMessage.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=now)
    if updated:
        message.read_at = now
    return bool(updated)


def messages_deliver_now(*, person_ids, now: dt.datetime | None = None) -> int:
    """Deliver these people's queued messages at once, without the worker (the demo outbox page's button)."""
    now = now or timezone.now()
    delivered = 0
    due = OutboxMessage.objects.filter(person_id__in=person_ids, status=MessageStatus.QUEUED, next_attempt_at__lte=now)
    for message_id in due.values_list("pk", flat=True)[:500]:
        message = message_deliver(message_id=message_id, now=now)
        delivered += bool(message and message.status == MessageStatus.SENT)
    return delivered
