from django.contrib import admin

from invitations.models import Round
from rhs_portal.admin_scoping import ScopedAdminMixin


@admin.register(Round)
class RoundAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_admin_permissions = frozenset({"view", "change"})
    list_display = ["unit", "year", "ages", "created_at"]
    list_filter = ["year", "unit"]
    readonly_fields = ["seed", "created_by", "created_at"]
