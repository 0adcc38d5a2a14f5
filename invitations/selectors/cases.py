"""Reads of cases: the 1177-style work queues, counts, and one case with its history."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404

from invitations.models import CaseStatus, CitizenLink, Contact, InvitationCase
from invitations.selectors.rounds import _unit_ids
from notifications import selectors as outbox
from population.models import CareUnit, StaffUser
from rhs_portal.roles import Capability

QUEUE_MINE, QUEUE_UNIT, QUEUE_ALL = "mine", "unit", "all"
UNASSIGNED = 0


@dataclass(frozen=True)
class CaseFilters:
    queue: str = QUEUE_ALL  # mine: assigned to me; unit: not assigned to anyone yet; all
    status: str = ""
    template: str = ""
    age: int | None = None
    assignee: int | None = None  # a user id, or UNASSIGNED
    include_closed: bool = False


def _cases(*, user: StaffUser, unit: CareUnit | None) -> QuerySet[InvitationCase]:
    return InvitationCase.objects.filter(unit__in=_unit_ids(user=user, unit=unit, capability=Capability.CASE_HANDLE))


def _apply_queue(queryset, *, user: StaffUser, queue: str):
    if queue == QUEUE_MINE:
        return queryset.filter(assignee=user)
    if queue == QUEUE_UNIT:
        return queryset.filter(assignee__isnull=True)
    return queryset


def cases_for_user(*, user: StaffUser, unit: CareUnit | None, filters: CaseFilters | None = None,
                   ) -> QuerySet[InvitationCase]:
    """The cases of the queue and filters, with person, round and assignee joined and the age annotated."""
    filters = filters or CaseFilters()
    queryset = _apply_queue(_cases(user=user, unit=unit), user=user, queue=filters.queue)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    elif not filters.include_closed:
        queryset = queryset.exclude(status=CaseStatus.CLOSED)
    if filters.template:
        queryset = queryset.filter(template_kind=filters.template)
    if filters.assignee == UNASSIGNED:
        queryset = queryset.filter(assignee__isnull=True)
    elif filters.assignee:
        queryset = queryset.filter(assignee_id=filters.assignee)
    queryset = queryset.annotate(
        age=F("participation__round__year") - ExtractYear("participation__person__birth_date")
    )
    if filters.age:
        queryset = queryset.filter(age=filters.age)
    return queryset.select_related("participation__person", "participation__round", "assignee")


def status_counts(*, user: StaffUser, unit: CareUnit, filters: CaseFilters) -> dict[str, int]:
    """Cases per status in the queue, with the other filters applied (one query)."""
    base = cases_for_user(user=user, unit=unit, filters=CaseFilters(
        queue=filters.queue, template=filters.template, age=filters.age, assignee=filters.assignee,
        include_closed=True,
    ))
    rows = base.order_by().values("status").annotate(n=Count("id"))
    counts = dict.fromkeys(CaseStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def queue_counts(*, user: StaffUser, unit: CareUnit) -> dict[str, int]:
    """Open cases in each of the three queues (one query)."""
    open_cases = _cases(user=user, unit=unit).exclude(status=CaseStatus.CLOSED)
    return open_cases.aggregate(
        mine=Count("id", filter=Q(assignee=user)),
        unit=Count("id", filter=Q(assignee__isnull=True)),
        all=Count("id"),
    )


def case_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int) -> InvitationCase:
    return get_object_or_404(
        _cases(user=user, unit=unit).select_related(
            "participation__person", "participation__round__unit", "assignee", "created_by"
        ),
        pk=pk,
    )


def case_timeline(case: InvitationCase) -> list[dict]:
    """Status changes and assignments, oldest first."""
    events = [
        {"at": e.at, "actor": e.actor_user or e.actor_name, "from_status": e.from_status, "to_status": e.to_status,
         "note": e.note, "kind": "status"}
        for e in case.events.select_related("actor_user")
    ]
    assignments = [
        {"at": a.at, "actor": a.actor_user or a.actor_name, "assignee": a.assignee, "kind": "assignment"}
        for a in case.assignments.select_related("actor_user", "assignee")
    ]
    return sorted(chain(events, assignments), key=lambda row: row["at"])


def personal_link_of(case: InvitationCase) -> CitizenLink | None:
    """The participation's current personal link (None when it has none or it was closed)."""
    return case.participation.links.filter(revoked_at__isnull=True).order_by("-created_at").first()


def case_messages(case: InvitationCase):
    """The messages sent in the case (invitation, reminders, replies), oldest first, with read times."""
    return outbox.messages_for_subjects(subject_refs=[case.subject_ref])


def cases_of_person(*, user: StaffUser, unit: CareUnit, person) -> QuerySet[InvitationCase]:
    return _cases(user=user, unit=unit).filter(participation__person=person).select_related(
        "participation__round", "assignee"
    ).order_by("-created_at")


def contacts_of_person(*, user: StaffUser, unit: CareUnit, person) -> QuerySet[Contact]:
    return Contact.objects.filter(
        unit__in=_unit_ids(user=user, unit=unit, capability=Capability.PERSON_VIEW), participation__person=person
    ).select_related("participation__round").order_by("-created_at")


def contacts_of_case_participation(case: InvitationCase) -> QuerySet[Contact]:
    return Contact.objects.filter(participation=case.participation).order_by("created_at")


def cases_by_ids(*, user: StaffUser, unit: CareUnit, ids: list[int]) -> QuerySet[InvitationCase]:
    return _cases(user=user, unit=unit).filter(pk__in=ids).select_related("participation", "unit")
