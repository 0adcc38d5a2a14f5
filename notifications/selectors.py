"""Reads of the outbox. Callers scope them: they pass the people or subjects they may see."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from notifications.models import Channel, Dispatch, MessageStatus, OutboxMessage


def messages_for_subjects(*, subject_refs: Iterable[str]) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(subject_ref__in=list(subject_refs)).order_by("created_at", "id")


def inbox_for_person(*, person_id: int) -> QuerySet[OutboxMessage]:
    """The citizen's inbox: delivered inbox messages, newest first."""
    return OutboxMessage.objects.filter(
        person_id=person_id, channel=Channel.INBOX, status=MessageStatus.SENT
    ).order_by("-sent_at", "-id")


def inbox_message_get(*, person_id: int, pk: int) -> OutboxMessage:
    return get_object_or_404(inbox_for_person(person_id=person_id), pk=pk)


def dispatches_for_persons(*, person_ids) -> QuerySet[Dispatch]:
    """E-mails and SMS sent to these people (a queryset or list of person ids)."""
    return Dispatch.objects.filter(message__person_id__in=person_ids).select_related("message")


def queued_count(*, person_ids) -> int:
    return OutboxMessage.objects.filter(person_id__in=person_ids, status=MessageStatus.QUEUED).count()


def last_message_since(*, person_id: int, kind: str, since) -> OutboxMessage | None:
    """The person's latest message of `kind` created at or after `since` (however it was sent: by a person or a job)."""
    return (
        OutboxMessage.objects.filter(person_id=person_id, kind=kind, created_at__gte=since)
        .exclude(status=MessageStatus.CANCELLED)
        .order_by("-created_at").first()
    )
