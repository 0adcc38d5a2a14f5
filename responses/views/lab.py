"""Lab orders and results: what is waiting, entering a person's values, marking a sample as taken."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from population.models import AccessAction
from population.services.audit import Actor, Auditor
from responses import selectors
from responses.forms import LabResultsForm, LabSampledForm
from responses.lab.analytes import ANALYTES
from responses.services.errors import BookingError
from responses.services.lab import LabValue, lab_order_mark_sampled, lab_orders_ensure, lab_results_record
from responses.views._common import back_to
from rhs_portal.access import staff_view
from rhs_portal.roles import Capability
from rhs_portal.statemachine import TransitionConflict, TransitionNotAllowed
from rhs_portal.tables import paginate


@staff_view(Capability.LAB_MANAGE)
def lab_overview(request):
    """Orders still waiting for results, oldest first, with each person's booked time."""
    page = paginate(request, selectors.lab_orders_waiting(user=request.user, unit=request.staff.unit), per_page=50)
    Auditor(Actor.from_request(request)).record_many(
        action=AccessAction.VIEW, person_ids=sorted({o.participation.person_id for o in page}),
        object_type="responses.laborder", detail="lab orders waiting for results",
    )
    return render(request, "responses/lab_overview.html", {"page_obj": page, "sampled_form": LabSampledForm(
        initial={"sampled_on": timezone.localdate()})})


@staff_view(Capability.LAB_MANAGE)
def lab_results(request, pk: int):
    participation = selectors.lab_participation_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    form = LabResultsForm(request.POST or None, initial={"sampled_on": timezone.localdate()})
    actor = Actor.from_request(request)
    if request.method == "POST" and form.is_valid():
        values = [LabValue(analyte, value, ANALYTES[analyte].unit) for analyte, value in form.values().items()]
        try:
            lab_results_record(participation=participation, sampled_on=form.cleaned_data["sampled_on"],
                               values=values, actor=actor)
        except BookingError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The lab results were saved."))
            return redirect("responses:lab_results", pk=participation.pk)
    Auditor(actor).record(action=AccessAction.VIEW, person=participation.person, obj=participation,
                          detail="lab results")
    return render(
        request,
        "responses/lab_results.html",
        {
            "participation": participation,
            "person": participation.person,
            "orders": selectors.lab_orders_of(participation),
            "results": selectors.current_lab_results_of(participation),
            "form": form,
        },
    )


@require_POST
@staff_view(Capability.LAB_MANAGE)
def lab_order(request, pk: int):
    participation = selectors.lab_participation_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    lab_orders_ensure(participation=participation, actor=Actor.from_request(request))
    messages.success(request, _("fP-Glukos and fP-Lipidstatus are ordered."))
    return redirect(back_to(request, reverse("responses:lab_results", args=[participation.pk])))


@require_POST
@staff_view(Capability.LAB_MANAGE)
def lab_sampled(request, pk: int):
    order = selectors.lab_order_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    form = LabSampledForm(request.POST)
    if form.is_valid():
        try:
            lab_order_mark_sampled(order=order, sampled_on=form.cleaned_data["sampled_on"],
                                   actor=Actor.from_request(request))
            messages.success(request, _("The sample is marked as taken."))
        except BookingError as exc:
            messages.error(request, exc.message)
        except (TransitionConflict, TransitionNotAllowed):
            messages.warning(request, str(TransitionConflict.message))
    else:
        messages.error(request, _("Give the date the sample was taken."))
    return redirect(back_to(request, reverse("responses:lab_overview")))
