from django.contrib import admin

from responses.models import Appointment, CallAttempt, LabCodeMapping
from rhs_portal.admin_scoping import ScopedAdminMixin, admin_scope


@admin.register(LabCodeMapping)
class LabCodeMappingAdmin(admin.ModelAdmin):
    """The lab codes are shared reference data: region administrators maintain them."""

    list_display = ["code", "analyte", "unit", "note"]
    list_filter = ["analyte"]
    search_fields = ["code", "note"]

    def _allowed(self, request) -> bool:
        scope = admin_scope(request)
        return scope.superuser or scope.is_region_admin

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)


@admin.register(Appointment)
class AppointmentAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Read-only: bookings change on the booking pages (status through APPOINTMENT_MACHINE)."""

    unit_path = "participation__round__unit"
    region_path = "participation__round__unit__region"
    unit_admin_permissions = frozenset({"view"})
    region_admin_permissions = frozenset({"view"})
    list_display = ["slot", "participation", "status", "booked_via", "booked_at"]
    list_filter = ["status", "booked_via"]
    list_select_related = ["slot__nurse", "participation__person", "participation__round__unit"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]


@admin.register(CallAttempt)
class CallAttemptAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Read-only: calls are logged on the call list and never changed afterwards."""

    unit_path = "contact__unit"
    region_path = "contact__unit__region"
    unit_admin_permissions = frozenset({"view"})
    region_admin_permissions = frozenset({"view"})
    list_display = ["at", "participation", "number", "outcome", "call_back_at", "by_name"]
    list_filter = ["outcome"]
    list_select_related = ["participation__person", "participation__round__unit"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]
