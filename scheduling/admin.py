from django.contrib import admin

from rhs_portal.admin_scoping import ScopedAdminMixin
from scheduling.models import Room, Slot


@admin.register(Room)
class RoomAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_admin_permissions = frozenset({"view", "add", "change"})
    list_display = ["name", "unit", "directions", "is_active"]
    list_filter = ["is_active", "unit"]
    search_fields = ["name"]


@admin.register(Slot)
class SlotAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Read-only: times are created, blocked and removed on the web-times pages (status through SLOT_MACHINE)."""

    unit_admin_permissions = frozenset({"view"})
    region_admin_permissions = frozenset({"view"})
    list_display = ["starts_at", "ends_at", "nurse", "room", "status", "web_bookable", "unit"]
    list_filter = ["status", "web_bookable", "unit"]
    date_hierarchy = "starts_at"
    list_select_related = ["nurse", "room", "unit"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]
