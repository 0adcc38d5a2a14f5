from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from population.models import AccessLogEntry, CareUnit, Membership, Region, RegionRole, StaffUser
from rhs_portal.admin_scoping import ScopedAdminMixin, admin_scope


@admin.register(Region)
class RegionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_path = None
    region_path = "pk"
    region_admin_permissions = frozenset({"view", "change"})
    list_display = ["name", "code", "default_ages"]
    search_fields = ["name", "code"]


class MembershipInline(ScopedAdminMixin, admin.TabularInline):
    model = Membership
    extra = 1
    unit_admin_permissions = frozenset({"view", "add", "change", "delete"})
    region_admin_permissions = frozenset({"view", "add", "change", "delete"})
    autocomplete_fields = ["user"]


@admin.register(CareUnit)
class CareUnitAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_path = "pk"
    region_path = "region"
    unit_admin_permissions = frozenset({"view", "change"})
    region_admin_permissions = frozenset({"view", "add", "change"})
    list_display = ["name", "hsa_id", "region", "phone"]
    list_filter = ["region"]
    search_fields = ["name", "hsa_id"]
    inlines = [MembershipInline]

    def get_readonly_fields(self, request, obj=None):
        scope = admin_scope(request)
        if scope.superuser or scope.is_region_admin:
            return []
        return ["region", "hsa_id"]


@admin.register(Membership)
class MembershipAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_admin_permissions = frozenset({"view", "add", "change", "delete"})
    region_admin_permissions = frozenset({"view", "add", "change", "delete"})
    list_display = ["user", "unit", "role", "created_at"]
    list_filter = ["role", "unit"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["user"]


class StaffUserScopedForm(forms.ModelForm):
    class Meta:
        model = StaffUser
        fields = ["username", "first_name", "last_name", "email", "hsa_id", "is_active"]


@admin.register(StaffUser)
class StaffUserAdmin(ScopedAdminMixin, UserAdmin):
    """Unit administrators see and add the staff of their units; only superusers grant admin rights."""

    unit_path = "memberships__unit"
    region_path = "memberships__unit__region"
    unit_admin_permissions = frozenset({"view", "add", "change"})
    list_display = ["username", "first_name", "last_name", "hsa_id", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "email", "hsa_id"]
    fieldsets = UserAdmin.fieldsets + ((_("Region login"), {"fields": ["hsa_id"]}),)

    def scope_filter(self, scope):
        # New staff without a membership yet stay visible to whoever may give them one.
        return (super().scope_filter(scope) | Q(memberships__isnull=True)) & Q(is_superuser=False)

    def get_fieldsets(self, request, obj=None):
        if admin_scope(request).superuser or obj is None:
            return super().get_fieldsets(request, obj)
        return [(None, {"fields": ["username", "first_name", "last_name", "email", "hsa_id", "is_active"]})]

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None and not admin_scope(request).superuser:
            kwargs["form"] = StaffUserScopedForm
        return super().get_form(request, obj, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        # The membership autocomplete needs every active staff member by name.
        if request.path.endswith("/autocomplete/"):
            queryset = StaffUser.objects.filter(is_active=True, is_superuser=False)
        return super().get_search_results(request, queryset, search_term)


@admin.register(RegionRole)
class RegionRoleAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_path = None
    region_path = "region"
    region_admin_permissions = frozenset({"view", "add", "change", "delete"})
    list_display = ["user", "region", "role"]
    autocomplete_fields = ["user"]


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Read-only: the access log cannot be changed or deleted, not even here."""

    unit_path = "unit"
    region_path = "unit__region"
    unit_admin_permissions = frozenset({"view"})
    region_admin_permissions = frozenset({"view"})
    list_display = ["at", "actor_name", "actor_kind", "unit", "action", "object_type", "detail"]
    list_filter = ["action", "actor_kind"]
    date_hierarchy = "at"
    search_fields = ["actor_name", "detail"]
    list_select_related = ["unit"]
    fields = ["at", "actor_kind", "actor_name", "actor_user", "unit", "action", "object_type", "object_id",
              "detail", "purpose"]
    readonly_fields = fields

    def scope_filter(self, scope):
        condition = super().scope_filter(scope)
        if scope.unit_ids:
            condition |= Q(person__listed_unit__in=scope.unit_ids)
        return condition

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}
