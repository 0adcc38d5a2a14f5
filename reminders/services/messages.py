"""The reminder messages, rendered from the region's templates and queued in bulk through the outbox.

Invitation reminders (`reminder_auto`, `reminder_manual`) go the way the
invitation went (the citizen's inbox); booking reminders (`booking_reminder`,
`lab_reminder`, `previsit_reminder`) take the booking messages' channel
(responses.services.messages.channel_for: inbox, else SMS, else e-mail).
Keys are per step, e.g. "reminder_auto:case-12", so a message is queued once.
"""

from __future__ import annotations

import datetime as dt

from invitations.services.recipients import message_context, recipient_for
from invitations.services.templates import TemplateCache, TemplateMissing
from notifications.services import NewMessage, messages_enqueue_bulk
from reminders.models import Reminder
from reminders.services.links import link_urls_for
from responses.services.messages import booking_facts, channel_for

OUTBOX_KIND = {
    "reminder_auto": "reminder",
    "reminder_manual": "reminder",
    "booking_reminder": "booking_reminder",
    "lab_reminder": "lab_reminder",
    "previsit_reminder": "previsit_reminder",
}


class _Templates:
    """One TemplateCache per unit for the whole run."""

    def __init__(self) -> None:
        self._caches: dict[int, TemplateCache] = {}

    def for_unit(self, unit) -> TemplateCache:
        if unit.pk not in self._caches:
            self._caches[unit.pk] = TemplateCache(unit)
        return self._caches[unit.pk]


def case_reminders_send(*, reminders: list[Reminder], template_kind: str, now: dt.datetime) -> int:
    """Queue `template_kind` for each reminder's case (case, participation, person and unit loaded)."""
    links = link_urls_for({r.participation_id for r in reminders}, now=now)
    templates, messages = _Templates(), []
    for reminder in reminders:
        person, unit, case = reminder.participation.person, reminder.unit, reminder.case
        try:
            version = templates.for_unit(unit).version(template_kind, person.preferred_language)
        except TemplateMissing:
            continue
        link = links[reminder.participation_id]
        rendered = templates.for_unit(unit).render(
            kind=template_kind,
            language=version.language,
            context=message_context(person=person, unit=unit, language=version.language, link_url=link),
        )
        messages.append(
            NewMessage(
                kind=OUTBOX_KIND[template_kind],
                channel="inbox",
                recipient=recipient_for(person),
                subject=rendered.subject,
                body=rendered.body,
                idempotency_key=f"{template_kind}:case-{case.pk}",
                template_version_id=rendered.template_version_id,
                subject_ref=case.subject_ref,
                link_url=link,
            )
        )
    return len(messages_enqueue_bulk(messages=messages, now=now))


def booking_reminders_send(*, reminders: list[Reminder], template_kind: str, now: dt.datetime) -> int:
    """Queue `template_kind` about each reminder's appointment (appointment, slot, person loaded)."""
    links = link_urls_for({r.participation_id for r in reminders}, now=now)
    templates, messages = _Templates(), []
    for reminder in reminders:
        appointment = reminder.appointment
        person, unit = reminder.participation.person, appointment.slot.unit
        channel = channel_for(person)
        if channel is None:
            continue
        try:
            version = templates.for_unit(unit).version(template_kind, person.preferred_language)
        except TemplateMissing:
            continue
        facts = booking_facts(appointment, language=version.language)
        link = links[reminder.participation_id]
        rendered = templates.for_unit(unit).render(
            kind=template_kind,
            language=version.language,
            context=message_context(
                person=person,
                unit=unit,
                language=version.language,
                link_url=link,
                date=facts.date,
                time=facts.time,
                place=facts.place,
                lab_by=facts.lab_by,
            ),
        )
        messages.append(
            NewMessage(
                kind=OUTBOX_KIND[template_kind],
                channel=channel,
                recipient=recipient_for(person),
                subject=rendered.subject,
                body=rendered.body,
                idempotency_key=f"{template_kind}:appointment-{appointment.pk}",
                template_version_id=rendered.template_version_id,
                subject_ref=f"responses.appointment:{appointment.pk}",
                link_url=link,
            )
        )
    return len(messages_enqueue_bulk(messages=messages, now=now))
