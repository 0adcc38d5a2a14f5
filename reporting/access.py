"""Who may see which statistics, and whether small cells are hidden from them.

Unit scope: the active unit, for roles with Capability.STATISTICS_VIEW
(statistiker, enhetsadministratör). Region scope: every unit of a region, for
region administrators and region statisticians. Cells under SMALL_CELL are
shown as "<5" to anyone who may not see the scope's personal data (ADR 10).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from population.models import CareUnit, Membership, Region
from rhs_portal.roles import Capability, RegionRoleKind, roles_with

SMALL_CELL = 5


@dataclass(frozen=True)
class StatsScope:
    kind: str  # "unit" | "region"
    region: Region
    unit_ids: tuple[int, ...]
    label: str
    suppress: bool

    @property
    def is_region(self) -> bool:
        return self.kind == "region"


def region_scopes_for(user) -> list[Region]:
    if not user.is_authenticated:
        return []
    return list(
        Region.objects.filter(
            staff_roles__user=user,
            staff_roles__role__in=[RegionRoleKind.REGION_ADMIN, RegionRoleKind.REGION_STATISTICIAN],
        ).distinct()
    )


def _sees_personal_data(user, unit_ids) -> bool:
    allowed = set(
        Membership.objects.filter(user=user, unit_id__in=unit_ids, role__in=roles_with(Capability.PERSON_VIEW))
        .values_list("unit_id", flat=True)
    )
    return bool(unit_ids) and allowed >= set(unit_ids)


def resolve_scope(request) -> StatsScope | None:
    """The scope asked for (`?scope=region`) if the user may have it, else the active unit's."""
    user = request.user
    staff = request.staff
    regions = region_scopes_for(user)
    wants_region = request.GET.get("scope") == "region" or not (staff and staff.can(Capability.STATISTICS_VIEW))
    if wants_region and regions:
        region = next((r for r in regions if staff and staff.unit and staff.unit.region_id == r.pk), regions[0])
        unit_ids = tuple(CareUnit.objects.filter(region=region).values_list("pk", flat=True))
        return StatsScope("region", region, unit_ids, region.name, not _sees_personal_data(user, unit_ids))
    if staff and staff.can(Capability.STATISTICS_VIEW):
        unit = staff.unit
        return StatsScope("unit", unit.region, (unit.pk,), unit.name, not _sees_personal_data(user, (unit.pk,)))
    return None


def statistics_view(view):
    """Login, then a unit role with STATISTICS_VIEW in the active unit or a region role; else 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        scope = resolve_scope(request)
        if scope is None:
            raise PermissionDenied(Capability.STATISTICS_VIEW)
        request.stats_scope = scope
        return view(request, *args, **kwargs)

    wrapped.required_capability = Capability.STATISTICS_VIEW
    return wrapped

