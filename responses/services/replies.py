"""Answer and close ("Besvara och avsluta"): the reply goes into the case and the case closes, in one transaction.

The next step follows the citizen's answer:

- self-book: a booking basis (60 days to book, lab tests ordered) and the reply "reply_self_book";
- call me: the person goes on the call list (a phone contact, reason CALL_ME) and the reply "reply_we_call";
  when the time was already booked on the phone, no call list, and the suggested reply is
  "reply_questionnaire" with the booked time (the manual's first order);
- decline: the thank-you reply "reply_declined"; the participation is already declined (case_answer).

The reply is written in the outbox with the key `reply:case-<id>` in the same
transaction as the close, which is a compare-and-set on the case: a double
submit or a retry finds the case closed and sends nothing more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from invitations.models import (
    CaseStatus,
    CitizenAnswer,
    CloseReason,
    Contact,
    ContactKind,
    ContactReason,
    ContactStatus,
    InvitationCase,
    Participation,
    ParticipationState,
    TemplateKind,
)
from invitations.services.cases import case_transition
from invitations.services.contacts import contact_create
from invitations.services.links import link_for_participation, link_url
from invitations.services.recipients import message_context, recipient_for
from invitations.services.templates import TemplateMissing, template_render
from notifications.services import message_enqueue
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from responses.models import BOOKING_DEADLINE_DAYS
from responses.selectors import live_appointment_of
from responses.services.basis import booking_basis_create
from responses.services.errors import BookingError
from responses.services.messages import LANGUAGES, booking_facts
from rhs_portal.statemachine import TransitionConflict, TransitionNotAllowed

REPLY_TEMPLATE = {
    CitizenAnswer.SELF_BOOK: TemplateKind.REPLY_SELF_BOOK,
    CitizenAnswer.CALL_ME: TemplateKind.REPLY_WE_CALL,
    CitizenAnswer.DECLINE: TemplateKind.REPLY_DECLINED,
}
# The reply texts a case handler can insert with "+" (the answer's own text first).
REPLY_KINDS = (
    TemplateKind.REPLY_SELF_BOOK,
    TemplateKind.REPLY_WE_CALL,
    TemplateKind.REPLY_QUESTIONNAIRE,
    TemplateKind.REPLY_DECLINED,
)
MAX_REPLY_CHARS = 5000


class ReplyError(Exception):
    """The reply cannot be sent; the message says why in plain words (nothing was changed)."""


@dataclass(frozen=True)
class ReplyText:
    kind: str
    title: str
    text: str
    suggested: bool = False  # the reply for this answer (and booking state)


def reply_key(case: InvitationCase) -> str:
    return f"reply:case-{case.pk}"


def call_me_key(participation: Participation) -> str:
    return f"call-me:participation-{participation.pk}"


def _open_link_url(participation: Participation) -> str:
    link = participation.links.filter(revoked_at__isnull=True).order_by("-created_at").first()
    return link_url(link) if link else ""


def reply_texts(*, case: InvitationCase, now: dt.datetime | None = None) -> list[ReplyText]:
    """The standard replies rendered for the case's person, in their language (the suggested one first)."""
    now = now or timezone.now()
    participation = case.participation
    person, unit = participation.person, case.unit
    language = person.preferred_language or case.language or "sv"
    deadline = timezone.localdate(now) + dt.timedelta(days=BOOKING_DEADLINE_DAYS)
    booked = {}
    appointment = live_appointment_of(participation)
    if appointment is not None:  # booked on the phone already: the questionnaire reply names the time
        facts = booking_facts(appointment, language=language if language in LANGUAGES else "sv")
        booked = {"date": facts.date, "time": facts.time, "place": facts.place}
    own = REPLY_TEMPLATE.get(case.answer)
    if appointment is not None and case.answer == CitizenAnswer.CALL_ME:
        own = TemplateKind.REPLY_QUESTIONNAIRE
    kinds = sorted(REPLY_KINDS, key=lambda kind: kind != own)
    texts = []
    for kind in kinds:
        try:
            rendered = template_render(
                kind=kind,
                unit=unit,
                language=language,
                context=message_context(
                    person=person,
                    unit=unit,
                    language=language,
                    link_url=_open_link_url(participation),
                    deadline=deadline,
                    **booked,
                ),
            )
        except TemplateMissing:
            continue
        texts.append(ReplyText(kind=kind, title=rendered.subject, text=rendered.body, suggested=kind == own))
    return texts


