"""Threshold tables in Django admin: region administrators add their region's versions, validated on save."""

from __future__ import annotations

import datetime as dt
import json

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from halsokurva.models import ThresholdTable
from halsokurva.table import validate_table
from rhs_portal.admin_scoping import NationalOrRegionalAdminMixin


class PrettyJSONField(forms.JSONField):
    """JSON shown indented, so an administrator can read and edit it."""

    def prepare_value(self, value):
        if isinstance(value, forms.fields.InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, indent=2)


class ThresholdTableForm(forms.ModelForm):
    table = PrettyJSONField(
        label=_("Table (JSON)"),
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100, "spellcheck": "false"}),
        help_text=_(
            "The whole table in the rhs-halsokurva-table/1 format. Its 'version' (unique) and 'valid_from' "
            "(YYYY-MM-DD) are read from the JSON. Start from the table in force and change what your region "
            "decided; keep needs_clinical_review honest."
        ),
    )

    class Meta:
        model = ThresholdTable
        fields = ["region", "table", "note"]

    def clean_table(self):
        table = self.cleaned_data["table"]
        try:
            validate_table(table)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
        version = table["version"].strip()
        clash = ThresholdTable.objects.filter(version=version).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("Version %(version)s exists already: give the new table its own version."), params={"version": version}
            )
        return table

    def _post_clean(self):
        super()._post_clean()
        table = self.cleaned_data.get("table")
        if table and not self.errors.get("table"):
            self.instance.version = table["version"].strip()
            self.instance.valid_from = dt.date.fromisoformat(table["valid_from"])


@admin.register(ThresholdTable)
class ThresholdTableAdmin(NationalOrRegionalAdminMixin, admin.ModelAdmin):
    """Region administrators see their region's tables and the national ones (read only)."""

    form = ThresholdTableForm
    region_admin_permissions = frozenset({"view", "add", "change"})
    list_display = ["version", "region_name", "valid_from", "review_flags", "in_use", "created_at"]
    list_filter = ["region"]
    search_fields = ["version", "note"]

    @admin.display(description=_("region"))
    def region_name(self, obj):
        return obj.region or _("National")

    @admin.display(description=_("entries to review"))
    def review_flags(self, obj):
        return obj.needs_review_count

    @admin.display(description=_("used by results"), boolean=True)
    def in_use(self, obj):
        return obj.results.exists()

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.results.exists():
            return False  # a used table is never edited: results name it (make a new version)
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return ["version", "valid_from", "created_by", "created_at"] if obj else []

    def get_fields(self, request, obj=None):
        fields = ["region", "table", "note"]
        return [*fields, "version", "valid_from", "created_by", "created_at"] if obj else fields

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        latest = self.get_queryset(request).order_by("-valid_from", "-pk").first()
        if latest is not None:
            initial["table"] = latest.table
        return initial

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
