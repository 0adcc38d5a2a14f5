from django.contrib import admin

from reminders.models import Reminder, ReminderEvent
from rhs_portal.admin_scoping import ScopedAdminMixin


class ReminderEventInline(admin.TabularInline):
    model = ReminderEvent
    extra = 0
    can_delete = False
    fields = ["at", "from_status", "to_status", "actor_name", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Reminder)
class ReminderAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Read-only: reminders are taken by the sweep and sent from the Påminnelser queue, never edited here.

    Administrators use it to answer "did this person get a reminder, and when?" and to follow a sweep run.
    """

    unit_admin_permissions = frozenset({"view"})
    region_admin_permissions = frozenset({"view"})
    list_display = ["created_at", "kind", "status", "participation", "unit", "sent_at", "sent_by", "run"]
    list_filter = ["kind", "status", "unit"]
    search_fields = ["run"]
    date_hierarchy = "created_at"
    list_select_related = ["participation__person", "participation__round__unit", "unit", "sent_by"]
    inlines = [ReminderEventInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]
