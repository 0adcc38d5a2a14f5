"""Reference data of the visit in Django admin: KVÅ codes, contact reasons, and a region's settings."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rhs_portal.admin_scoping import NationalOrRegionalAdminMixin, ScopedAdminMixin
from visits.models import ContactReason, KvaCode, VisitSettings


@admin.register(KvaCode)
class KvaCodeAdmin(NationalOrRegionalAdminMixin, admin.ModelAdmin):
    """The national list ships with the portal (codes not yet checked are marked 'verify');
    a region adds its own codes or replaces a national one with the same code."""

    region_admin_permissions = frozenset({"view", "add", "change", "delete"})
    list_display = ["code", "text", "habit", "level", "needs_verification", "active", "region_name"]
    list_filter = ["habit", "level", "needs_verification", "active", "region"]
    search_fields = ["code", "text"]

    @admin.display(description=_("region"))
    def region_name(self, obj):
        return obj.region or _("National")


@admin.register(ContactReason)
class ContactReasonAdmin(NationalOrRegionalAdminMixin, admin.ModelAdmin):
    """Kontaktorsak per region; the journal note offers the region's list (or the national one)."""

    region_admin_permissions = frozenset({"view", "add", "change", "delete"})
    list_display = ["text", "is_default", "active", "order", "region"]
    list_filter = ["region", "active"]


@admin.register(VisitSettings)
class VisitSettingsAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_path = None
    region_path = "region"
    region_admin_permissions = frozenset({"view", "add", "change"})
    list_display = ["region", "chart"]
