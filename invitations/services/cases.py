"""Cases: open one for a digital invitation, move it through its statuses, assign it.

`case_transition` is the one way to change a case's status: it checks the
table (CASE_MACHINE), updates with compare-and-set and appends the history row
with the actor. Closing needs a reason: `answered_closed` (staff answered and
closed an answered case), `auto_closed` (30 days) or `cancelled`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from invitations.models import (
    CASE_MACHINE,
    PARTICIPATION_MACHINE,
    CaseAssignment,
    CaseEvent,
    CaseStatus,
    CitizenAnswer,
    CloseReason,
    InvitationCase,
    Participation,
    ParticipationState,
)
from invitations.selectors.cases import case_messages
from invitations.services.links import link_for_participation, link_url
from invitations.services.participation import participation_milestone
from invitations.services.recipients import answer_deadline, message_context, recipient_for
from invitations.services.templates import TemplateCache
from invitations.signals import participation_answered
from notifications.services import message_enqueue, message_mark_read
from population.models import AccessAction, StaffUser
from population.selectors import roles_in_unit
from population.services.audit import Actor, Auditor
from rhs_portal.roles import Capability, roles_grant
from rhs_portal.statemachine import TransitionConflict, TransitionNotAllowed


class CaseError(Exception):
    """The case cannot do that now; the message says why in plain words."""


def invitation_key(participation: Participation) -> str:
    return f"invitation:participation-{participation.pk}"


def case_open_for_invitation(
    *, participation: Participation, template_kind: str, message_text: str = "", actor: Actor,
    now: dt.datetime | None = None, templates: TemplateCache | None = None,
) -> InvitationCase:
    """Open the participation's invitation case and put the message in the outbox (same transaction).

    Idempotent: the invitation of a participation is sent once; calling again returns the case.
    """
    now = now or timezone.now()
    key = invitation_key(participation)
    existing = InvitationCase.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    person, unit = participation.person, participation.round.unit
    with transaction.atomic():
        url = link_url(link_for_participation(participation=participation, now=now))
        templates = templates or TemplateCache(unit)
        version = templates.version(template_kind, person.preferred_language)
        rendered = templates.render(
            kind=template_kind, language=version.language,
            context=message_context(person=person, unit=unit, language=version.language, link_url=url,
                                    deadline=answer_deadline(now)),
        )
        case = InvitationCase.objects.create(
            participation=participation, unit=unit, template_kind=template_kind,
            template_version_id=rendered.template_version_id, language=rendered.language,
            status=CaseStatus.SENT_UNREAD, status_changed_at=now, created_at=now, created_by=actor.user,
            idempotency_key=key,
        )
        CaseEvent.objects.create(case=case, from_status="", to_status=CaseStatus.SENT_UNREAD, at=now,
                                 actor_name=actor.name[:150], actor_user=actor.user)
        body = rendered.body + (f"\n\n{message_text.strip()}" if message_text.strip() else "")
        message_enqueue(
            kind="invitation", channel="inbox", recipient=recipient_for(person), subject=rendered.subject,
            body=body, idempotency_key=key, template_version_id=rendered.template_version_id,
            subject_ref=case.subject_ref, link_url=url, now=now,
        )
    return case


def case_transition(
    *, case: InvitationCase, to_status: str, actor: Actor, now: dt.datetime | None = None,
    close_reason: str = "", note: str = "", **updates,
) -> InvitationCase:
    """Move the case to `to_status` (raises TransitionNotAllowed, or TransitionConflict if someone was first)."""
    now = now or timezone.now()
    if to_status == CaseStatus.CLOSED:
        if close_reason not in (CloseReason.ANSWERED_CLOSED, CloseReason.AUTO_CLOSED, CloseReason.CANCELLED):
            raise ValueError("closing a case needs a reason")
        if close_reason == CloseReason.ANSWERED_CLOSED and case.status != CaseStatus.ANSWERED:
            raise TransitionNotAllowed(case.status, f"{to_status} ({close_reason})")
        updates["close_reason"] = close_reason
    elif close_reason:
        raise ValueError("only closing takes a reason")
    return CASE_MACHINE.transition(
        case, to_status, actor_name=actor.name, actor_user=actor.user, now=now, note=note or close_reason,
        **updates,
    )


def case_mark_read(*, case: InvitationCase, actor: Actor, now: dt.datetime | None = None) -> InvitationCase:
    """The confirmed citizen sees the case's text: its messages are read, and an unread case becomes read."""
    now = now or timezone.now()
    for message in case_messages(case).filter(read_at__isnull=True, channel="inbox"):
        message_mark_read(message=message, now=now)
    if case.status == CaseStatus.SENT_UNREAD:
        try:
            case_transition(case=case, to_status=CaseStatus.READ, actor=actor, now=now, read_at=now)
        except TransitionConflict:
            case.refresh_from_db()
        else:
            participation_milestone(participation_id=case.participation_id, milestone="read_at", now=now)
    Auditor(actor, now=now).record(
        action=AccessAction.VIEW, person=case.participation.person, obj=case, detail="citizen read the invitation"
    )
    return case


PARTICIPATION_AFTER_ANSWER = {
    CitizenAnswer.SELF_BOOK: ParticipationState.ANSWERED,
    CitizenAnswer.CALL_ME: ParticipationState.ANSWERED,
    CitizenAnswer.DECLINE: ParticipationState.DECLINED,
}


