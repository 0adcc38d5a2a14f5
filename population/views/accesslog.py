from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from population import selectors
from population.forms import AccessLogFilterForm
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from rhs_portal.access import staff_view
from rhs_portal.downloads import csv_response, pdf_response
from rhs_portal.pdf import render_pdf
from rhs_portal.roles import Capability
from rhs_portal.tables import apply_sort, paginate

LOG_SORTS = {"at": "at", "user": "actor_name", "action": "action", "person": ("person__last_name",)}


def _filtered(request, entries):
    users = selectors.staff_of_unit(user=request.user, unit=request.staff.unit)
    form = AccessLogFilterForm(request.GET or None, users=users)
    if form.is_valid():
        data = form.cleaned_data
        if data["date_from"]:
            entries = entries.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            entries = entries.filter(at__date__lte=data["date_to"])
        if data["user"]:
            entries = entries.filter(actor_user_id=data["user"])
        if data["action"]:
            entries = entries.filter(action=data["action"])
    return form, entries


def _csv_rows(entries):
    for e in entries.iterator(chunk_size=2000):
        yield [
            timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor_name,
            e.get_actor_kind_display(),
            e.unit.name if e.unit else "",
            e.person.personnummer_display if e.person else "",
            e.person.full_name if e.person else "",
            e.get_action_display(),
            e.object_type,
            e.object_id,
            e.detail,
            e.purpose,
        ]


CSV_HEADER = [
    _("Time"), _("User"), _("Actor kind"), _("Care unit"), _("Personal identity number"), _("Name"),
    _("Action"), _("Object"), _("Object id"), _("Detail"), _("Purpose"),
]


@staff_view(Capability.ACCESS_LOG_VIEW)
def accesslog(request):
    entries = selectors.access_log_for_user(user=request.user, unit=request.staff.unit)
    form, entries = _filtered(request, entries)
    if request.GET.get("format") == "csv":
        Auditor(Actor.from_request(request)).record(action=AccessAction.EXPORT, detail="access log CSV")
        return csv_response("atkomstlogg.csv", [str(h) for h in CSV_HEADER], _csv_rows(entries.order_by("-at")))
    entries, sort = apply_sort(request, entries, LOG_SORTS, "-at")
    return render(
        request, "population/accesslog.html", {"form": form, "page_obj": paginate(request, entries, per_page=50),
                                               "sort": sort},
    )


@staff_view(Capability.ACCESS_LOG_VIEW)
def accesslog_person(request, pk: int):
    """A person's access log: who saw or changed their data (a citizen may ask for it)."""
    person = selectors.person_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    entries = selectors.access_log_for_user(user=request.user, unit=request.staff.unit).filter(person=person)
    form, entries = _filtered(request, entries)
    auditor = Auditor(Actor.from_request(request))
    fmt = request.GET.get("format")
    if fmt == "csv":
        auditor.record(action=AccessAction.EXPORT, person=person, detail="access log extract CSV")
        return csv_response(
            f"atkomstlogg-{person.personnummer}.csv", [str(h) for h in CSV_HEADER], _csv_rows(entries.order_by("at"))
        )
    if fmt == "pdf":
        auditor.record(action=AccessAction.PRINT, person=person, detail="access log extract PDF")
        content = render_pdf(
            "population/accesslog_extract.pdf.html",
            {"person": person, "entries": entries.order_by("at"), "unit": request.staff.unit,
             "generated_at": timezone.now(), "form": form},
        )
        return pdf_response(f"atkomstlogg-{person.personnummer}.pdf", content)
    auditor.view(person, detail="access log of the person")
    entries, sort = apply_sort(request, entries, LOG_SORTS, "-at")
    return render(
        request,
        "population/accesslog_person.html",
        {"person": person, "form": form, "page_obj": paginate(request, entries, per_page=50), "sort": sort},
    )
