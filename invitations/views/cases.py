"""The 1177-style work queues and the case page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from invitations.case_panels import case_panels_for
from invitations.forms import AssignForm, BulkAssignForm, CaseFilterForm
from invitations.models import CaseStatus
from invitations.selectors.cases import (
    QUEUE_ALL,
    QUEUE_MINE,
    QUEUE_UNIT,
    case_get_for_user,
    case_messages,
    case_timeline,
    cases_by_ids,
    cases_for_user,
    contacts_of_case_participation,
    personal_link_of,
    queue_counts,
    status_counts,
)
from invitations.selectors.staff import case_handlers_of_unit
from invitations.services.cases import CaseError, case_assign, case_transition, cases_assign
from invitations.services.links import link_revoke
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from rhs_portal.access import staff_view
from rhs_portal.roles import Capability
from rhs_portal.statemachine import TransitionConflict, TransitionNotAllowed
from rhs_portal.tables import apply_sort, paginate

CASE_SORTS = {
    "name": ("participation__person__last_name", "participation__person__first_name"),
    "pnr": "participation__person__personnummer",
    "age": "age",
    "template": "template_kind",
    "status": "status",
    "sent": "created_at",
    "changed": "status_changed_at",
    "answer": "answer",
    "assignee": ("assignee__first_name", "assignee__last_name"),
}
QUEUE_URLS = {QUEUE_MINE: "invitations:cases_mine", QUEUE_UNIT: "invitations:cases_unit",
              QUEUE_ALL: "invitations:cases_all"}


def _queue(request, queue: str):
    unit, user = request.staff.unit, request.user
    handlers = case_handlers_of_unit(unit=unit)
    form = CaseFilterForm(request.GET or None, handlers=handlers)
    filters = form.filters(queue)
    cases, sort = apply_sort(request, cases_for_user(user=user, unit=unit, filters=filters), CASE_SORTS, "-sent")
    page = paginate(request, cases)
    Auditor(Actor.from_request(request)).record(
        action=AccessAction.SEARCH, detail=f"case queue {queue} page {page.number} ({page.paginator.count} cases)"
    )
    can_assign = request.staff.can(Capability.CASE_ASSIGN)
    return render(request, "invitations/case_queue.html", {
        "queue": queue, "queue_url": QUEUE_URLS[queue], "form": form, "page_obj": page, "sort": sort,
        "queues": queue_counts(user=user, unit=unit), "statuses": status_counts(user=user, unit=unit, filters=filters),
        "status_choices": CaseStatus.choices, "filters": filters,
        "assign_form": AssignForm(handlers=handlers) if can_assign else None,
    })


@staff_view(Capability.CASE_HANDLE)
def cases_mine(request):
    return _queue(request, QUEUE_MINE)


@staff_view(Capability.CASE_HANDLE)
def cases_unit(request):
    return _queue(request, QUEUE_UNIT)


@staff_view(Capability.CASE_HANDLE)
def cases_all(request):
    return _queue(request, QUEUE_ALL)


@staff_view(Capability.CASE_HANDLE)
def case_detail(request, pk: int):
    unit = request.staff.unit
    case = case_get_for_user(user=request.user, unit=unit, pk=pk)
    person = case.participation.person
    Auditor(Actor.from_request(request)).view(person, obj=case, detail="case page")
    can_assign = request.staff.can(Capability.CASE_ASSIGN)
    return render(request, "invitations/case_detail.html", {
        "case": case, "person": person, "messages_sent": case_messages(case), "timeline": case_timeline(case),
        "contacts": contacts_of_case_participation(case), "link": personal_link_of(case),
        "panels": case_panels_for(request, case),
        "assign_form": AssignForm(handlers=case_handlers_of_unit(unit=unit), initial={"assignee": case.assignee})
        if can_assign else None,
    })


@require_POST
@staff_view(Capability.CASE_ASSIGN)
def case_assign_view(request, pk: int):
    unit = request.staff.unit
    case = case_get_for_user(user=request.user, unit=unit, pk=pk)
    form = AssignForm(request.POST, handlers=case_handlers_of_unit(unit=unit))
    if form.is_valid():
        try:
            case_assign(case=case, assignee=form.cleaned_data["assignee"], actor=Actor.from_request(request))
        except CaseError as exc:
            messages.error(request, str(exc))
        else:
            assignee = form.cleaned_data["assignee"]
            messages.success(request, _("The case is assigned to %(name)s.") % {"name": assignee}
                             if assignee else _("The case is no longer assigned to anyone."))
    else:
        messages.error(request, _("Choose a case handler."))
    return redirect("invitations:case_detail", pk=case.pk)


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) and target.startswith("/"):
        return redirect(target)
    return redirect(fallback)


@require_POST
@staff_view(Capability.CASE_ASSIGN)
def cases_assign_bulk(request):
    unit = request.staff.unit
    form = BulkAssignForm(request.POST, handlers=case_handlers_of_unit(unit=unit))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return _back(request, "invitations:cases_unit")
    cases = cases_by_ids(user=request.user, unit=unit, ids=form.cleaned_data["cases"])
    try:
        moved = cases_assign(cases=cases, assignee=form.cleaned_data["assignee"], actor=Actor.from_request(request))
    except CaseError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, ngettext("%(n)d case was assigned.", "%(n)d cases were assigned.", moved)
                         % {"n": moved})
    return _back(request, "invitations:cases_unit")


@require_POST
@staff_view(Capability.CASE_HANDLE)
def case_cancel(request, pk: int):
    case = case_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    try:
        case_transition(case=case, to_status=CaseStatus.CLOSED, close_reason="cancelled",
                        actor=Actor.from_request(request), note=_("Cancelled on the case page"))
    except TransitionConflict as exc:
        messages.warning(request, str(exc.message))
    except TransitionNotAllowed:
        messages.error(request, _("The case is already closed."))
    else:
        Auditor(Actor.from_request(request)).change(case.participation.person, obj=case, detail="case cancelled")
        messages.success(request, _("The case was cancelled."))
    return redirect("invitations:case_detail", pk=case.pk)


@require_POST
@staff_view(Capability.CASE_HANDLE)
def case_link_revoke(request, pk: int):
    """Close the citizen's personal link (e.g. sent to a wrong address); the next message gets a new one."""
    case = case_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    link = personal_link_of(case)
    if link is None:
        messages.info(request, _("There is no open personal link."))
    else:
        link_revoke(link=link, actor=Actor.from_request(request))
        messages.success(request, _("The personal link is closed. The next message to the citizen gets a new link."))
    return redirect("invitations:case_detail", pk=case.pk)
