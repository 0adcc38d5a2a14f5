"""The call list ("Ring upp"): log each call with its outcome, and what follows from it.

- reached and booked: the time is booked on the phone first (the booking
  page); then the call is logged, the contact is done and the questionnaire
  reply ("reply_questionnaire", with the date, time and place) goes out as a
  new message;
- reached – call later: the contact stays, hidden from the list until the time;
- no answer / wrong number: after the region's `phone_attempts` such calls
  the phone contact is done and the person goes to the letter list
  (reason NO_ANSWER, key `no-answer-letter:participation-<id>`; the reminder
  sweep ends the participation as not reached when no answer comes to it);
- declined on the phone: the participation is declined (answer channel
  "phone"), a booked time is cancelled and the booking basis closed.

Each call has a number per contact (unique): the form posts the number it
expects, so a double submit logs the call once.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from invitations.models import (
    CitizenAnswer,
    Contact,
    ContactKind,
    ContactReason,
    ContactStatus,
    Participation,
    TemplateKind,
)
from invitations.selectors.timings import contact_timings
from invitations.services.contacts import contact_create, contact_transition
from invitations.services.links import link_for_participation, link_url
from invitations.services.recipients import message_context, recipient_for
from invitations.services.templates import TemplateMissing, template_render
from notifications.services import message_enqueue
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from responses.models import (
    NOT_REACHED_OUTCOMES,
    Appointment,
    AppointmentStatus,
    CallAttempt,
    CallOutcome,
    CancelReason,
)
from responses.services.answers import AnswerError, participation_answer_record
from responses.services.booking import appointment_cancel
from responses.services.call_list import no_answer_letter_key
from responses.services.messages import booking_facts, channel_for
from rhs_portal.statemachine import TransitionConflict


class CallError(Exception):
    """The call cannot be logged; the message says why in plain words (nothing was changed)."""


def questionnaire_message_send(*, appointment: Appointment, now: dt.datetime):
    """The reply "Inför ditt hälsosamtal ska du fylla i följande formulär" with the booked time; once per time."""
    participation = appointment.participation
    person, unit = participation.person, participation.round.unit
    channel = channel_for(person)
    if channel is None:
        return None
    url = link_url(link_for_participation(participation=participation, now=now))
    language = person.preferred_language or "sv"
    try:
        facts = booking_facts(appointment, language=language if language in ("sv", "en", "ar") else "sv")
        rendered = template_render(
            kind=TemplateKind.REPLY_QUESTIONNAIRE,
            unit=unit,
            language=language,
            context=message_context(
                person=person,
                unit=unit,
                language=language,
                link_url=url,
                date=facts.date,
                time=facts.time,
                place=facts.place,
            ),
        )
    except TemplateMissing:
        return None
    return message_enqueue(
        kind="reply",
        channel=channel,
        recipient=recipient_for(person),
        subject=rendered.subject,
        body=rendered.body,
        idempotency_key=f"reply-questionnaire:appointment-{appointment.pk}",
        template_version_id=rendered.template_version_id,
        subject_ref=f"responses.appointment:{appointment.pk}",
        link_url=url,
        now=now,
    )


def _live_appointment(participation: Participation) -> Appointment | None:
    return (
        Appointment.objects.select_related(
            "slot__unit", "slot__room", "participation__person", "participation__round__unit"
        )
        .filter(participation=participation, status=AppointmentStatus.BOOKED)
        .first()
    )


def _done(contact: Contact, *, outcome: str, actor: Actor, now: dt.datetime) -> None:
    contact_transition(
        contact=contact,
        to_status=ContactStatus.DONE,
        actor=actor,
        now=now,
        note=outcome[:300],
        outcome=outcome[:200],
    )


def _booked(contact: Contact, *, actor: Actor, now: dt.datetime) -> None:
    participation = contact.participation
    appointment = _live_appointment(participation)
    if appointment is None:
        raise CallError(_("Book the time first (Book a time), then log the call as reached and booked."))
    if not participation.answer:
        participation_answer_record(
            participation=participation,
            answer=CitizenAnswer.CALL_ME,
            channel="phone",
            actor=actor,
            now=now,
            next_step=False,
        )
    _done(contact, outcome=str(CallOutcome.BOOKED.label), actor=actor, now=now)
    questionnaire_message_send(appointment=appointment, now=now)


def _declined(contact: Contact, *, actor: Actor, now: dt.datetime) -> None:
    participation = contact.participation
    appointment = _live_appointment(participation)
    if appointment is not None:
        appointment_cancel(
            appointment=appointment, reason=CancelReason.STAFF, actor=actor, now=now, notify=False
        )
    try:
        participation_answer_record(
            participation=participation, answer=CitizenAnswer.DECLINE, channel="phone", actor=actor, now=now
        )
    except AnswerError as exc:
        raise CallError(str(exc)) from None
    _done(contact, outcome=str(CallOutcome.DECLINED.label), actor=actor, now=now)


def _not_reached(contact: Contact, *, number: int, actor: Actor, now: dt.datetime) -> bool:
    """After the region's number of calls without reaching the person: to the letter list. True when moved."""
    participation = contact.participation
    limit = contact_timings(participation.round.unit.region_id).phone_attempts
    tries = CallAttempt.objects.filter(contact=contact, outcome__in=NOT_REACHED_OUTCOMES).count()
    if tries < limit:
        return False
    _done(
        contact,
        outcome=_("Not reached after %(n)d calls: a letter instead") % {"n": tries},
        actor=actor,
        now=now,
    )
    contact_create(
        participation=participation,
        kind=ContactKind.LETTER,
        reason=ContactReason.NO_ANSWER,
        idempotency_key=no_answer_letter_key(participation),
        actor=actor,
        now=now,
        case=contact.case,
        message=_("Not reached by phone (%(n)d calls).") % {"n": tries},
    )
    return True


