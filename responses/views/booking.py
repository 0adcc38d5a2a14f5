"""Staff book on the phone: the participation's booking page, needs, booking basis, cancel, watch list."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from population.models import AccessAction
from population.services.audit import Actor, Auditor
from responses import selectors
from responses.forms import (
    BasisCloseForm,
    BasisExtendForm,
    NeedsForm,
    StaffBookForm,
    StaffCancelForm,
    WeekNurseFilterForm,
)
from responses.rules import LAB_BEFORE_VISIT
from responses.services import basis as basis_services
from responses.services import booking as booking_services
from responses.services.errors import BookingError
from responses.services.needs import visit_needs_set
from responses.views._common import back_to, by_day
from rhs_portal.access import staff_view
from rhs_portal.feedback import form_errors_to_messages
from rhs_portal.roles import Capability
from rhs_portal.statemachine import TransitionConflict, TransitionNotAllowed
from scheduling import selectors as slot_selectors
from scheduling.services.errors import SlotUnavailable
from scheduling.workdays import local_day_bounds, week_monday

BOOKABLE_AHEAD = dt.timedelta(days=365)


@staff_view(Capability.BOOKING_MANAGE)
def book(request, pk: int):
    unit, user = request.staff.unit, request.user
    participation = selectors.participation_for_booking(user=user, unit=unit, pk=pk)
    person = participation.person
    now = timezone.now()
    current = selectors.live_appointment_of(participation)
    needs = selectors.needs_of(participation)
    form = StaffBookForm(
        request.POST or None,
        slots=slot_selectors.free_slots(unit=unit, start=now, end=now + BOOKABLE_AHEAD),
        initial={"minutes": needs.required_minutes if needs.required_minutes > 75 else None},
    )
    if request.method == "POST" and form.is_valid():
        slot, minutes = form.cleaned_data["slot"], form.cleaned_data["minutes"]
        actor = Actor.from_request(request)
        try:
            if current:
                booking_services.appointment_rebook(appointment=current, slot=slot, actor=actor, minutes=minutes)
                messages.success(request, _("The time was moved. The citizen gets a message about it."))
            else:
                booking_services.appointment_book(participation=participation, slot=slot, actor=actor,
                                                  minutes=minutes)
                messages.success(request, _("The time is booked. The citizen gets a confirmation."))
            return redirect("responses:book", pk=participation.pk)
        except SlotUnavailable as exc:
            form.add_error("slot", exc.message)
        except BookingError as exc:
            form.add_error(None, exc.message)
    Auditor(Actor.from_request(request), now=now).record(
        action=AccessAction.VIEW, person=person, obj=participation, detail="booking page"
    )
    nurses = slot_selectors.nurses_of_unit(unit=unit)
    filters = WeekNurseFilterForm(request.GET or None, nurses=nurses)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    monday = week_monday(chosen.get("vecka") or timezone.localdate(now))
    start, _end = local_day_bounds(monday)
    end, _next = local_day_bounds(monday + dt.timedelta(days=7))
    nurse = chosen.get("skoterska")
    week_slots = slot_selectors.free_slots(unit=unit, start=max(start, now), end=end,
                                           nurse_id=nurse.pk if nurse else None)
    return render(
        request,
        "responses/book.html",
        {
            "participation": participation,
            "person": person,
            "current": current,
            "history": selectors.appointments_of(participation),
            "basis": selectors.basis_of(participation),
            "needs": needs,
            "needs_form": NeedsForm(initial={
                "interpreter_language": needs.interpreter_language, "accessibility": needs.accessibility,
                "longer_visit": needs.longer_visit,
            }),
            "form": form,
            "days": by_day(week_slots),
            "filters": filters,
            "monday": monday,
            "previous_week": monday - dt.timedelta(days=7),
            "next_week": monday + dt.timedelta(days=7),
            "cancel_form": StaffCancelForm(),
            "lab_lead_days": LAB_BEFORE_VISIT.days,
            "soon": now + LAB_BEFORE_VISIT,
        },
    )


@require_POST
@staff_view(Capability.BOOKING_MANAGE)
def needs(request, pk: int):
    participation = selectors.participation_for_booking(user=request.user, unit=request.staff.unit, pk=pk)
    form = NeedsForm(request.POST)
    if form.is_valid():
        visit_needs_set(participation=participation, actor=Actor.from_request(request), **form.cleaned_data)
        messages.success(request, _("The needs were saved."))
    else:
        messages.error(request, _("The needs could not be saved: check the fields."))
    return redirect(back_to(request, reverse("responses:book", args=[participation.pk])))


@require_POST
@staff_view(Capability.BOOKING_MANAGE)
def basis_create(request, pk: int):
    participation = selectors.participation_for_booking(user=request.user, unit=request.staff.unit, pk=pk)
    try:
        basis = basis_services.booking_basis_create(participation=participation, actor=Actor.from_request(request))
    except BookingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The booking basis is ready: the citizen can book a web time until %(date)s. "
                                    "Lab tests are ordered.") % {"date": basis.deadline.isoformat()})
    return redirect(back_to(request, reverse("responses:book", args=[participation.pk])))


@require_POST
@staff_view(Capability.BOOKING_MANAGE)
def basis_change(request, pk: int):
    basis = selectors.basis_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    actor = Actor.from_request(request)
    action = request.POST.get("action")
    form = BasisExtendForm(request.POST) if action == "extend" else BasisCloseForm(request.POST)
    if not form.is_valid():
        form_errors_to_messages(request, form)
    else:
        try:
            if action == "extend":
                basis_services.booking_basis_extend(basis=basis, days=form.cleaned_data["days"], actor=actor)
                messages.success(request, _("The citizen can book until %(date)s.")
                                 % {"date": basis.deadline.isoformat()})
            else:
                basis_services.booking_basis_close(basis=basis, reason=form.cleaned_data["reason"], actor=actor)
                messages.success(request, _("The booking basis is closed."))
        except BookingError as exc:
            messages.error(request, exc.message)
        except (TransitionConflict, TransitionNotAllowed):
            messages.warning(request, str(TransitionConflict.message))
    return redirect(back_to(request, reverse("responses:watch_list")))


@require_POST
@staff_view(Capability.BOOKING_MANAGE)
def cancel(request, pk: int):
    appointment = selectors.appointment_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    form = StaffCancelForm(request.POST)
    if form.is_valid():
        try:
            booking_services.appointment_cancel(appointment=appointment, reason=form.cleaned_data["reason"],
                                                actor=Actor.from_request(request))
            messages.success(request, _("The time is cancelled and free again. The citizen gets a message."))
        except BookingError as exc:
            messages.error(request, exc.message)
    return redirect(back_to(request, reverse("responses:book", args=[appointment.participation_id])))


@staff_view(Capability.BOOKING_MANAGE)
def watch_list(request):
    """Booking bases past the deadline without a booking: call them."""
    today = timezone.localdate()
    bases = list(selectors.watch_list(user=request.user, unit=request.staff.unit, today=today))
    Auditor(Actor.from_request(request)).record_many(
        action=AccessAction.VIEW, person_ids=[b.participation.person_id for b in bases],
        detail="booking watch list (name and phone)",
    )
    for basis in bases:
        basis.days_over = (today - basis.deadline).days
    return render(
        request, "responses/watch_list.html",
        {"bases": bases, "extend_form": BasisExtendForm(), "close_form": BasisCloseForm()},
    )
