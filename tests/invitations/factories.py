"""Factories for invitations' cases, contacts and batches, taking domain arguments.

`case_for(unit=u, status="answered", template="invitation_phone")` gives an invitation case of a person
listed at `u` in `u`'s round; `participation_in(unit=u, reachability="missing", no_phone=True)` a
selected participation of such a person.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from invitations.models import (
    CaseStatus,
    Contact,
    ContactKind,
    ContactReason,
    ContactStatus,
    InvitationCase,
    MessageTemplate,
    Participation,
    ParticipationState,
    Round,
)
from population.models import CareUnit
from tests.factories import CareUnitFactory, PersonFactory

_positions = iter(range(1, 10**9))


def round_for(unit: CareUnit, year: int = 2026) -> Round:
    round_, _ = Round.objects.get_or_create(unit=unit, year=year, defaults={"ages": [40, 50, 60], "seed": 4711})
    return round_


def participation_in(*, unit: CareUnit | None = None, state: str = ParticipationState.SELECTED, year: int = 2026,
                     age: int = 50, **person) -> Participation:
    unit = unit or CareUnitFactory()
    round_ = round_for(unit, year)
    return Participation.objects.create(
        round=round_, person=PersonFactory(unit=unit, age=age, year=year, **person), position=next(_positions),
        state=state, state_changed_at=timezone.now(),
    )


def case_for(*, unit: CareUnit | None = None, status: str = CaseStatus.SENT_UNREAD,
             template: str = "invitation_web", created_at: dt.datetime | None = None, assignee=None,
             participation: Participation | None = None, **person) -> InvitationCase:
    participation = participation or participation_in(unit=unit, state=ParticipationState.INVITED, **person)
    unit = participation.round.unit
    version = MessageTemplate.objects.get(region=unit.region, unit=None, kind=template, language="sv")
    at = created_at or timezone.now()
    return InvitationCase.objects.create(
        participation=participation, unit=unit, template_kind=template,
        template_version_id=version.current_version_id, status=status, status_changed_at=at, created_at=at,
        assignee=assignee, idempotency_key=f"test-case:{participation.pk}:{next(_positions)}",
    )


def contact_for(*, unit: CareUnit | None = None, kind: str = ContactKind.PHONE, status: str = ContactStatus.OPEN,
                participation: Participation | None = None, **person) -> Contact:
    participation = participation or participation_in(unit=unit, state=ParticipationState.INVITED, **person)
    return Contact.objects.create(
        participation=participation, unit=participation.round.unit, kind=kind, reason=ContactReason.INVITATION,
        status=status, status_changed_at=timezone.now(), created_at=timezone.now(),
        via_forwarding=kind == ContactKind.LETTER and participation.person.protected_identity,
        idempotency_key=f"test-contact:{participation.pk}:{next(_positions)}",
    )


def batch_for(*, unit: CareUnit | None = None, people: int = 1, template: str = "invitation_phone"):
    """A draft send batch of `people` selected participations of the unit's round."""
    from invitations.models import BatchStatus, SendBatch, SendBatchItem

    unit = unit or CareUnitFactory()
    participations = [participation_in(unit=unit) for _ in range(people)]
    batch = SendBatch.objects.create(unit=unit, round=round_for(unit), template_kind=template,
                                     status=BatchStatus.DRAFT, status_changed_at=timezone.now(),
                                     created_at=timezone.now())
    SendBatchItem.objects.bulk_create([SendBatchItem(batch=batch, participation=p, position=i)
                                       for i, p in enumerate(participations, start=1)])
    return batch


def letter_batch_for(*, unit: CareUnit | None = None, letters: int = 1, status: str = "done"):
    """A letter batch of `letters` letter contacts of the unit (no PDF)."""
    from invitations.models import Letter, LetterBatch

    unit = unit or CareUnitFactory()
    batch = LetterBatch.objects.create(unit=unit, status=status, status_changed_at=timezone.now(),
                                       created_at=timezone.now(), progress_total=letters)
    for i in range(letters):
        contact = contact_for(unit=unit, kind=ContactKind.LETTER, status=ContactStatus.IN_BATCH,
                              reachability="missing", no_phone=True)
        Letter.objects.create(batch=batch, contact=contact, position=i + 1)
    return batch
