"""Staff of a unit, as the invitations pages need them (who can be given cases)."""

from __future__ import annotations

from django.db.models import QuerySet

from population.models import CareUnit, StaffUser
from rhs_portal.roles import Capability, roles_with


def case_handlers_of_unit(*, unit: CareUnit) -> QuerySet[StaffUser]:
    """Active staff whose role at the unit lets them handle cases (the ärendehanterare and others)."""
    return (
        StaffUser.objects.filter(
            is_active=True, memberships__unit=unit, memberships__role__in=roles_with(Capability.CASE_HANDLE)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
