"""The citizen books, changes and cancels their 75-minute time through their personal link.

Only free web times at least a week ahead are offered (the lab samples are
taken before the visit), long enough for the citizen's needs. Two citizens
choosing the same time at once: one gets it, the other a plain message and
the list again. Every change sends a message (responses.services.messages).
"""

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from citizen.access import citizen_view
from citizen.forms import CitizenNeedsForm
from citizen.sections import citizen_section
from population.models import AccessAction
from population.services.audit import Auditor
from responses import selectors
from responses.models import CancelReason
from responses.rules import LAB_BEFORE_VISIT, WEB_BOOKING_HORIZON, WEB_BOOKING_LEAD
from responses.services.booking import appointment_book, appointment_cancel, appointment_rebook
from responses.services.errors import BookingError
from responses.services.needs import visit_needs_set
from rhs_portal.dates import day_in_text
from scheduling.selectors import free_slot_get, free_slots
from scheduling.services.errors import SlotUnavailable
from scheduling.workdays import local_day_bounds, week_monday


def _when(slot) -> str:
    return day_in_text(slot.starts_at, with_time=True)


def _week(request, earliest: dt.datetime) -> dt.date:
    first = week_monday(timezone.localdate(earliest))
    try:
        chosen = week_monday(dt.date.fromisoformat(request.GET.get("vecka", "")))
    except ValueError:
        return first
    return max(first, chosen)


@never_cache
@citizen_view("basic")
def booking(request):
    citizen = request.citizen
    now = timezone.now()
    state = selectors.citizen_booking(participation=citizen.participation, now=now)
    Auditor(citizen.actor, now=now).record(
        action=AccessAction.VIEW, person=citizen.person, obj=citizen.participation, detail="citizen booking page"
    )
    choosing = state.can_book or (state.can_change and "andra" in request.GET)
    context = {"state": state, "choosing": choosing, "needs_form": CitizenNeedsForm(initial={
        "interpreter_language": state.needs.interpreter_language, "accessibility": state.needs.accessibility})}
    if choosing:
        earliest, latest = now + WEB_BOOKING_LEAD, now + WEB_BOOKING_HORIZON
        monday = _week(request, earliest)
        start, _end = local_day_bounds(monday)
        end, _next = local_day_bounds(monday + dt.timedelta(days=7))
        offer = {"unit": citizen.unit, "web_only": True, "min_minutes": state.needs.required_minutes}
        week_slots = list(free_slots(start=max(start, earliest), end=min(end, latest), **offer))
        next_free = None if week_slots else free_slots(start=max(end, earliest), end=latest, **offer).first()
        days: dict[dt.date, list] = {}
        for slot in week_slots:
            days.setdefault(timezone.localdate(slot.starts_at), []).append(slot)
        context.update({
            "days": [{"date": d, "slots": s} for d, s in days.items()],
            "monday": monday,
            "previous_week": monday - dt.timedelta(days=7) if start > earliest else None,
            "next_week": monday + dt.timedelta(days=7) if end < latest else None,
            "next_free": next_free,
            "changing": state.appointment is not None,
        })
    return render(request, "citizen/booking/booking.html", context)


@never_cache
@citizen_view("basic")
def booking_confirm(request, slot: int):
    citizen = request.citizen
    now = timezone.now()
    state = selectors.citizen_booking(participation=citizen.participation, now=now)
    chosen = free_slot_get(unit=citizen.unit, pk=slot, web_only=True)
    if chosen is None:
        if state.appointment is not None and state.appointment.slot_id == slot:
            messages.info(request, _("That is already your time."))  # e.g. the confirm button pressed twice
        else:
            messages.error(request, _("That time is no longer free. Please choose another time."))
        return redirect("citizen:booking", token=citizen.token)
    if request.method == "POST":
        try:
            if state.appointment:
                appointment_rebook(appointment=state.appointment, slot=chosen, actor=citizen.actor, now=now)
                messages.success(request, _("Your time is changed to %(when)s. You will get a confirmation.")
                                 % {"when": _when(chosen)})
            else:
                appointment_book(participation=citizen.participation, slot=chosen, actor=citizen.actor, now=now)
                messages.success(request, _("Your time is booked: %(when)s. You will get a confirmation.")
                                 % {"when": _when(chosen)})
        except (SlotUnavailable, BookingError) as exc:
            messages.error(request, exc.message)
        return redirect("citizen:booking", token=citizen.token)
    Auditor(citizen.actor, now=now).record(
        action=AccessAction.VIEW, person=citizen.person, obj=citizen.participation, detail="citizen confirms a time"
    )
    return render(request, "citizen/booking/confirm.html", {
        "slot": chosen, "state": state, "lab_by": timezone.localdate(chosen.starts_at) - LAB_BEFORE_VISIT,
    })


@never_cache
@citizen_view("basic")
def booking_cancel(request):
    citizen = request.citizen
    now = timezone.now()
    state = selectors.citizen_booking(participation=citizen.participation, now=now)
    if state.appointment is None:
        return redirect("citizen:booking", token=citizen.token)
    if request.method == "POST":
        try:
            appointment_cancel(appointment=state.appointment, reason=CancelReason.CITIZEN, actor=citizen.actor,
                               now=now)
            messages.success(request, _("Your time is cancelled. You can book a new time when it suits you."))
        except BookingError as exc:
            messages.error(request, exc.message)
        return redirect("citizen:booking", token=citizen.token)
    return render(request, "citizen/booking/cancel.html", {"state": state})


@citizen_view("basic")
def booking_needs(request):
    citizen = request.citizen
    if request.method == "POST":
        form = CitizenNeedsForm(request.POST)
        if form.is_valid():
            state = selectors.citizen_booking(participation=citizen.participation)
            visit_needs_set(participation=citizen.participation, actor=citizen.actor,
                            longer_visit=state.needs.longer_visit, **form.cleaned_data)
            messages.success(request, _("Thank you. We have noted what you need."))
        else:
            messages.error(request, _("Please check what you wrote."))
    return redirect("citizen:booking", token=citizen.token)


@citizen_section(order=20, template="citizen/booking/_section.html")
def booking_section(request):
    state = selectors.citizen_booking(participation=request.citizen.participation)
    if state.appointment is None and state.basis is None:
        return None
    lab_by = None
    if state.appointment:
        lab_by = timezone.localdate(state.appointment.slot.starts_at) - LAB_BEFORE_VISIT
    return {"state": state, "token": request.citizen.token, "unit": request.citizen.unit, "lab_by": lab_by}
