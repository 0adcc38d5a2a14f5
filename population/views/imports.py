from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from population import selectors
from population.forms import ImportCommitForm, ImportUploadForm
from population.services import imports as import_services
from rhs_portal.access import staff_view
from rhs_portal.roles import Capability
from rhs_portal.statemachine import TransitionConflict
from rhs_portal.tables import paginate


@staff_view(Capability.POPULATION_IMPORT)
def import_list(request):
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            imp = import_services.import_upload(
                unit=request.staff.unit, user=request.user, upload=form.cleaned_data["file"]
            )
            return redirect("population:import_detail", pk=imp.pk)
    elif request.method == "GET":
        form = ImportUploadForm()
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    imports = selectors.imports_for_user(user=request.user, unit=request.staff.unit)
    return render(request, "population/import_list.html", {"form": form, "page_obj": paginate(request, imports)})


def _detail_context(request, imp):
    errors = imp.summary.get("errors", [])
    return {
        "imp": imp,
        "summary": imp.summary,
        "errors": errors,
        "samples": imp.summary.get("samples", {}),
        "commit_form": ImportCommitForm(),
        "poll_url": reverse("population:import_progress", args=[imp.pk]),
    }


@staff_view(Capability.POPULATION_IMPORT)
def import_detail(request, pk: int):
    imp = selectors.import_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    return render(request, "population/import_detail.html", _detail_context(request, imp))


@staff_view(Capability.POPULATION_IMPORT)
def import_progress(request, pk: int):
    """The progress fragment, polled while the job runs; when done, the whole page reloads."""
    imp = selectors.import_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    if not imp.is_busy:
        response = render(request, "population/_import_progress.html", {"imp": imp, "running": False})
        response["HX-Refresh"] = "true"
        return response
    return render(
        request,
        "population/_import_progress.html",
        {"imp": imp, "running": True, "poll_url": request.path},
    )


@require_POST
@staff_view(Capability.POPULATION_IMPORT)
def import_commit(request, pk: int):
    imp = selectors.import_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    form = ImportCommitForm(request.POST)
    form.is_valid()
    try:
        import_services.import_commit_request(
            imp=imp, user=request.user, skip_invalid=form.cleaned_data.get("skip_invalid", False)
        )
    except import_services.ImportStateError as exc:
        messages.error(request, str(exc))
    except TransitionConflict as exc:
        messages.warning(request, str(exc.message))
    return redirect("population:import_detail", pk=imp.pk)


@require_POST
@staff_view(Capability.POPULATION_IMPORT)
def import_discard(request, pk: int):
    imp = selectors.import_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    try:
        import_services.import_discard(imp=imp, user=request.user)
        messages.success(request, _("The import was discarded; nothing was changed."))
    except import_services.ImportStateError as exc:
        messages.error(request, str(exc))
    return redirect("population:import_list")

