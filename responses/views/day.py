"""The nurse's day: the day's dialogues with their pre-visit status, and bulk cancel/move when a nurse is away."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from population.models import AccessAction
from population.services.audit import Actor, Auditor
from responses import selectors
from responses.day_flags import day_flags
from responses.forms import DayBulkForm, DayFilterForm, StaffCancelForm
from responses.models import AppointmentStatus
from responses.previsit import previsit_statuses
from responses.services import booking as booking_services
from responses.services.day import day_appointments_cancel, day_appointments_move
from responses.services.errors import BookingError
from responses.views._common import back_to
from rhs_portal.access import staff_view
from rhs_portal.feedback import form_errors_to_messages
from rhs_portal.roles import Capability
from scheduling import selectors as slot_selectors


@staff_view(Capability.BOOKING_MANAGE)
def day(request):
    unit, user = request.staff.unit, request.user
    now = timezone.now()
    nurses = slot_selectors.nurses_of_unit(unit=unit)
    filters = DayFilterForm(request.GET or None, nurses=nurses)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    the_day = chosen.get("datum") or timezone.localdate(now)
    if "skoterska" in request.GET:
        nurse = chosen.get("skoterska")
    else:  # a dialogue leader opening the day view sees their own day first
        nurse = next((n for n in nurses if n.pk == user.pk), None)
        filters = DayFilterForm(initial={"datum": the_day, "skoterska": nurse.pk if nurse else None}, nurses=nurses)
    appointments = list(selectors.day_appointments(user=user, unit=unit, day=the_day,
                                                   nurse_id=nurse.pk if nurse else None))
    previsit = previsit_statuses([a.participation for a in appointments])
    flags = day_flags(a.pk for a in appointments)  # e.g. the reminder engine's pre-visit flag
    rows = [{"appointment": a, "previsit": previsit[a.participation_id], "flags": flags.get(a.pk, []),
             "needs": getattr(a.participation, "visit_needs", None),
             "started": a.slot.starts_at <= now} for a in appointments]
    Auditor(Actor.from_request(request), now=now).record_many(
        action=AccessAction.VIEW, person_ids=[a.participation.person_id for a in appointments],
        object_type="responses.appointment", detail=f"day view {the_day.isoformat()} (pre-visit status)",
    )
    query = request.GET.copy()
    query.pop("datum", None)
    return render(
        request,
        "responses/day.html",
        {
            "the_day": the_day,
            "nurse": nurse,
            "filters": filters,
            "rows": rows,
            "booked_count": sum(1 for a in appointments if a.status == AppointmentStatus.BOOKED),
            "bulk_form": DayBulkForm(appointments=selectors.appointments_for_user(user=user, unit=unit),
                                     nurses=slot_selectors.nurses_of_unit(unit=unit),
                                     initial={"from_date": the_day + dt.timedelta(days=1)}),
            "cancel_form": StaffCancelForm(),
            "previous_day": the_day - dt.timedelta(days=1),
            "next_day": the_day + dt.timedelta(days=1),
            "filter_query": query.urlencode(),
        },
    )


@require_POST
@staff_view(Capability.BOOKING_MANAGE)
def day_bulk(request):
    unit, user = request.staff.unit, request.user
    form = DayBulkForm(request.POST, appointments=selectors.appointments_for_user(user=user, unit=unit).filter(
        status=AppointmentStatus.BOOKED), nurses=slot_selectors.nurses_of_unit(unit=unit))
    back = back_to(request, reverse("responses:day"))
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(back)
    data = form.cleaned_data
    chosen = list(data["appointments"].select_related("slot__unit", "slot__room", "slot__nurse"))
    actor = Actor.from_request(request)
    if data["action"] == "cancel":
        outcome = day_appointments_cancel(appointments=chosen, actor=actor, block_slots=data["block_slots"],
                                          reason=data["reason"])
        done = ngettext("%(n)d time was cancelled; the citizen gets a message.",
                        "%(n)d times were cancelled; each citizen gets a message.", len(outcome.changed))
    else:
        outcome = day_appointments_move(
            appointments=chosen, how=data["move_to"], actor=actor,
            nurse_id=data["target_nurse"].pk if data["target_nurse"] else None, from_date=data["from_date"],
            block_slots=data["block_slots"], reason=data["reason"],
        )
        done = ngettext("%(n)d time was moved; the citizen gets a message.",
                        "%(n)d times were moved; each citizen gets a message.", len(outcome.changed))
    if outcome.changed:
        messages.success(request, done % {"n": len(outcome.changed)})
    for appointment, reason in outcome.failed:
        start = timezone.localtime(appointment.slot.starts_at)
        messages.error(request, _("%(time)s %(name)s was not changed: %(reason)s") % {
            "time": f"{start:%H:%M}", "name": appointment.participation.person.full_name, "reason": reason})
    if outcome.blocked:
        messages.info(request, ngettext("%(n)d freed time was blocked.", "%(n)d freed times were blocked.",
                                        outcome.blocked) % {"n": outcome.blocked})
    return redirect(back)


@require_POST
@staff_view(Capability.BOOKING_MANAGE)
def mark(request, pk: int):
    appointment = selectors.appointment_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    outcome = request.POST.get("outcome", "")
    try:
        booking_services.appointment_mark(appointment=appointment, outcome=outcome, actor=Actor.from_request(request))
        if outcome == AppointmentStatus.ATTENDED:
            messages.success(request, _("%(name)s came to the dialogue.") % {
                "name": appointment.participation.person.full_name})
        else:
            messages.success(request, _("%(name)s did not come. Offer a new time on the phone.") % {
                "name": appointment.participation.person.full_name})
    except BookingError as exc:
        messages.error(request, exc.message)
    return redirect(back_to(request, reverse("responses:day")))
