"""The message a booking change sends to the citizen: `booking_message_send`, the one way out.

Every change — booked, moved, cancelled (also in bulk when a nurse is away) —
queues one message through `notifications.services.message_enqueue` in the
caller's transaction, rendered from the region's template of the matching
kind (`booking_confirmation`, `booking_changed`, `booking_cancelled`) with
the date, the time, the place and the personal link; the templates say
"book your lab test at least a week before". The outbox delivers it after
commit. A message is idempotent per appointment and kind.

The notifications app and the message templates come with the invitations
work; until they are installed nothing is sent (`booking_message_send`
returns None), and the rest of the booking works the same.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone, translation

from invitations.services.links import link_for_participation, link_url
from population.contact import format_phone, format_postal_code
from responses.models import Appointment
from responses.rules import LAB_BEFORE_VISIT
from rhs_portal.dates import day_in_text

logger = logging.getLogger(__name__)

# Template kinds (interfaces.md); the outbox kind of all three is "booking_confirmation".
CONFIRMATION = "booking_confirmation"
CHANGED = "booking_changed"
CANCELLED = "booking_cancelled"
OUTBOX_KIND = "booking_confirmation"
LANGUAGES = ("sv", "en", "ar")


@dataclass(frozen=True)
class BookingFacts:
    """What a booking message says, formatted in one language."""

    date: str
    time: str
    place: str
    lab_by: str  # the last day to take the lab test (a week before the visit)


def booking_facts(appointment: Appointment, *, language: str = "sv") -> BookingFacts:
    slot = appointment.slot
    start = timezone.localtime(slot.starts_at)
    unit = slot.unit
    room = f"{slot.room.name} ({slot.room.directions})" if slot.room.directions else slot.room.name
    town = f"{format_postal_code(unit.postal_code)} {unit.postal_town}".strip()
    place = ", ".join(p for p in [unit.name, room, unit.street_address, town] if p)
    with translation.override(language):
        return BookingFacts(
            date=day_in_text(start.date(), with_year=True),
            time=start.strftime("%H:%M"),
            place=place,
            lab_by=day_in_text(start.date() - LAB_BEFORE_VISIT),
        )


def channel_for(person) -> str | None:
    """The citizen's inbox when they have a notification setting; else SMS, else e-mail; else none."""
    if person.notification:
        return "inbox"
    if person.phone:
        return "sms"
    if person.email:
        return "email"
    return None


def _services():
    """(message_enqueue, Recipient, template_render), or None before the notifications app is installed."""
    if not apps.is_installed("notifications"):
        return None
    from invitations.services.templates import template_render
    from notifications.services import Recipient, message_enqueue

    return message_enqueue, Recipient, template_render


def _recipient(recipient_class, person, language: str):
    values = {"person_id": person.pk, "name": person.full_name, "email": person.email, "phone": person.phone,
              "notify_by": person.notification}
    if "language" in {f.name for f in dataclasses.fields(recipient_class)}:
        values["language"] = language
    return recipient_class(**values)


def _context(appointment: Appointment, *, language: str, link: str) -> dict:
    facts = booking_facts(appointment, language=language)
    person, unit = appointment.participation.person, appointment.slot.unit
    return {
        "name": person.first_name, "unit": unit.name, "unit_phone": format_phone(unit.phone), "link": link,
        "date": facts.date, "time": facts.time, "place": facts.place, "lab_by": facts.lab_by,
    }


def booking_message_send(*, appointment: Appointment, kind: str, now: dt.datetime | None = None):
    """Queue the message about `appointment` (kind: CONFIRMATION, CHANGED or CANCELLED); returns the outbox row."""
    services = _services()
    if services is None:
        return None
    message_enqueue, recipient_class, template_render = services
    now = now or timezone.now()
    person = appointment.participation.person
    channel = channel_for(person)
    if channel is None:
        logger.info("No way to reach person %s about appointment %s", person.pk, appointment.pk)
        return None
    preferred = (person.preferred_language or "sv").lower()
    preferred = preferred if preferred in LANGUAGES else "sv"
    link = link_url(link_for_participation(participation=appointment.participation, now=now))
    unit = appointment.slot.unit
    rendered = template_render(kind=kind, unit=unit, language=preferred,
                               context=_context(appointment, language=preferred, link=link))
    if rendered.language != preferred:  # the region has no variant in the person's language
        rendered = template_render(kind=kind, unit=unit, language=rendered.language,
                                   context=_context(appointment, language=rendered.language, link=link))
    return message_enqueue(
        kind=OUTBOX_KIND,
        channel=channel,
        recipient=_recipient(recipient_class, person, rendered.language),
        subject=rendered.subject,
        body=rendered.body,
        idempotency_key=f"responses.appointment:{appointment.pk}:{kind}",
        template_version_id=rendered.template_version_id,
        subject_ref=f"responses.appointment:{appointment.pk}",
        link_url=link,
        now=now,
    )
