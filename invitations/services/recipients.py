"""What a message needs to know about its recipient and the unit that sends it."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone, translation

from notifications.services import Recipient
from population.contact import format_phone
from population.models import CareUnit, Person

# How long the citizen is asked to take before answering an invitation.
ANSWER_WITHIN = dt.timedelta(days=14)
NOTICE_LANGUAGES = ("sv", "en", "ar")


def recipient_for(person: Person) -> Recipient:
    language = (person.preferred_language or "sv").lower()
    return Recipient(
        person_id=person.pk,
        name=person.full_name,
        email=person.email,
        phone=person.phone,
        notify_by=person.notification,
        language=language if language in NOTICE_LANGUAGES else "sv",
    )


def format_date(value: dt.date | None, language: str) -> str:
    if value is None:
        return ""
    with translation.override(language):
        return formats.date_format(value, "j F Y")


def message_context(*, person: Person | None, unit: CareUnit, language: str, link_url: str = "",
                    deadline: dt.date | None = None, **extra) -> dict:
    """The placeholders of a template, formatted for the variant's language (no person: a text for staff)."""
    return {
        "name": person.first_name if person is not None else "",
        "unit": unit.name,
        "unit_phone": format_phone(unit.phone),
        "link": link_url,
        "deadline": format_date(deadline, language),
        **extra,
    }


def answer_deadline(now: dt.datetime) -> dt.date:
    return timezone.localdate(now + ANSWER_WITHIN)
