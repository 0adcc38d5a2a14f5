"""Region administrators define research projects and extracts here (Django admin, region-scoped)."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from invitations.models import Round
from population.services.audit import Actor
from reporting.models import AreaIndex, ResearchExport, ResearchProject
from reporting.services import research_export as exports
from rhs_portal.admin_scoping import ScopedAdminMixin, admin_scope
from rhs_portal.models import JobStatus


@admin.register(AreaIndex)
class AreaIndexAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_path = None
    region_path = "region"
    region_admin_permissions = frozenset({"view"})
    list_display = ["area_code", "index", "quintile", "region", "imported_at"]
    list_filter = ["quintile", "region"]
    search_fields = ["area_code"]


@admin.register(ResearchProject)
class ResearchProjectAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_path = None
    region_path = "region"
    list_display = ["name", "ethics_reference", "principal_investigator", "region", "created_at"]
    search_fields = ["name", "ethics_reference"]

    def save_model(self, request, obj, form, change):
        if not obj.secret:
            obj.secret = exports.project_new_secret()
        super().save_model(request, obj, form, change)


class ResearchExportForm(forms.ModelForm):
    fields_chosen = forms.MultipleChoiceField(
        label=_("Fields"), widget=forms.CheckboxSelectMultiple, required=True,
        help_text=_("A pseudonym is always included; names, numbers and contact data never are."),
    )

    class Meta:
        model = ResearchExport
        fields = ["project", "rounds", "date_mode"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields_chosen"].choices = [(key, f.label) for key, f in exports.FIELDS.items()]


@admin.register(ResearchExport)
class ResearchExportAdmin(ScopedAdminMixin, admin.ModelAdmin):
    unit_path = None
    region_path = "project__region"
    region_admin_permissions = frozenset({"view", "add"})
    form = ResearchExportForm
    list_display = ["__str__", "status", "progress", "row_count", "created_by", "created_at", "download"]
    readonly_fields = ["status", "progress", "row_count", "fields", "created_by", "finished_at", "downloaded_at",
                       "downloaded_by", "download"]
    filter_horizontal = ["rounds"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["project", "rounds", "date_mode", "fields_chosen"]
        return ["project", "date_mode", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields + (["project", "date_mode"] if obj else [])

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scope = admin_scope(request)
        if db_field.name == "project" and not scope.superuser:
            kwargs["queryset"] = ResearchProject.objects.filter(region__in=scope.region_ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        scope = admin_scope(request)
        if db_field.name == "rounds" and not scope.superuser:
            kwargs["queryset"] = Round.objects.filter(unit__region__in=scope.region_ids)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            return
        created = exports.research_export_create(
            project=form.cleaned_data["project"], rounds=form.cleaned_data["rounds"],
            fields=form.cleaned_data["fields_chosen"], date_mode=form.cleaned_data["date_mode"],
            actor=Actor.staff(request.user),
        )
        obj.pk = created.pk

    def save_related(self, request, form, formsets, change):
        """The service has set the rounds."""

    @admin.display(description=_("progress"))
    def progress(self, obj):
        if obj.status in (JobStatus.QUEUED, JobStatus.RUNNING):
            return format_html('<progress max="100" value="{}">{} %</progress>', obj.progress_percent,
                               obj.progress_percent)
        return obj.get_status_display()

    @admin.display(description=_("download"))
    def download(self, obj):
        if obj.status == JobStatus.DONE and obj.encrypted_file and not obj.downloaded_at:
            url = reverse("admin:reporting_researchexport_download", args=[obj.pk])
            return format_html('<a href="{}">{}</a>', url, _("Download once"))
        if obj.downloaded_at:
            return _("Downloaded %(when)s") % {"when": obj.downloaded_at.strftime("%Y-%m-%d %H:%M")}
        return "–"

    def get_urls(self):
        return [
            path("<int:pk>/download/", self.admin_site.admin_view(self.download_view),
                 name="reporting_researchexport_download"),
            *super().get_urls(),
        ]

    def download_view(self, request, pk: int):
        export = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, export):
            return HttpResponseRedirect(reverse("admin:index"))
        try:
            content = exports.research_export_download(export=export, actor=Actor.staff(request.user))
        except exports.ExportError as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(reverse("admin:reporting_researchexport_changelist"))
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="research-export-{export.pk}.csv"'
        return response
