"""Reads of the phone list and the letter list (contacts of participations)."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404

from invitations.models import Contact, ContactKind, ContactStatus
from invitations.selectors.rounds import _unit_ids
from population.models import CareUnit, StaffUser
from rhs_portal.roles import Capability


def contacts_for_user(*, user: StaffUser, unit: CareUnit) -> QuerySet[Contact]:
    return Contact.objects.filter(unit__in=_unit_ids(user=user, unit=unit, capability=Capability.CASE_HANDLE))


def contact_list(*, user: StaffUser, unit: CareUnit, kind: str, statuses=(ContactStatus.OPEN,)) -> QuerySet[Contact]:
    return (
        contacts_for_user(user=user, unit=unit)
        .filter(kind=kind, status__in=statuses)
        .annotate(age=F("participation__round__year") - ExtractYear("participation__person__birth_date"))
        .select_related("participation__person", "participation__round", "case")
    )


def phone_list(*, user: StaffUser, unit: CareUnit) -> QuerySet[Contact]:
    return contact_list(user=user, unit=unit, kind=ContactKind.PHONE)


def letter_list(*, user: StaffUser, unit: CareUnit) -> QuerySet[Contact]:
    return contact_list(user=user, unit=unit, kind=ContactKind.LETTER)


def contact_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int, kind: str | None = None) -> Contact:
    contacts = contacts_for_user(user=user, unit=unit).select_related("participation__person", "participation__round")
    if kind:
        contacts = contacts.filter(kind=kind)
    return get_object_or_404(contacts, pk=pk)


def contacts_by_ids(*, user: StaffUser, unit: CareUnit, ids: list[int], kind: str) -> QuerySet[Contact]:
    return contacts_for_user(user=user, unit=unit).filter(pk__in=ids, kind=kind)
