from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from notifications.models import Dispatch, MessageStatus, OutboxEvent, OutboxMessage
from notifications.services import message_requeue
from rhs_portal.admin_scoping import ScopedAdminMixin


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False


class OutboxEventInline(ReadOnlyInline):
    model = OutboxEvent
    fields = ["at", "from_status", "to_status", "actor_name", "note"]


class DispatchInline(ReadOnlyInline):
    model = Dispatch
    fields = ["sent_at", "medium", "address", "subject", "copy_path"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The whole outbox, for the portal's operators (superusers): the app knows no units to scope by."""

    unit_path = None
    region_path = None
    region_admin_permissions = frozenset()
    list_display = ["created_at", "kind", "channel", "recipient_name", "status", "attempts", "sent_at", "read_at"]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["idempotency_key", "subject_ref", "recipient_name"]
    inlines = [OutboxEventInline, DispatchInline]
    actions = ["send_again"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request, *args):
        return False

    @admin.action(description=_("Send the failed messages again"))
    def send_again(self, request, queryset):
        count = 0
        for message in queryset.filter(status=MessageStatus.FAILED):
            message_requeue(message=message, actor_name=request.user.get_username(), actor_user=request.user)
            count += 1
        self.message_user(request, _("%(n)d message(s) queued again.") % {"n": count}, messages.SUCCESS)
