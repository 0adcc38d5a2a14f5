"""Reads of the call list and of a participation's answers and calls, scoped to the user's units.

The call list is one list of open phone contacts (invitation by phone, call
me, no answer, no-show, returned mail), oldest wait first. A contact whose
last call said "call later" is hidden until that time and then sorts by it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, ExtractYear
from django.shortcuts import get_object_or_404

from invitations.models import Contact, ContactKind, ContactStatus, Participation
from invitations.selectors import participations_for_user
from population.models import CareUnit, StaffUser
from responses.models import CallAttempt
from responses.selectors import _unit_ids
from rhs_portal.roles import Capability


def _phone_contacts(*, user: StaffUser, unit: CareUnit | None) -> QuerySet[Contact]:
    return Contact.objects.filter(
        unit__in=_unit_ids(user=user, unit=unit, capability=Capability.BOOKING_MANAGE), kind=ContactKind.PHONE
    )


def _with_calls(queryset: QuerySet[Contact]) -> QuerySet[Contact]:
    last = CallAttempt.objects.filter(contact=OuterRef("pk")).order_by("-number")
    return queryset.annotate(
        attempts=Count("call_attempts"),
        last_outcome=Subquery(last.values("outcome")[:1]),
        last_called_at=Subquery(last.values("at")[:1]),
        call_back_at=Subquery(last.values("call_back_at")[:1]),
    ).annotate(waiting_since=Coalesce("call_back_at", "created_at"))


def call_list(*, user: StaffUser, unit: CareUnit, now: dt.datetime) -> QuerySet[Contact]:
    """Open phone contacts due now, the longest wait first (a call-back time counts from that time)."""
    return (
        _with_calls(_phone_contacts(user=user, unit=unit).filter(status=ContactStatus.OPEN))
        .filter(Q(call_back_at__isnull=True) | Q(call_back_at__lte=now))
        .annotate(age=F("participation__round__year") - ExtractYear("participation__person__birth_date"))
        .select_related("participation__person", "participation__round", "participation__visit_needs", "case")
        .order_by("waiting_since", "id")
    )


def call_list_later(*, user: StaffUser, unit: CareUnit, now: dt.datetime) -> QuerySet[Contact]:
    """Contacts hidden until their call-back time, the next call-back first."""
    return (
        _with_calls(_phone_contacts(user=user, unit=unit).filter(status=ContactStatus.OPEN))
        .filter(call_back_at__gt=now)
        .select_related("participation__person")
        .order_by("call_back_at", "id")
    )


def call_contact_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int) -> Contact:
    return get_object_or_404(
        _phone_contacts(user=user, unit=unit).select_related(
            "participation__person", "participation__round__unit"
        ),
        pk=pk,
    )


def calls_of_contact(contact: Contact) -> QuerySet[CallAttempt]:
    return CallAttempt.objects.filter(contact=contact).select_related("by").order_by("number")


def participation_for_answer(*, user: StaffUser, unit: CareUnit, pk: int) -> Participation:
    return get_object_or_404(
        participations_for_user(user=user, unit=unit).select_related("person", "round__unit"), pk=pk
    )


def answers_and_calls_of_person(*, user: StaffUser, unit: CareUnit, person) -> list[Participation]:
    """The person's participations in the unit with their calls (newest first), for the person page."""
    participations = list(
        participations_for_user(user=user, unit=unit)
        .filter(person=person)
        .select_related("round")
        .order_by("-round__year")
    )
    calls: dict[int, list[CallAttempt]] = {}
    for attempt in (
        CallAttempt.objects.filter(participation__in=participations)
        .select_related("contact", "by")
        .order_by("-at", "-id")
    ):
        calls.setdefault(attempt.participation_id, []).append(attempt)
    for participation in participations:
        participation.call_list = calls.get(participation.pk, [])
    return participations
