"""Questionnaire versions in Django admin.

Region administrators make a draft from the version in force, add their regional questions
(page → block → question with answer options, skip rules), and publish it with a date.
Published versions are read-only. Definitions are imported and exported as JSON, and
exported as a FHIR Questionnaire.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from questionnaire.definition import DefinitionError, definition_export
from questionnaire.fhir import questionnaire_resource
from questionnaire.models import (
    AnswerOption,
    Question,
    QuestionBlock,
    QuestionnaireVersion,
    QuestionPage,
    SkipRule,
)
from questionnaire.models import VersionStatus as S
from questionnaire.services.versions import (
    VersionError,
    version_draft_from,
    version_import,
    version_publish,
    version_retire,
)
from questionnaire.structure import load_structure
from rhs_portal.admin_scoping import NationalOrRegionalAdminMixin, admin_scope


def _json_download(data: dict, filename: str) -> HttpResponse:
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def version_of(obj) -> QuestionnaireVersion:
    """The version any part of a definition belongs to (inlines get their parent object)."""
    if isinstance(obj, QuestionnaireVersion):
        return obj
    if isinstance(obj, QuestionBlock):
        return obj.page.version
    if isinstance(obj, AnswerOption):
        return obj.question.version
    return obj.version  # a page, a question, a skip rule


class DraftOnlyMixin(NationalOrRegionalAdminMixin):
    """Everything below a version is editable only while the version is a draft (and not national)."""

    def version_of(self, obj):
        return version_of(obj)

    def is_national(self, obj) -> bool:
        return version_of(obj).region_id is None

    def has_change_permission(self, request, obj=None):
        if obj is not None and not self.version_of(obj).is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) if obj is not None else super().has_delete_permission(request)

    def draft_versions(self, request):
        scope = admin_scope(request)
        drafts = QuestionnaireVersion.objects.filter(status=S.DRAFT)
        return drafts if scope.superuser else drafts.filter(region__in=scope.region_ids)


class InlineDraftOnly(DraftOnlyMixin):
    """Inline rows: the parent admin has checked the parent's scope; here only draft and national matter."""

    def _allowed(self, request, action: str, obj=None) -> bool:
        return super()._allowed(request, action)  # `obj` is the parent, not a row of this inline
    def has_add_permission(self, request, obj=None):
        return obj is None or self.has_change_permission(request, obj)


