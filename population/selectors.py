"""Reads of organisation and population data, always scoped to the user.

Every queryset of personal data starts here and takes the user: a person
outside the user's units (or outside the active unit, when given) does not
exist for them (404).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from population.models import (
    AccessLogEntry,
    CareUnit,
    ImportStatus,
    Membership,
    Person,
    PopulationImport,
    Region,
    StaffUser,
)
from population.personnummer import InvalidPersonnummer, parse_personnummer
from rhs_portal.roles import Capability, roles_with


def units_for_user(*, user: StaffUser, capability: str | None = None) -> QuerySet[CareUnit]:
    if not user.is_authenticated:
        return CareUnit.objects.none()
    memberships = Membership.objects.filter(user=user)
    if capability:
        memberships = memberships.filter(role__in=roles_with(capability))
    return CareUnit.objects.filter(pk__in=memberships.values("unit_id")).select_related("region")


def roles_in_unit(*, user: StaffUser, unit_id: int) -> frozenset[str]:
    return frozenset(Membership.objects.filter(user=user, unit_id=unit_id).values_list("role", flat=True))


def _scoped_unit_ids(*, user: StaffUser, unit: CareUnit | None, capability: str):
    units = units_for_user(user=user, capability=capability)
    if unit is not None:
        units = units.filter(pk=unit.pk)
    return units.values("pk")


def persons_for_user(*, user: StaffUser, unit: CareUnit | None = None, capability: str = Capability.PERSON_VIEW):
    return Person.objects.filter(listed_unit__in=_scoped_unit_ids(user=user, unit=unit, capability=capability))


def person_get_for_user(*, user: StaffUser, unit: CareUnit | None, pk: int) -> Person:
    return get_object_or_404(persons_for_user(user=user, unit=unit).select_related("listed_unit"), pk=pk)


def person_search(*, user: StaffUser, unit: CareUnit, query: str) -> QuerySet[Person]:
    """Search by personnummer (any common form) or by name parts."""
    persons = persons_for_user(user=user, unit=unit)
    query = (query or "").strip()
    if not query:
        return persons.none()
    digits = query.replace("-", "").replace("+", "").replace(" ", "")
    if digits.isdigit():
        try:
            return persons.filter(personnummer=parse_personnummer(query).number)
        except InvalidPersonnummer:
            return persons.filter(personnummer__contains=digits) if len(digits) >= 6 else persons.none()
    condition = Q()
    for part in query.split()[:4]:
        condition &= Q(first_name__icontains=part) | Q(last_name__icontains=part)
    return persons.filter(condition)


def imports_for_user(*, user: StaffUser, unit: CareUnit) -> QuerySet[PopulationImport]:
    return PopulationImport.objects.filter(
        unit__in=_scoped_unit_ids(user=user, unit=unit, capability=Capability.POPULATION_IMPORT)
    ).select_related("uploaded_by", "committed_by")


def import_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int) -> PopulationImport:
    return get_object_or_404(imports_for_user(user=user, unit=unit), pk=pk)


def access_log_for_user(*, user: StaffUser, unit: CareUnit) -> QuerySet[AccessLogEntry]:
    """Log rows written in the unit or about people listed there."""
    unit_ids = _scoped_unit_ids(user=user, unit=unit, capability=Capability.ACCESS_LOG_VIEW)
    return AccessLogEntry.objects.filter(
        Q(unit__in=unit_ids) | Q(person__listed_unit__in=unit_ids)
    ).select_related("actor_user", "person", "unit")


def staff_of_unit(*, user: StaffUser, unit: CareUnit) -> QuerySet[StaffUser]:
    unit_ids = _scoped_unit_ids(user=user, unit=unit, capability=Capability.UNIT_OVERVIEW)
    return StaffUser.objects.filter(memberships__unit__in=unit_ids).distinct().order_by("last_name", "first_name")


def imports_awaiting_review(*, user: StaffUser, unit: CareUnit) -> QuerySet[PopulationImport]:
    return imports_for_user(user=user, unit=unit).filter(status=ImportStatus.PREVIEWED)


def regions_for_help(*, unit: CareUnit | None):
    """Support contacts: the active unit's region, or every region on public pages."""
    if unit is not None:
        return [unit.region]
    return list(Region.objects.all())


def has_region_role(*, user: StaffUser) -> bool:
    return user.is_authenticated and user.region_roles.exists()
