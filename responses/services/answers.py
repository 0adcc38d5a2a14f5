"""Answers given on the phone or on paper, recorded by staff; reopening a declined participation.

`participation_answer_record` answers the participation's open case when it
has one (the case becomes answered, and the case handler answers and closes
it as usual); without an open case the answer is kept on the participation
and the next step is taken at once (self-book: booking basis; call me: the
call list; decline: the booking basis closes). Either way
`participation_answered` is sent with channel "phone" or "letter" in the same
transaction, so the reminder engine stops. A reply letter marks the
participation's letter contacts done.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from invitations.models import (
    PARTICIPATION_MACHINE,
    CaseStatus,
    CitizenAnswer,
    Contact,
    ContactKind,
    ContactReason,
    ContactStatus,
    InvitationCase,
    Participation,
    ParticipationState,
)
from invitations.services.cases import CaseError, case_answer, participation_answer_set
from invitations.services.contacts import contact_create, contact_transition
from invitations.signals import participation_answered
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from responses.models import BasisStatus, BookingBasis
from responses.services.basis import booking_basis_close, booking_basis_create
from responses.services.errors import BookingError

STAFF_CHANNELS = ("phone", "letter")
ANSWERABLE_STATES = frozenset(
    {
        ParticipationState.SELECTED,
        ParticipationState.INVITED,
        ParticipationState.ANSWERED,
        ParticipationState.BOOKED,
        ParticipationState.DECLINED,
        ParticipationState.NOT_REACHED,
    }
)


class AnswerError(Exception):
    """The answer cannot be recorded; the message says why in plain words (nothing was changed)."""


def _open_case(participation: Participation) -> InvitationCase | None:
    return (
        InvitationCase.objects.select_for_update()
        .filter(participation=participation, status__in=[CaseStatus.SENT_UNREAD, CaseStatus.READ])
        .order_by("-created_at")
        .first()
    )


def _letters_done(*, participation: Participation, actor: Actor, now: dt.datetime) -> None:
    """The reply letter came back: the letter contacts still to print are done, printed ones get the outcome."""
    outcome = _("Answered with the reply letter")
    for contact in Contact.objects.filter(participation=participation, kind=ContactKind.LETTER):
        if contact.status in (ContactStatus.OPEN, ContactStatus.IN_BATCH):
            contact_transition(
                contact=contact,
                to_status=ContactStatus.DONE,
                actor=actor,
                now=now,
                note=outcome,
                outcome=outcome,
            )
        elif contact.status == ContactStatus.DONE and not contact.outcome:
            Contact.objects.filter(pk=contact.pk).update(outcome=outcome)


def _close_basis(participation: Participation, *, actor: Actor, now: dt.datetime, reason: str) -> None:
    basis = (
        BookingBasis.objects.filter(participation=participation).exclude(status=BasisStatus.CLOSED).first()
    )
    if basis is not None:
        booking_basis_close(basis=basis, reason=reason, actor=actor, now=now)


def _next_step(*, participation: Participation, answer: str, actor: Actor, now: dt.datetime) -> None:
    if answer == CitizenAnswer.SELF_BOOK:
        try:
            booking_basis_create(participation=participation, actor=actor, now=now)
        except BookingError as exc:
            raise AnswerError(exc.message) from None
    elif answer == CitizenAnswer.CALL_ME:
        if not Contact.objects.filter(
            participation=participation, kind=ContactKind.PHONE, status=ContactStatus.OPEN
        ).exists():
            contact_create(
                participation=participation,
                kind=ContactKind.PHONE,
                reason=ContactReason.CALL_ME,
                idempotency_key=f"call-me:participation-{participation.pk}",
                actor=actor,
                now=now,
            )
    else:
        _close_basis(participation, actor=actor, now=now, reason=_("Declined"))


def _locked(participation: Participation) -> Participation:
    """The participation's row, locked for the rest of the transaction, with its person and unit."""
    return (
        Participation.objects.select_for_update(of=("self",))
        .select_related("person", "round__unit")
        .get(pk=participation.pk)
    )


def participation_answer_record(
    *,
    participation: Participation,
    answer: str,
    channel: str,
    actor: Actor,
    now: dt.datetime | None = None,
    note: str = "",
    next_step: bool = True,
) -> InvitationCase | None:
    """Record an answer given on the phone or in a reply letter; returns the case it answered, if any."""
    now = now or timezone.now()
    if channel not in STAFF_CHANNELS:
        raise AnswerError(_("Say how the answer came: on the phone or in a reply letter."))
    if answer not in (CitizenAnswer.SELF_BOOK, CitizenAnswer.CALL_ME, CitizenAnswer.DECLINE):
        raise AnswerError(_("Choose the answer."))
    with transaction.atomic():
        locked = _locked(participation)
        if locked.state not in ANSWERABLE_STATES:
            raise AnswerError(
                _("An answer cannot be recorded for a participation that is %(state)s.")
                % {"state": locked.get_state_display().lower()}
            )
        case = _open_case(locked)
        if case is not None and answer in case.answer_options:
            try:
                case_answer(case=case, answer=answer, actor=actor, now=now, channel=channel)
            except CaseError as exc:
                raise AnswerError(str(exc)) from None
        else:
            case = None
            participation_answer_set(
                participation=locked, answer=answer, channel=channel, actor=actor, now=now, note=note[:300]
            )
            Auditor(actor, now=now).record(
                action=AccessAction.CHANGE,
                person=locked.person,
                obj=locked,
                detail=f"answer recorded by staff ({channel}): {answer}",
            )
            participation_answered.send(
                sender=Participation,
                participation=locked,
                case=None,
                answer=answer,
                channel=channel,
                now=now,
                actor=actor,
            )
            if next_step:
                _next_step(participation=locked, answer=answer, actor=actor, now=now)
        if channel == "letter":
            _letters_done(participation=locked, actor=actor, now=now)
    participation.refresh_from_db()
    return case


def participation_reopen(
    *,
    participation: Participation,
    note: str,
    actor: Actor,
    now: dt.datetime | None = None,
    call_list: bool = False,
) -> Participation:
    """The citizen changed their mind: declined → answered, with the reason logged; optionally onto the call list."""
    now = now or timezone.now()
    note = (note or "").strip()
    if not note:
        raise AnswerError(_("Write why the participation is opened again."))
    with transaction.atomic():
        locked = _locked(participation)
        if locked.state != ParticipationState.DECLINED:
            raise AnswerError(_("Only a declined participation can be opened again."))
        PARTICIPATION_MACHINE.transition(
            locked,
            ParticipationState.ANSWERED,
            actor_name=actor.name,
            actor_user=actor.user,
            now=now,
            note=_("Opened again: %(note)s") % {"note": note},
        )
        Auditor(actor, now=now).record(
            action=AccessAction.CHANGE,
            person=locked.person,
            obj=locked,
            detail=f"declined participation opened again: {note}"[:300],
        )
        if call_list:
            event = locked.events.order_by("-at", "-id").first()
            contact_create(
                participation=locked,
                kind=ContactKind.PHONE,
                reason=ContactReason.STAFF,
                idempotency_key=f"reopened:participation-{locked.pk}:event-{event.pk}",
                actor=actor,
                message=note,
                now=now,
            )
    participation.refresh_from_db()
    return participation