class PageInline(InlineDraftOnly, admin.TabularInline):
    model = QuestionPage
    region_path = "version__region"
    region_admin_permissions = frozenset({"view", "add", "change", "delete"})
    fields = ["order", "key", "title", "intro"]
    extra = 0


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(DraftOnlyMixin, admin.ModelAdmin):
    region_path = "region"
    region_admin_permissions = frozenset({"view", "change", "delete"})
    list_display = ["version", "title", "region_name", "valid_from", "status", "n_questions", "published_at"]
    list_filter = ["status", "region"]
    fields = ["version", "title", "intro", "valid_from", "region", "status", "based_on", "translations",
              "published_at", "published_by"]
    readonly_fields = ["region", "status", "based_on", "published_at", "published_by"]
    inlines = [PageInline]
    actions = ["make_draft", "publish", "retire", "export_json", "export_fhir"]
    change_list_template = "admin/questionnaire/questionnaireversion/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_count=Count("questions", distinct=True))

    def has_add_permission(self, request):
        return False  # a version comes from an import or from a copy of another version

    @admin.display(description=_("region"))
    def region_name(self, obj):
        return obj.region or _("National")

    @admin.display(description=_("questions"))
    def n_questions(self, obj):
        return obj.question_count

    def _region_for_new(self, request):
        scope = admin_scope(request)
        if scope.superuser:
            return None
        from population.models import Region

        return Region.objects.filter(pk__in=scope.region_ids).order_by("name").first()

    @admin.action(description=_("Make a new draft from the chosen version"))
    def make_draft(self, request, queryset):
        region = self._region_for_new(request)
        for version in queryset:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            name = f"{region.code if region else 'nationell'}-utkast-{stamp}"[:60]
            try:
                draft = version_draft_from(version=version, region=region, new_version=name,
                                           valid_from=timezone.localdate(), user=request.user)
            except (VersionError, DefinitionError) as exc:
                self.message_user(request, str(exc), messages.ERROR)
                continue
            self.message_user(request, _("Draft %(version)s made: add your questions, then publish it.") % {
                "version": draft.version}, messages.SUCCESS)

    @admin.action(description=_("Publish the chosen drafts"))
    def publish(self, request, queryset):
        for version in queryset:
            if not self.has_change_permission(request, version):
                self.message_user(request, _("%(version)s cannot be published by you.") % {"version": version.version},
                                  messages.ERROR)
                continue
            try:
                version_publish(version=version, user=request.user)
            except VersionError as exc:
                self.message_user(request, f"{version.version}: {exc}", messages.ERROR)
            else:
                self.message_user(request, _("%(version)s is published; new questionnaires use it from %(date)s.") % {
                    "version": version.version, "date": version.valid_from}, messages.SUCCESS)

    @admin.action(description=_("Retire the chosen versions (started questionnaires keep them)"))
    def retire(self, request, queryset):
        scope = admin_scope(request)
        for version in queryset:
            if version.region_id is None and not scope.superuser:
                self.message_user(request, _("Only the national administrator retires the national version."),
                                  messages.ERROR)
                continue
            try:
                version_retire(version=version)
            except VersionError as exc:
                self.message_user(request, f"{version.version}: {exc}", messages.ERROR)

    @admin.action(description=_("Export as JSON"))
    def export_json(self, request, queryset):
        version = queryset.first()
        return _json_download(definition_export(version), f"{version.version}.json")

    @admin.action(description=_("Export as FHIR Questionnaire"))
    def export_fhir(self, request, queryset):
        version = queryset.first()
        return _json_download(questionnaire_resource(load_structure(version)), f"{version.version}.fhir.json")

    def get_urls(self):
        return [
            path("importera/", self.admin_site.admin_view(self.import_view), name="questionnaire_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not admin_scope(request).any:
            return redirect("admin:index")
        form = DefinitionImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                version = version_import(data=form.cleaned_data["data"], region=self._region_for_new(request),
                                         user=request.user)
            except DefinitionError as exc:
                form.add_error("file", _("The definition cannot be used: %(problem)s") % {"problem": exc})
            else:
                self.message_user(request, _("Imported as draft %(version)s.") % {"version": version.version},
                                  messages.SUCCESS)
                return redirect(reverse("admin:questionnaire_questionnaireversion_change", args=[version.pk]))
        context = {**self.admin_site.each_context(request), "form": form, "opts": self.model._meta,
                   "title": _("Import a questionnaire definition")}
        return render(request, "admin/questionnaire/import.html", context)


class DefinitionImportForm(forms.Form):
    file = forms.FileField(label=_("Definition (JSON)"),
                           help_text=_("A file exported from this portal (schema rhs-questionnaire/1)."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.cleaned_data["data"] = json.loads(upload.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise forms.ValidationError(_("The file is not JSON: %(problem)s") % {"problem": exc}) from None
        return upload


class BlockInline(InlineDraftOnly, admin.TabularInline):
    model = QuestionBlock
    region_path = "page__version__region"
    region_admin_permissions = frozenset({"view", "add", "change", "delete"})
    fields = ["order", "key", "title", "help_text"]
    extra = 0


@admin.register(QuestionPage)
class QuestionPageAdmin(DraftOnlyMixin, admin.ModelAdmin):
    region_path = "version__region"
    region_admin_permissions = frozenset({"view", "change", "delete"})
    list_display = ["title", "version", "order"]
    list_filter = ["version"]
    inlines = [BlockInline]
    fields = ["version", "order", "key", "title", "intro", "translations"]
    readonly_fields = ["version"]


class QuestionInline(InlineDraftOnly, admin.TabularInline):
    model = Question
    region_path = "version__region"
    region_admin_permissions = frozenset({"view", "add", "change", "delete"})
    fields = ["order", "key", "kind", "text", "required", "regional"]
    extra = 0
    show_change_link = True


@admin.register(QuestionBlock)
class QuestionBlockAdmin(DraftOnlyMixin, admin.ModelAdmin):
    region_path = "page__version__region"
    region_admin_permissions = frozenset({"view", "change", "delete"})
    list_display = ["__str__", "page", "order"]
    list_filter = ["page__version"]
    inlines = [QuestionInline]
    fields = ["page", "order", "key", "title", "help_text", "translations"]
    readonly_fields = ["page"]


class OptionInline(InlineDraftOnly, admin.TabularInline):
    model = AnswerOption
    region_path = "question__version__region"
    region_admin_permissions = frozenset({"view", "add", "change", "delete"})
    fields = ["order", "key", "text", "points", "translations"]
    extra = 0


@admin.register(Question)
class QuestionAdmin(DraftOnlyMixin, admin.ModelAdmin):
    """Adding a question: choose a block of a draft version; regional questions are marked as such."""

    region_path = "version__region"
    region_admin_permissions = frozenset({"view", "add", "change", "delete"})
    list_display = ["key", "text", "kind", "required", "regional", "version"]
    list_filter = ["version", "regional", "kind"]
    search_fields = ["key", "text"]
    inlines = [OptionInline]
    fields = ["block", "order", "key", "kind", "text", "help_text", "required", "min_value", "max_value",
              "min_label", "max_label", "unit", "regional", "translations"]

    def get_changeform_initial_data(self, request):
        return {**super().get_changeform_initial_data(request), "regional": not admin_scope(request).superuser}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "block":
            kwargs["queryset"] = QuestionBlock.objects.filter(
                page__version__in=self.draft_versions(request)).select_related("page__version")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(SkipRule)
class SkipRuleAdmin(DraftOnlyMixin, admin.ModelAdmin):
    region_path = "version__region"
    region_admin_permissions = frozenset({"view", "add", "change", "delete"})
    list_display = ["__str__", "version"]
    list_filter = ["version"]
    filter_horizontal = ["skips"]
    fields = ["question", "answers", "skips"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "question":
            kwargs["queryset"] = Question.objects.filter(version__in=self.draft_versions(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "skips":
            kwargs["queryset"] = Question.objects.filter(version__in=self.draft_versions(request))
        return super().formfield_for_manytomany(db_field, request, **kwargs)
