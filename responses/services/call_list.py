"""Who goes on the call list from a booking (a no-show), and the keys of the call list's contacts."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from invitations.models import Contact, ContactKind, ContactReason, Participation
from invitations.services.contacts import contact_create
from population.services.audit import Actor
from responses.models import Appointment


def no_answer_letter_key(participation: Participation) -> str:
    # The reminder sweep reads this key: keep its format.
    return f"no-answer-letter:participation-{participation.pk}"


def no_show_key(appointment: Appointment) -> str:
    return f"no-show:appointment-{appointment.pk}"


def no_show_call_list_add(*, appointment: Appointment, actor: Actor, now: dt.datetime) -> Contact:
    """The person did not come: on the call list to be offered a new time (inside the caller's transaction)."""
    return contact_create(
        participation=appointment.participation,
        kind=ContactKind.PHONE,
        reason=ContactReason.NO_SHOW,
        idempotency_key=no_show_key(appointment),
        actor=actor,
        now=now,
        message=_("Did not come %(date)s: offer a new time.")
        % {"date": timezone.localtime(appointment.slot.starts_at).strftime("%Y-%m-%d %H:%M")},
    )
