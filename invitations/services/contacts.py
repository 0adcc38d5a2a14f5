"""Contacts of a participation: a phone call to make, a letter to print, a reply on paper."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from invitations.models import (
    CONTACT_MACHINE,
    Contact,
    ContactEvent,
    ContactKind,
    ContactStatus,
    InvitationCase,
    Participation,
)
from population.models import AccessAction
from population.services.audit import Actor, Auditor


def contact_create(
    *, participation: Participation, kind: str, reason: str, idempotency_key: str, actor: Actor,
    case: InvitationCase | None = None, message: str = "", now: dt.datetime | None = None,
) -> Contact:
    """Put the person on the phone list or the letter list. Idempotent on `idempotency_key`."""
    now = now or timezone.now()
    existing = Contact.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    person = participation.person
    try:
        with transaction.atomic():
            contact = Contact.objects.create(
                participation=participation, unit=participation.round.unit, kind=kind, reason=reason,
                status=ContactStatus.OPEN, status_changed_at=now, case=case,
                via_forwarding=kind == ContactKind.LETTER and person.protected_identity,
                message=message.strip(), created_at=now, created_by=actor.user, idempotency_key=idempotency_key,
            )
            ContactEvent.objects.create(contact=contact, from_status="", to_status=ContactStatus.OPEN, at=now,
                                        actor_name=actor.name[:150], actor_user=actor.user, note=reason)
    except IntegrityError:
        return Contact.objects.get(idempotency_key=idempotency_key)
    Auditor(actor.with_unit(participation.round.unit), now=now).record(
        action=AccessAction.CREATE, person=person, obj=contact, detail=f"{kind} contact ({reason})",
    )
    return contact


def contact_transition(*, contact: Contact, to_status: str, actor: Actor, now: dt.datetime | None = None,
                       note: str = "", **updates) -> Contact:
    now = now or timezone.now()
    return CONTACT_MACHINE.transition(contact, to_status, actor_name=actor.name, actor_user=actor.user, now=now,
                                      note=note, **updates)


def contact_mark_done(*, contact: Contact, outcome: str, actor: Actor, now: dt.datetime | None = None) -> Contact:
    """The call was made (or the contact otherwise handled): off the list, with what came of it."""
    now = now or timezone.now()
    contact_transition(contact=contact, to_status=ContactStatus.DONE, actor=actor, now=now, note=outcome[:300],
                       outcome=outcome.strip()[:200])
    Auditor(actor, now=now).record(action=AccessAction.CHANGE, person=contact.participation.person, obj=contact,
                                   detail=f"{contact.kind} contact done")
    return contact