ANSWER_CHANNELS = ("portal", "phone", "letter")


def participation_answer_set(*, participation: Participation, answer: str, channel: str, actor: Actor,
                             now: dt.datetime, note: str = "") -> Participation:
    """Keep the answer on the participation (what, when, through which channel) and move its state.

    Inside the caller's transaction; the statistics read `answer`, `answered_at` and `answer_channel`.
    """
    if channel not in ANSWER_CHANNELS:
        raise ValueError(f"unknown answer channel {channel!r}")
    target = PARTICIPATION_AFTER_ANSWER[answer]
    fields = {"answer": answer, "answered_at": now, "answer_channel": channel}
    # A yes does not move a booked participation back to answered.
    keeps_booking = participation.state == ParticipationState.BOOKED and target == ParticipationState.ANSWERED
    if not keeps_booking and PARTICIPATION_MACHINE.allowed(participation.state, target):
        PARTICIPATION_MACHINE.transition(participation, target, actor_name=actor.name, actor_user=actor.user,
                                         now=now, note=note or f"answer: {answer} ({channel})", **fields)
    else:
        Participation.objects.filter(pk=participation.pk).update(**fields)
        for name, value in fields.items():
            setattr(participation, name, value)
    return participation


def case_answer(*, case: InvitationCase, answer: str, actor: Actor, now: dt.datetime | None = None,
                channel: str = "portal") -> InvitationCase:
    """Record the citizen's answer (one of the template's options): the case becomes answered.

    `channel` is "portal" when the citizen answered through their link, "phone"
    or "letter" when staff record an answer given on the phone or on paper.
    """
    now = now or timezone.now()
    if answer not in case.answer_options:
        raise CaseError(_("That answer is not one of the invitation's options."))
    if case.status == CaseStatus.ANSWERED:
        raise CaseError(_("You have already answered this invitation."))
    if case.status == CaseStatus.CLOSED:
        raise CaseError(_("This invitation is closed and can no longer be answered."))
    with transaction.atomic():
        if case.status == CaseStatus.SENT_UNREAD:
            if channel == "portal":
                case_mark_read(case=case, actor=actor, now=now)
            else:
                try:
                    case_transition(case=case, to_status=CaseStatus.READ, actor=actor, now=now,
                                    note=f"answered by {channel}")
                except TransitionConflict:
                    case.refresh_from_db()
        try:
            case_transition(case=case, to_status=CaseStatus.ANSWERED, actor=actor, now=now, answer=answer,
                            answered_at=now, answer_channel=channel, note=answer)
        except (TransitionConflict, TransitionNotAllowed):
            raise CaseError(_("You have already answered this invitation.")) from None
        participation = case.participation
        participation_answer_set(participation=participation, answer=answer, channel=channel, actor=actor, now=now)
        who = "citizen" if channel == "portal" else f"staff ({channel})"
        Auditor(actor, now=now).record(
            action=AccessAction.CHANGE, person=participation.person, obj=case, detail=f"{who} answered: {answer}"
        )
        participation_answered.send(sender=InvitationCase, participation=participation, case=case, answer=answer,
                                    channel=channel, now=now, actor=actor)
    return case


def _check_assignee(assignee: StaffUser | None, unit) -> None:
    if assignee is not None and not roles_grant(roles_in_unit(user=assignee, unit_id=unit.pk),
                                                Capability.CASE_HANDLE):
        raise CaseError(_("%(name)s does not handle cases at this unit.") % {"name": assignee})


def cases_assign(*, cases: Iterable[InvitationCase], assignee: StaffUser | None, actor: Actor,
                 now: dt.datetime | None = None) -> int:
    """Assign (or, with None, unassign) the cases; returns how many changed hands."""
    now = now or timezone.now()
    cases = [c for c in cases if c.assignee_id != (assignee.pk if assignee else None)]
    if not cases:
        return 0
    for unit in {c.unit for c in cases}:
        _check_assignee(assignee, unit)
    ids = [c.pk for c in cases]
    with transaction.atomic():
        InvitationCase.objects.filter(pk__in=ids).update(assignee=assignee)
        CaseAssignment.objects.bulk_create(
            [CaseAssignment(case_id=pk, at=now, actor_name=actor.name[:150], actor_user=actor.user,
                            assignee=assignee) for pk in ids]
        )
        Auditor(actor, now=now).record_many(
            action=AccessAction.CHANGE, person_ids=[c.participation.person_id for c in cases],
            object_type="invitations.invitationcase",
            detail=f"case assigned to {assignee.get_username() if assignee else '(nobody)'}",
        )
    for case in cases:
        case.assignee = assignee
    return len(cases)


def case_assign(*, case: InvitationCase, assignee: StaffUser | None, actor: Actor,
                now: dt.datetime | None = None) -> InvitationCase:
    cases_assign(cases=[case], assignee=assignee, actor=actor, now=now)
    return case


def citizen_message_read(*, message, actor: Actor, now: dt.datetime | None = None) -> None:
    """The confirmed citizen opened a message in their inbox that belongs to no case (e.g. a booking note)."""
    now = now or timezone.now()
    message_mark_read(message=message, now=now)
    Auditor(actor, now=now).record(action=AccessAction.VIEW, person=actor.person, detail=f"citizen read message "
                                   f"{message.pk} ({message.kind})")
