"""Interpreter and accessibility needs of a participation."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from invitations.models import Participation
from population.models import AccessAction, ActorKind
from population.services.audit import Actor, Auditor
from responses.models import VisitNeeds


def visit_needs_set(
    *,
    participation: Participation,
    interpreter_language: str,
    accessibility: str,
    longer_visit: bool,
    actor: Actor,
    now: dt.datetime | None = None,
) -> VisitNeeds:
    """Record the needs (from the person, the reply, the phone call or the citizen's booking page)."""
    now = now or timezone.now()
    needs, _created = VisitNeeds.objects.update_or_create(
        participation=participation,
        defaults={
            "interpreter_language": interpreter_language.strip()[:60],
            "accessibility": accessibility.strip()[:300],
            "longer_visit": longer_visit,
            "updated_at": now,
            "updated_by": actor.user,
            "updated_by_citizen": actor.kind == ActorKind.CITIZEN,
        },
    )
    Auditor(actor, now=now).record(
        action=AccessAction.CHANGE, person=participation.person, obj=needs, detail="visit needs recorded",
        unit=participation.round.unit,
    )
    return needs

