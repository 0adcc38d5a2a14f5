"""What is waiting for the unit's case handlers (the start page's tiles)."""

from __future__ import annotations

from django.db.models import Count, Q

from invitations.models import CaseStatus, ContactKind, ContactStatus
from invitations.selectors.cases import _cases
from invitations.selectors.contacts import contacts_for_user
from population.models import CareUnit, StaffUser


def work_counts(*, user: StaffUser, unit: CareUnit) -> dict[str, int]:
    """Cases assigned to me, answered cases, people to call and letters to print (two queries)."""
    cases = _cases(user=user, unit=unit).exclude(status=CaseStatus.CLOSED).aggregate(
        mine=Count("id", filter=Q(assignee=user)),
        answered=Count("id", filter=Q(status=CaseStatus.ANSWERED)),
    )
    contacts = contacts_for_user(user=user, unit=unit).filter(status=ContactStatus.OPEN).aggregate(
        to_call=Count("id", filter=Q(kind=ContactKind.PHONE)),
        to_print=Count("id", filter=Q(kind=ContactKind.LETTER)),
    )
    return {**cases, **contacts}
