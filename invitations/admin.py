from django import forms
from django.contrib import admin
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext_lazy as _

from invitations.models import ContactTimings, MessageTemplate, MessageTemplateVersion, Round, StandardText
from invitations.services.template_text import (
    PLACEHOLDERS,
    TemplateTextError,
    check_template_text,
    render_template_text,
    unknown_placeholders,
)
from invitations.services.templates import template_save
from rhs_portal.admin_scoping import ScopedAdminMixin, admin_scope


@admin.register(Round)
class RoundAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_admin_permissions = frozenset({"view", "change"})
    list_display = ["unit", "year", "ages", "created_at"]
    list_filter = ["year", "unit"]
    readonly_fields = ["seed", "created_by", "created_at"]


SAMPLE_CONTEXT = {
    "name": "Anna Andersson", "unit": "Vårdcentralen Exempelby", "unit_phone": "070-174 06 05",
    "link": "https://rhs.example.se/invanare/…/", "deadline": "30 april 2026", "date": "12 maj 2026",
    "time": "09:00", "place": "Exempelgatan 1, Exempelby",
}


class RegionOrUnitForm(forms.ModelForm):
    """Region administrators pick the region (and a unit for an override); unit administrators one of their units."""

    def __init__(self, *args, region_admin: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.region_admin = region_admin
        if not region_admin:
            # A unit administrator writes the unit's own rows only; the region follows the unit.
            self.fields.pop("region", None)
            if "unit" in self.fields:
                self.fields["unit"].required = True

    def clean(self):
        cleaned = super().clean()
        unit, region = cleaned.get("unit"), cleaned.get("region")
        if unit is not None and region is not None and unit.region_id != region.pk:
            self.add_error("unit", _("The unit belongs to another region."))
        return cleaned

    def _post_clean(self):
        if not self.region_admin and self.cleaned_data.get("unit") is not None:
            self.instance.region_id = self.cleaned_data["unit"].region_id
        super()._post_clean()


class RegionOrUnitAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_path = "unit"
    region_path = "region"
    unit_admin_permissions = frozenset({"view", "add", "change", "delete"})
    region_admin_permissions = frozenset({"view", "add", "change", "delete"})
    edit_fields: list[str] = []

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        scope = admin_scope(request)
        region_admin = scope.superuser or scope.is_region_admin

        class ScopedForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, region_admin=region_admin, **inner)

        return ScopedForm

    def get_fields(self, request, obj=None):
        fields = [*self.edit_fields, *self.readonly_fields]
        scope = admin_scope(request)
        if not (scope.superuser or scope.is_region_admin):
            fields.remove("region")
        return fields


class MessageTemplateForm(RegionOrUnitForm):
    class Meta:
        model = MessageTemplate
        fields = ["region", "unit", "kind", "language", "subject", "body"]

    def clean(self):
        cleaned = super().clean()
        for name in ("subject", "body"):
            try:
                check_template_text(cleaned.get(name) or "")
            except TemplateTextError as exc:
                self.add_error(name, str(exc))
        unknown = unknown_placeholders((cleaned.get("subject") or "") + (cleaned.get("body") or ""))
        if unknown:
            self.add_error("body", _("Unknown placeholders (they would be empty): %(names)s. Use: %(known)s.")
                           % {"names": ", ".join(unknown), "known": ", ".join(PLACEHOLDERS)})
        return cleaned


class VersionInline(admin.TabularInline):
    model = MessageTemplateVersion
    extra = 0
    can_delete = False
    fields = ["number", "created_at", "created_by", "subject"]
    readonly_fields = fields
    verbose_name_plural = _("earlier versions (messages keep the version they were sent with)")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MessageTemplate)
class MessageTemplateAdmin(RegionOrUnitAdmin):
    """Region administrators edit the region's texts; unit administrators the unit's overrides."""

    form = MessageTemplateForm
    edit_fields = ["region", "unit", "kind", "language", "subject", "body"]
    list_display = ["kind", "language", "owner", "subject", "version", "updated_at"]
    list_filter = ["kind", "language", "region"]
    search_fields = ["subject", "body", "unit__name"]
    readonly_fields = ["version", "updated_at", "updated_by", "preview"]
    inlines = [VersionInline]

    def has_delete_permission(self, request, obj=None):
        # A region's own text is never removed (every kind must exist); a unit's override may be.
        if obj is not None and obj.unit_id is None:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("for"))
    def owner(self, obj):
        return obj.unit.name if obj.unit_id else format_html("<strong>{}</strong>", obj.region.name)

    @admin.display(description=_("preview with example values"))
    def preview(self, obj):
        if not obj.pk:
            return "—"
        try:
            subject = render_template_text(obj.subject, SAMPLE_CONTEXT)
            body = render_template_text(obj.body, SAMPLE_CONTEXT)
        except TemplateTextError as exc:
            return str(exc)
        direction = "rtl" if obj.language in ("ar", "fa", "ku") else "ltr"
        return format_html('<div dir="{}"><strong>{}</strong>{}</div>', direction, subject, linebreaks(body))

    def save_model(self, request, obj, form, change):
        template_save(template=obj, user=request.user)


class StandardTextForm(RegionOrUnitForm):
    class Meta:
        model = StandardText
        fields = ["region", "unit", "title", "text", "position"]


@admin.register(StandardText)
class StandardTextAdmin(RegionOrUnitAdmin):
    form = StandardTextForm
    edit_fields = ["region", "unit", "title", "text", "position"]
    list_display = ["title", "region", "unit", "position"]
    list_filter = ["region"]


@admin.register(ContactTimings)
class ContactTimingsAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The region's reminder timeline; region administrators only (unit administrators see it)."""

    unit_path = None
    region_path = "region"
    unit_admin_permissions = frozenset({"view"})
    region_admin_permissions = frozenset({"view", "add", "change"})
    list_display = ["region", "auto_reminder_days", "manual_reminder_days", "auto_close_days", "phone_attempts",
                    "letter_answer_days"]
