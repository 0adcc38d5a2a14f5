"""Send batches: pick people from a round, check them, invite each through the right channel with one 'Skicka'.

Sending is idempotent at every level: the batch row is locked and sent once
(a double click or a retried request finds it sent and sends nothing); each
participation moves `selected → invited` with compare-and-set, so two batches
holding the same person invite them once; each channel's contact carries an
idempotency key per participation and invitation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from invitations.models import (
    BATCH_MACHINE,
    PARTICIPATION_MACHINE,
    BatchStatus,
    ContactKind,
    ContactReason,
    InvitationCase,
    Participation,
    ParticipationState,
    Round,
    Route,
    SendBatch,
    SendBatchEvent,
    SendBatchItem,
    TemplateKind,
)
from invitations.services.cases import case_open_for_invitation
from invitations.services.contacts import contact_create
from invitations.services.routing import facts_for, route_person
from invitations.services.templates import TemplateCache
from invitations.services.web_times import unit_has_web_times
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from rhs_portal.statemachine import TransitionConflict

RECOMMENDED_BATCH_SIZE = 25
MAX_BATCH_SIZE = 1000
# An unsent batch holds its people this long, so two case handlers do not pick the same ones.
DRAFT_HOLDS_FOR = dt.timedelta(hours=24)
INVITATION_TEMPLATES = (TemplateKind.INVITATION_WEB, TemplateKind.INVITATION_PHONE)
COUNT_KEYS = (Route.DIGITAL, Route.PHONE, Route.LETTER, Route.EXCLUDED, Route.SKIPPED)


class BatchError(ValueError):
    """The batch cannot be made or sent as asked; nothing was changed."""


class NoOneToInvite(BatchError):
    """Everyone the filters match has been invited (or is held by another batch)."""


@dataclass(frozen=True)
class BatchFilters:
    ages: tuple[int, ...] = ()
    reachability: str = ""  # "" (all) or a Route: digital, phone, letter


@dataclass
class BatchResult:
    counts: dict[str, int] = field(default_factory=dict)
    already_sent: bool = False


@dataclass(frozen=True)
class InviteOutcome:
    route: str
    reason: str = ""
    case: InvitationCase | None = None
    contact: object | None = None


def template_check(*, template_kind: str, round_: Round, now: dt.datetime) -> None:
    if template_kind not in INVITATION_TEMPLATES:
        raise BatchError(_("Choose one of the two invitation templates."))
    if template_kind == TemplateKind.INVITATION_WEB and not unit_has_web_times(unit=round_.unit, now=now):
        raise BatchError(_("The invitation with web times needs free web booking times, and the unit has none. "
                           "Use the invitation via telephone."))


def _held_by_drafts(*, round_: Round, now: dt.datetime, except_batch: SendBatch | None = None):
    drafts = SendBatch.objects.filter(round=round_, status=BatchStatus.DRAFT, created_at__gte=now - DRAFT_HOLDS_FOR)
    if except_batch is not None:
        drafts = drafts.exclude(pk=except_batch.pk)
    return SendBatchItem.objects.filter(batch__in=drafts).values("participation_id")


def batch_candidates(*, round_: Round, filters: BatchFilters, limit: int, now: dt.datetime) -> list[Participation]:
    """The first `limit` selected participations in the round's random order that match the filters."""
    queryset = (
        Participation.objects.filter(round=round_, state=ParticipationState.SELECTED)
        .exclude(pk__in=_held_by_drafts(round_=round_, now=now))
        .select_related("person")
        .order_by("position")
    )
    if filters.ages:
        queryset = queryset.filter(person__birth_date__year__in=[round_.year - age for age in filters.ages])
    picked: list[Participation] = []
    for participation in queryset.iterator(chunk_size=500):
        if filters.reachability:
            routing = route_person(facts_for(participation.person, unit_id=round_.unit_id))
            if routing.route != filters.reachability:
                continue
        picked.append(participation)
        if len(picked) >= limit:
            break
    return picked


def batch_create(
    *, round_: Round, template_kind: str, size: int, filters: BatchFilters, actor: Actor,
    confirm_large: bool = False, now: dt.datetime | None = None,
) -> SendBatch:
    now = now or timezone.now()
    if not 1 <= size <= MAX_BATCH_SIZE:
        raise BatchError(_("A batch has 1 to %(max)d people.") % {"max": MAX_BATCH_SIZE})
    if size > RECOMMENDED_BATCH_SIZE and not confirm_large:
        raise BatchError(_("The recommendation is at most %(n)d people per batch. Confirm that you want a larger "
                           "batch.") % {"n": RECOMMENDED_BATCH_SIZE})
    template_check(template_kind=template_kind, round_=round_, now=now)
    with transaction.atomic():
        Round.objects.select_for_update().filter(pk=round_.pk).first()  # one batch is built at a time per round
        picked = batch_candidates(round_=round_, filters=filters, limit=size, now=now)
        if not picked:
            raise NoOneToInvite(_("No one left to invite with these filters."))
        batch = SendBatch.objects.create(
            unit=round_.unit, round=round_, template_kind=template_kind, status=BatchStatus.DRAFT,
            status_changed_at=now, filters=asdict(filters), created_at=now, created_by=actor.user,
        )
        SendBatchEvent.objects.create(batch=batch, from_status="", to_status=BatchStatus.DRAFT, at=now,
                                      actor_name=actor.name[:150], actor_user=actor.user)
        SendBatchItem.objects.bulk_create(
            [SendBatchItem(batch=batch, participation=p, position=i) for i, p in enumerate(picked, start=1)]
        )
    return batch


