"""Django admin limited to what an administrator may administer.

Superusers see everything. A region administrator sees the objects of their
regions' units; a unit administrator (who must also be `is_staff`) sees only
their units' objects, and only the models whose admin says so. Every admin
class for our models uses `ScopedAdminMixin`; its scoping tests live in
tests/security/test_admin_scoping.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import admin
from django.db.models import Q

from rhs_portal.roles import RegionRoleKind, Role


@dataclass(frozen=True)
class AdminScope:
    superuser: bool
    region_ids: frozenset[int]
    unit_ids: frozenset[int]  # units administered directly (unit admin role)

    @property
    def is_region_admin(self) -> bool:
        return bool(self.region_ids)

    @property
    def any(self) -> bool:
        return self.superuser or bool(self.region_ids or self.unit_ids)


def admin_scope(request) -> AdminScope:
    cached = getattr(request, "_admin_scope", None)
    if cached is not None:
        return cached
    from population.models import Membership, RegionRole

    user = request.user
    if not (user.is_active and user.is_staff):
        scope = AdminScope(False, frozenset(), frozenset())
    elif user.is_superuser:
        scope = AdminScope(True, frozenset(), frozenset())
    else:
        scope = AdminScope(
            False,
            frozenset(RegionRole.objects.filter(user=user, role=RegionRoleKind.REGION_ADMIN).values_list(
                "region_id", flat=True)),
            frozenset(Membership.objects.filter(user=user, role=Role.UNIT_ADMIN).values_list("unit_id", flat=True)),
        )
    request._admin_scope = scope
    return scope


class ScopedAdminMixin:
    """Scope an admin by the lookup paths from the model to its unit and region.

    unit_path: e.g. "unit" or "round__unit" (None when the model has no unit).
    region_path: e.g. "unit__region" or "region".
    unit_admin_permissions: what a unit administrator may do here.
    """

    unit_path: str | None = "unit"
    region_path: str | None = "unit__region"
    unit_admin_permissions: frozenset[str] = frozenset()
    region_admin_permissions: frozenset[str] = frozenset({"view", "add", "change"})

    def scope_filter(self, scope: AdminScope) -> Q:
        condition = Q(pk__in=[])
        if scope.region_ids and self.region_path:
            condition |= Q(**{f"{self.region_path}__in": scope.region_ids})
        if scope.unit_ids and self.unit_path:
            condition |= Q(**{f"{self.unit_path}__in": scope.unit_ids})
        return condition

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        scope = admin_scope(request)
        if scope.superuser:
            return queryset
        return queryset.filter(self.scope_filter(scope)).distinct()

    def _allowed(self, request, action: str, obj=None) -> bool:
        scope = admin_scope(request)
        if scope.superuser:
            return True
        allowed = (scope.region_ids and action in self.region_admin_permissions) or (
            scope.unit_ids and action in self.unit_admin_permissions
        )
        if not allowed:
            return False
        if obj is not None:
            return self.get_queryset(request).filter(pk=obj.pk).exists()
        return True

    def has_module_permission(self, request):
        return self._allowed(request, "view")

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, "view", obj) or self._allowed(request, "change", obj)

    def has_add_permission(self, request, *args):
        return self._allowed(request, "add")

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, "delete", obj)

    def scoped_units(self, request):
        from population.models import CareUnit

        scope = admin_scope(request)
        units = CareUnit.objects.all()
        if scope.superuser:
            return units
        return units.filter(Q(region__in=scope.region_ids) | Q(pk__in=scope.unit_ids))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        from population.models import CareUnit, Region

        scope = admin_scope(request)
        if not scope.superuser:
            if db_field.related_model is CareUnit:
                kwargs["queryset"] = self.scoped_units(request)
            elif db_field.related_model is Region:
                kwargs["queryset"] = Region.objects.filter(pk__in=scope.region_ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PortalAdminSite(admin.AdminSite):
    site_header = "RHS-portalen – administration"
    site_title = "RHS-portalen"
    index_title = "Administration"

    def has_permission(self, request):
        return request.user.is_active and request.user.is_staff and admin_scope(request).any


class NationalOrRegionalAdminMixin(ScopedAdminMixin):
    """Reference data that is national (region empty) or a region's own.

    Region administrators see the national rows and their regions' rows, and change only
    their own; national rows are changed by superusers. `region_path` names the region.
    """

    unit_path = None
    region_path = "region"

    def scope_filter(self, scope: AdminScope) -> Q:
        return super().scope_filter(scope) | Q(**{f"{self.region_path}__isnull": True})

    def is_national(self, obj) -> bool:
        *path, last = self.region_path.split("__")
        for part in path:
            obj = getattr(obj, part)
        return getattr(obj, f"{last}_id") is None

    def has_change_permission(self, request, obj=None):
        if obj is not None and self.is_national(obj) and not admin_scope(request).superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.is_national(obj) and not admin_scope(request).superuser:
            return False
        return super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        field = form.base_fields.get(self.region_path)
        if field is not None:  # a region administrator names their region
            field.required = not admin_scope(request).superuser
        return form
