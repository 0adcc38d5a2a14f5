"""The pre-visit reminder: "answer the questions" and/or "take your blood samples", through the outbox.

The message text is the region's template of kind `previsit_reminder` (invitations), in the
person's language; the outbox (notifications) delivers it after the transaction commits. At
most one reminder per participation and day: a second click sends nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from invitations.services.links import link_for_participation, link_url
from invitations.services.templates import TemplateMissing, template_render
from notifications.selectors import last_message_since
from notifications.services import Recipient, message_enqueue
from population.contact import format_phone
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from visits.models import PrevisitReminder
from visits.selectors import checklist_for
from visits.visit_times import visit_time_for

CITIZEN_LANGUAGES = ("sv", "en", "ar")


def local_day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


class ReminderNotPossible(Exception):
    pass


def reminder_channel(person) -> str:
    """The citizen's inbox when they can be reached there, else SMS, else e-mail."""
    if person.eservice_status == "active" and person.notification:
        return "inbox"
    if person.phone:
        return "sms"
    if person.email:
        return "email"
    raise ReminderNotPossible(_("The person cannot be reached digitally: call them instead."))


def previsit_reminder_send(*, participation, actor: Actor, now: dt.datetime | None = None) -> PrevisitReminder:
    now = now or timezone.now()
    check = checklist_for(participation)
    reasons = ([] if check.questionnaire == "answered" else ["questionnaire"]) + (["lab"] if check.lab_missing else [])
    if not reasons:
        raise ReminderNotPossible(_("The questionnaire is answered and the lab results are in: nothing to remind "
                                    "about."))
    today = timezone.localdate(now)
    person, unit = participation.person, participation.round.unit
    # One pre-visit reminder a day, whoever sent it: the nurse here or the daily reminder sweep.
    sent_today = last_message_since(person_id=person.pk, kind="previsit_reminder",
                                    since=local_day_start(today))
    if sent_today is not None:
        raise ReminderNotPossible(_("A reminder was sent today at %(time)s.") % {
            "time": timezone.localtime(sent_today.created_at).strftime("%H:%M")})
    channel = reminder_channel(person)
    language = (person.preferred_language or "sv").lower()
    language = language if language in CITIZEN_LANGUAGES else "sv"
    when = visit_time_for(participation, language)
    if when is None:
        raise ReminderNotPossible(_("There is no booked time to remind about: book the visit first."))
    link = link_url(link_for_participation(participation=participation, now=now))
    try:
        rendered = template_render(kind="previsit_reminder", unit=unit, language=language, context={
            "name": person.first_name, "unit": unit.name, "unit_phone": format_phone(unit.phone), "link": link,
            "date": when.date, "time": when.time, "place": when.place,
        })
    except TemplateMissing as exc:
        raise ReminderNotPossible(str(exc)) from None
    with transaction.atomic():
        message = message_enqueue(
            kind="previsit_reminder", channel=channel,
            recipient=Recipient(person_id=person.pk, name=person.full_name, email=person.email, phone=person.phone,
                                notify_by=person.notification, language=language),
            subject=rendered.subject, body=rendered.body, idempotency_key=f"previsit-reminder:{participation.pk}:{today}",
            template_version_id=rendered.template_version_id, subject_ref=f"invitations.participation:{participation.pk}",
            link_url=link, now=now,
        )
        reminder = PrevisitReminder.objects.create(participation=participation, sent_at=now, sent_by=actor.user,
                                                   channel=channel, reasons=reasons, message_id=message.pk)
        Auditor(actor, now=now).record(action=AccessAction.CHANGE, person=person, obj=participation,
                                       detail=f"pre-visit reminder ({channel}): {', '.join(reasons)}")
    return reminder
