"""The staff pages of a reviewed import (rhs_portal.imports), shared by every import.

An app describes its pages once, `ImportPages(...)`, and takes the five view
functions from `pages.views()`: the list with the upload form, the review
page, the progress fragment polled while a job runs, commit and discard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rhs_portal.access import staff_view
from rhs_portal.imports import ImportFlow, ImportStateError
from rhs_portal.statemachine import TransitionConflict
from rhs_portal.tables import paginate

MAX_IMPORT_BYTES = 100 * 1024 * 1024


class ImportUploadForm(forms.Form):
    """A CSV upload; subclasses set the label and the help text."""

    file = forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 100 MB."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Choose a CSV file (ending in .csv or .txt)."))
        return upload


class ImportCommitForm(forms.Form):
    skip_invalid = forms.BooleanField(
        label=gettext_lazy("Import only the valid rows"),
        required=False,
        help_text=gettext_lazy("The rows with errors are left out; correct them and import the file again later."),
    )


@dataclass(frozen=True)
class ImportPages:
    namespace: str  # URL names: <namespace>:<prefix>_list, _detail, _progress, _commit, _discard
    prefix: str
    capability: str
    flow: ImportFlow
    list_for_user: Callable[..., Any]  # (user=, unit=) -> queryset
    get_for_user: Callable[..., Any]  # (user=, unit=, pk=) -> import or 404
    upload_form: type[forms.Form]
    list_template: str
    detail_template: str
    progress_template: str
    extra_list_context: Callable[[Any], dict] | None = None
    on_detail: Callable[[Any, Any], None] | None = None  # (request, import): e.g. audit what the page shows

    def url(self, page: str) -> str:
        return f"{self.namespace}:{self.prefix}_{page}"

    def views(self):
        pages = self

        @staff_view(pages.capability)
        def import_list(request):
            if request.method == "POST":
                form = pages.upload_form(request.POST, request.FILES)
                if form.is_valid():
                    imp = pages.flow.upload(unit=request.staff.unit, user=request.user,
                                            upload=form.cleaned_data["file"])
                    return redirect(pages.url("detail"), pk=imp.pk)
            elif request.method == "GET":
                form = pages.upload_form()
            else:
                return HttpResponseNotAllowed(["GET", "POST"])
            imports = pages.list_for_user(user=request.user, unit=request.staff.unit)
            context = {"form": form, "page_obj": paginate(request, imports)}
            if pages.extra_list_context:
                context.update(pages.extra_list_context(request))
            return render(request, pages.list_template, context)

        @staff_view(pages.capability)
        def import_detail(request, pk: int):
            imp = pages.get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
            if pages.on_detail:
                pages.on_detail(request, imp)
            return render(
                request,
                pages.detail_template,
                {
                    "imp": imp,
                    "summary": imp.summary,
                    "errors": imp.summary.get("errors", []),
                    "samples": imp.summary.get("samples", {}),
                    "commit_form": ImportCommitForm(),
                    "poll_url": reverse(pages.url("progress"), args=[imp.pk]),
                    "list_url": reverse(pages.url("list")),
                    "commit_url": reverse(pages.url("commit"), args=[imp.pk]),
                    "discard_url": reverse(pages.url("discard"), args=[imp.pk]),
                    "progress_template": pages.progress_template,
                },
            )

        @staff_view(pages.capability)
        def import_progress(request, pk: int):
            """The progress fragment, polled while the job runs; when done, the whole page reloads."""
            imp = pages.get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
            if not imp.is_busy:
                response = render(request, pages.progress_template, {"imp": imp, "running": False})
                response["HX-Refresh"] = "true"
                return response
            return render(request, pages.progress_template, {"imp": imp, "running": True, "poll_url": request.path})

        @require_POST
        @staff_view(pages.capability)
        def import_commit(request, pk: int):
            imp = pages.get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
            form = ImportCommitForm(request.POST)
            form.is_valid()
            try:
                pages.flow.commit_request(imp=imp, user=request.user,
                                          skip_invalid=form.cleaned_data.get("skip_invalid", False))
            except ImportStateError as exc:
                messages.error(request, str(exc))
            except TransitionConflict as exc:
                messages.warning(request, str(exc.message))
            return redirect(pages.url("detail"), pk=imp.pk)

        @require_POST
        @staff_view(pages.capability)
        def import_discard(request, pk: int):
            imp = pages.get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
            try:
                pages.flow.discard(imp=imp, user=request.user)
                messages.success(request, _("The import was discarded; nothing was changed."))
            except ImportStateError as exc:
                messages.error(request, str(exc))
            return redirect(pages.url("list"))

        return import_list, import_detail, import_progress, import_commit, import_discard