def _require_draft(batch: SendBatch) -> None:
    if batch.status != BatchStatus.DRAFT:
        raise BatchError(_("The batch has already been sent or discarded."))


def batch_remove_person(*, batch: SendBatch, participation_id: int) -> int:
    """Take one person out of a batch that has not been sent; returns how many are left."""
    _require_draft(batch)
    batch.items.filter(participation_id=participation_id).delete()
    return batch.items.count()


def batch_save_message(*, batch: SendBatch, message: str) -> SendBatch:
    _require_draft(batch)
    SendBatch.objects.filter(pk=batch.pk, status=BatchStatus.DRAFT).update(message=message.strip())
    batch.message = message.strip()
    return batch


def batch_discard(*, batch: SendBatch, actor: Actor, now: dt.datetime | None = None) -> SendBatch:
    _require_draft(batch)
    return BATCH_MACHINE.transition(batch, BatchStatus.DISCARDED, actor_name=actor.name, actor_user=actor.user,
                                    now=now or timezone.now())


def participation_invite(
    *, participation: Participation, template_kind: str, message_text: str, actor: Actor, now: dt.datetime,
    templates: TemplateCache | None = None,
) -> InviteOutcome:
    """Route one selected participation and invite it through that channel (or exclude it with the reason)."""
    if participation.state != ParticipationState.SELECTED:
        return InviteOutcome(Route.SKIPPED)
    person, unit = participation.person, participation.round.unit
    routing = route_person(facts_for(person, unit_id=unit.pk))
    audit = Auditor(actor.with_unit(unit), now=now)
    if routing.route == Route.EXCLUDED:
        try:
            PARTICIPATION_MACHINE.transition(
                participation, ParticipationState.EXCLUDED, actor_name=actor.name, actor_user=actor.user, now=now,
                note=_("Excluded when the invitation was sent"), exit_reason=routing.reason,
            )
        except TransitionConflict:
            return InviteOutcome(Route.SKIPPED)
        audit.record(action=AccessAction.CHANGE, person=person, obj=participation,
                     detail=f"excluded from the invitation: {routing.reason}")
        return InviteOutcome(Route.EXCLUDED, routing.reason)
    try:
        PARTICIPATION_MACHINE.transition(participation, ParticipationState.INVITED, actor_name=actor.name,
                                         actor_user=actor.user, now=now, note=f"invited: {routing.route}",
                                         invited_via=routing.route)
    except TransitionConflict:
        return InviteOutcome(Route.SKIPPED)  # another batch invited them a moment ago
    if routing.route == Route.DIGITAL:
        case = case_open_for_invitation(participation=participation, template_kind=template_kind,
                                        message_text=message_text, actor=actor, now=now, templates=templates)
        audit.record(action=AccessAction.CHANGE, person=person, obj=case, detail="invited digitally")
        return InviteOutcome(Route.DIGITAL, case=case)
    kind = ContactKind.PHONE if routing.route == Route.PHONE else ContactKind.LETTER
    contact = contact_create(
        participation=participation, kind=kind, reason=ContactReason.INVITATION, message=message_text,
        idempotency_key=f"invitation-{kind}:participation-{participation.pk}", actor=actor, now=now,
    )
    return InviteOutcome(routing.route, routing.reason, contact=contact)


def batch_send(*, batch: SendBatch, actor: Actor, message: str | None = None,
               now: dt.datetime | None = None) -> BatchResult:
    """Invite everyone in the batch. A batch already sent returns its result and sends nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = SendBatch.objects.select_for_update(of=("self",)).select_related("round__unit").get(pk=batch.pk)
        if locked.status == BatchStatus.SENT:
            return BatchResult(counts=locked.counts, already_sent=True)
        _require_draft(locked)
        if message is not None:
            locked.message = message.strip()
        template_check(template_kind=locked.template_kind, round_=locked.round, now=now)
        counts = dict.fromkeys(COUNT_KEYS, 0)
        templates = TemplateCache(locked.round.unit)
        items = list(
            locked.items.select_related("participation__person", "participation__round__unit").order_by("position")
        )
        for item in items:
            outcome = participation_invite(participation=item.participation, template_kind=locked.template_kind,
                                           message_text=locked.message, actor=actor, now=now, templates=templates)
            counts[outcome.route] += 1
            item.route, item.route_reason = outcome.route, outcome.reason
            item.case, item.contact = outcome.case, outcome.contact
        SendBatchItem.objects.bulk_update(items, ["route", "route_reason", "case", "contact"])
        BATCH_MACHINE.transition(locked, BatchStatus.SENT, actor_name=actor.name, actor_user=actor.user, now=now,
                                 counts={str(k): v for k, v in counts.items()}, sent_at=now, sent_by=actor.user,
                                 message=locked.message)
    batch.refresh_from_db()
    return BatchResult(counts=batch.counts)