def call_attempt_log(
    *,
    contact: Contact,
    outcome: str,
    actor: Actor,
    now: dt.datetime | None = None,
    call_back_at: dt.datetime | None = None,
    note: str = "",
    expected_number: int | None = None,
) -> CallAttempt:
    """Log one call to the person of a phone contact, with its outcome, and take the step that follows."""
    now = now or timezone.now()
    if outcome not in CallOutcome.values:
        raise CallError(_("Choose what came of the call."))
    if outcome == CallOutcome.CALL_LATER:
        if call_back_at is None:
            raise CallError(_("Give the time to call back."))
        if call_back_at <= now:
            raise CallError(_("The time to call back must be later than now."))
    else:
        call_back_at = None
    try:
        with transaction.atomic():
            locked = (
                Contact.objects.select_for_update(of=("self",))
                .select_related("participation__person", "participation__round__unit")
                .get(pk=contact.pk)
            )
            if locked.kind != ContactKind.PHONE:
                raise CallError(_("Only phone contacts are called."))
            if locked.status != ContactStatus.OPEN:
                raise CallError(_("This person is no longer on the call list."))
            number = CallAttempt.objects.filter(contact=locked).count() + 1
            if expected_number is not None and expected_number != number:
                raise CallError(str(TransitionConflict.message))
            attempt = CallAttempt.objects.create(
                contact=locked,
                participation=locked.participation,
                number=number,
                at=now,
                outcome=outcome,
                call_back_at=call_back_at,
                note=(note or "").strip()[:300],
                by=actor.user,
                by_name=actor.name[:150],
            )
            if outcome == CallOutcome.BOOKED:
                _booked(locked, actor=actor, now=now)
            elif outcome == CallOutcome.DECLINED:
                _declined(locked, actor=actor, now=now)
            elif outcome in NOT_REACHED_OUTCOMES:
                _not_reached(locked, number=number, actor=actor, now=now)
            Auditor(actor, now=now).record(
                action=AccessAction.CHANGE,
                person=locked.participation.person,
                obj=attempt,
                detail=f"call {number}: {outcome}",
                unit=locked.participation.round.unit,
            )
    except IntegrityError:
        raise CallError(str(TransitionConflict.message)) from None
    return attempt
