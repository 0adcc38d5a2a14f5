"""Reads for the citizen's own pages. The citizen is identified by the personal link (citizen.access)."""

from __future__ import annotations

from invitations.models import ANSWERS_BY_TEMPLATE, InvitationCase, Participation
from notifications import selectors as outbox
from population.models import Person


def invitation_case_of(participation: Participation) -> InvitationCase | None:
    """The participation's latest invitation case (the one the citizen answers)."""
    return (
        InvitationCase.objects.filter(participation=participation, template_kind__in=list(ANSWERS_BY_TEMPLATE))
        .order_by("-created_at", "-id")
        .first()
    )


def inbox_of(person: Person):
    return outbox.inbox_for_person(person_id=person.pk)


def inbox_message_of(person: Person, pk: int):
    return outbox.inbox_message_get(person_id=person.pk, pk=pk)


def unread_count(person: Person) -> int:
    return inbox_of(person).filter(read_at__isnull=True).count()