def _reply_subject(case: InvitationCase) -> tuple[str, int | None]:
    kind = REPLY_TEMPLATE[case.answer]
    person = case.participation.person
    try:
        rendered = template_render(
            kind=kind,
            unit=case.unit,
            language=person.preferred_language or "sv",
            context=message_context(person=person, unit=case.unit, language="sv"),
        )
    except TemplateMissing:
        return _("Reply from your care unit"), None
    return rendered.subject, rendered.template_version_id


def _call_list_add(*, case: InvitationCase, actor: Actor, now: dt.datetime) -> Contact:
    participation = case.participation
    already = Contact.objects.filter(
        participation=participation, kind=ContactKind.PHONE, status=ContactStatus.OPEN
    ).first()
    if already is not None:
        return already
    return contact_create(
        participation=participation,
        kind=ContactKind.PHONE,
        reason=ContactReason.CALL_ME,
        idempotency_key=call_me_key(participation),
        actor=actor,
        case=case,
        now=now,
    )


def case_reply_and_close(
    *, case: InvitationCase, text: str, actor: Actor, now: dt.datetime | None = None
) -> InvitationCase:
    """Send `text` as the reply in the case, take the answer's next step and close the case (answered_closed)."""
    now = now or timezone.now()
    text = (text or "").strip()
    if not text:
        raise ReplyError(_("Write the reply (insert a standard text with +)."))
    if len(text) > MAX_REPLY_CHARS:
        raise ReplyError(_("The reply is too long (at most %(n)d characters).") % {"n": MAX_REPLY_CHARS})
    with transaction.atomic():
        locked = (
            InvitationCase.objects.select_for_update(of=("self",))
            .select_related("participation__person", "participation__round__unit", "unit")
            .get(pk=case.pk)
        )
        if locked.status == CaseStatus.CLOSED:
            raise ReplyError(_("The case is already closed. The reply was not sent again."))
        if locked.status != CaseStatus.ANSWERED or locked.answer not in REPLY_TEMPLATE:
            raise ReplyError(_("Only an answered case can be answered and closed."))
        participation = locked.participation
        if locked.answer == CitizenAnswer.SELF_BOOK:
            try:
                booking_basis_create(participation=participation, actor=actor, now=now)
            except BookingError as exc:
                raise ReplyError(exc.message) from None
        elif locked.answer == CitizenAnswer.CALL_ME and participation.state != ParticipationState.BOOKED:
            # Not booked on the phone yet: the person goes on the call list.
            _call_list_add(case=locked, actor=actor, now=now)
        subject, version_id = _reply_subject(locked)
        url = link_url(link_for_participation(participation=participation, now=now))
        message_enqueue(
            kind="reply",
            channel="inbox",
            recipient=recipient_for(participation.person),
            subject=subject,
            body=text,
            idempotency_key=reply_key(locked),
            template_version_id=version_id,
            subject_ref=locked.subject_ref,
            link_url=url,
            now=now,
        )
        try:
            case_transition(
                case=locked,
                to_status=CaseStatus.CLOSED,
                close_reason=CloseReason.ANSWERED_CLOSED,
                actor=actor,
                now=now,
            )
        except (TransitionConflict, TransitionNotAllowed):
            raise ReplyError(
                _("Someone else just handled this case. The reply was not sent again.")
            ) from None
        Auditor(actor, now=now).record(
            action=AccessAction.CHANGE,
            person=participation.person,
            obj=locked,
            detail=f"answered and closed ({locked.answer})",
        )
    case.status, case.close_reason = locked.status, locked.close_reason
    return case
