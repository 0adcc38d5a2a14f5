"""Changes staff make to a person's record."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from population.models import Person
from population.services.audit import Actor, Auditor


def person_set_research_opt_out(
    *, person: Person, opt_out: bool, actor: Actor, now: dt.datetime | None = None
) -> Person:
    """Record that the person declines (or again allows) research use; logged with the actor."""
    now = now or timezone.now()
    with transaction.atomic():
        Person.objects.filter(pk=person.pk).update(research_opt_out=opt_out, research_opt_out_at=now, updated_at=now)
        Auditor(actor, now=now).change(
            person,
            detail=_("Declines research use") if opt_out else _("Allows research use again"),
        )
    person.refresh_from_db()
    return person
