"""Staff pages for the unit's web times: the week, one time, series of times, rooms."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from population.services.audit import Actor
from rhs_portal.access import staff_view
from rhs_portal.feedback import form_errors_to_messages
from rhs_portal.roles import Capability
from rhs_portal.statemachine import TransitionConflict
from scheduling import selectors
from scheduling.forms import BlockForm, BulkSlotsForm, LengthForm, RoomForm, SeriesForm, WeekFilterForm
from scheduling.models import SlotStatus
from scheduling.services import slots as slot_services
from scheduling.services.errors import SchedulingError
from scheduling.services.series import SeriesConflict, slot_series_create
from scheduling.workdays import holiday_name, week_monday


def _outcome_message(request, outcome, done) -> None:
    """`done(n)` is the success message for n changed times."""
    if outcome.changed:
        messages.success(request, done(outcome.changed))
    if outcome.booked_left:
        messages.warning(
            request,
            ngettext(
                "%(n)d time is booked and was left as it is: move or cancel the booking first.",
                "%(n)d times are booked and were left as they are: move or cancel the bookings first.",
                outcome.booked_left,
            ) % {"n": outcome.booked_left},
        )
    if outcome.other_left and not outcome.changed:
        messages.info(request, _("None of the ticked times could be changed that way."))


def _days(monday: dt.date, slots) -> list[dict]:
    by_day: dict[dt.date, list] = {monday + dt.timedelta(days=i): [] for i in range(7)}
    for slot in slots:
        by_day.setdefault(timezone.localdate(slot.starts_at), []).append(slot)
    return [{"date": day, "holiday": holiday_name(day), "slots": day_slots} for day, day_slots in by_day.items()]


@staff_view(Capability.BOOKING_MANAGE)
def week(request):
    unit, user = request.staff.unit, request.user
    now = timezone.now()
    nurses = selectors.nurses_of_unit(unit=unit)
    rooms = selectors.rooms_of_unit(user=user, unit=unit)
    filters = WeekFilterForm(request.GET or None, nurses=nurses, rooms=rooms)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    monday = week_monday(chosen.get("vecka") or timezone.localdate(now))
    nurse, room = chosen.get("skoterska"), chosen.get("rum")
    slots = list(selectors.week_slots(user=user, unit=unit, monday=monday, nurse_id=nurse.pk if nurse else None,
                                      room_id=room.pk if room else None))
    query = request.GET.copy()
    query.pop("vecka", None)
    return render(
        request,
        "scheduling/week.html",
        {
            "filters": filters,
            "monday": monday,
            "sunday": monday + dt.timedelta(days=6),
            "days": _days(monday, slots),
            "counts": {s: sum(1 for slot in slots if slot.status == s) for s in SlotStatus.values},
            "free_web_60": selectors.free_web_slot_count(unit=unit, now=now),
            "previous_week": monday - dt.timedelta(days=7),
            "next_week": monday + dt.timedelta(days=7),
            "filter_query": query.urlencode(),
            "has_rooms": rooms.exists(),
            "has_nurses": nurses.exists(),
            "actions": BulkSlotsForm.ACTIONS,
            "now": now,
        },
    )


def _back(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@require_POST
@staff_view(Capability.BOOKING_MANAGE)
def slots_bulk(request):
    unit = request.staff.unit
    form = BulkSlotsForm(request.POST, slots=selectors.slots_for_user(user=request.user, unit=unit))
    back = _back(request, reverse("scheduling:week"))
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(back)
    actor = Actor.from_request(request)
    chosen = selectors.slots_for_user(user=request.user, unit=unit).filter(
        pk__in=[s.pk for s in form.cleaned_data["slots"]]
    )
    action = form.cleaned_data["action"]
    if action == "block":
        outcome = slot_services.slots_block(slots=chosen, reason=form.cleaned_data["reason"], actor=actor)
        _outcome_message(request, outcome, lambda n: ngettext("Blocked %(n)d time.", "Blocked %(n)d times.", n) % {"n": n})
    elif action == "unblock":
        outcome = slot_services.slots_unblock(slots=chosen, actor=actor)
        _outcome_message(request, outcome, lambda n: ngettext("Unblocked %(n)d time.", "Unblocked %(n)d times.", n) % {"n": n})
    else:
        outcome = slot_services.slots_remove(slots=chosen, actor=actor)
        _outcome_message(request, outcome, lambda n: ngettext("Removed %(n)d time.", "Removed %(n)d times.", n) % {"n": n})
    return redirect(back)


@staff_view(Capability.BOOKING_MANAGE)
def slot_detail(request, pk: int):
    unit = request.staff.unit
    slot = selectors.slot_get_for_user(user=request.user, unit=unit, pk=pk)
    block_form, length_form = BlockForm(), LengthForm(initial={"minutes": slot.minutes})
    if request.method == "POST":
        actor = Actor.from_request(request)
        action = request.POST.get("action")
        single = selectors.slots_for_user(user=request.user, unit=unit).filter(pk=slot.pk)
        try:
            if action == "block":
                block_form = BlockForm(request.POST)
                if block_form.is_valid():
                    outcome = slot_services.slots_block(slots=single, reason=block_form.cleaned_data["reason"],
                                                        actor=actor)
                    _outcome_message(request, outcome, lambda n: _("The time is blocked."))
                    return redirect("scheduling:slot_detail", pk=slot.pk)
            elif action == "unblock":
                _outcome_message(request, slot_services.slots_unblock(slots=single, actor=actor),
                                 lambda n: _("The time is free again."))
                return redirect("scheduling:slot_detail", pk=slot.pk)
            elif action == "remove":
                outcome = slot_services.slots_remove(slots=single, actor=actor)
                _outcome_message(request, outcome, lambda n: _("The time is removed."))
                return redirect("scheduling:slot_detail", pk=slot.pk)
            elif action == "length":
                length_form = LengthForm(request.POST)
                if length_form.is_valid():
                    slot_services.slot_change_length(slot=slot, minutes=length_form.cleaned_data["minutes"],
                                                     actor=actor)
                    messages.success(request, _("The time is now %(n)d minutes long.") % {"n": slot.minutes})
                    return redirect("scheduling:slot_detail", pk=slot.pk)
        except SchedulingError as exc:
            length_form.add_error(None, exc.message)
        except TransitionConflict as exc:
            messages.warning(request, str(exc.message))
            return redirect("scheduling:slot_detail", pk=slot.pk)
    return render(
        request,
        "scheduling/slot_detail.html",
        {
            "slot": slot,
            "history": selectors.slot_history(slot=slot),
            "block_form": block_form,
            "length_form": length_form,
            "is_future": slot.starts_at > timezone.now(),
        },
    )


@staff_view(Capability.BOOKING_MANAGE)
def series_create(request):
    unit, user = request.staff.unit, request.user
    nurses = selectors.nurses_of_unit(unit=unit)
    rooms = selectors.rooms_of_unit(user=user, unit=unit, active_only=True)
    conflicts = []
    if request.method == "POST":
        form = SeriesForm(request.POST, nurses=nurses, rooms=rooms)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = slot_series_create(
                    unit=unit, nurse=data["nurse"], room=data["room"], plan=form.plan(),
                    web_bookable=data["web_bookable"], skip_overlaps=data["skip_overlaps"],
                    actor=Actor.from_request(request),
                )
            except SeriesConflict as exc:
                form.add_error(None, exc.message)
                conflicts = exc.conflicts
            except SchedulingError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    ngettext("%(n)d time was created.", "%(n)d times were created.", result.created)
                    % {"n": result.created},
                )
                for skipped in result.skipped:
                    start = timezone.localtime(skipped.starts_at)
                    messages.info(request, f"{start:%Y-%m-%d %H:%M}: {skipped.reason}")
                week_of = timezone.localdate(result.first_start)
                return redirect(f"{reverse('scheduling:week')}?vecka={week_of.isoformat()}")
    else:
        form = SeriesForm(nurses=nurses, rooms=rooms, initial={"first_date": timezone.localdate()})
    return render(
        request,
        "scheduling/series_form.html",
        {"form": form, "conflicts": conflicts, "has_rooms": rooms.exists(), "has_nurses": nurses.exists()},
    )


@staff_view(Capability.BOOKING_MANAGE)
def series_list(request):
    series = selectors.series_for_user(user=request.user, unit=request.staff.unit, now=timezone.now())
    return render(request, "scheduling/series_list.html", {"series_list": series})


@require_POST
@staff_view(Capability.BOOKING_MANAGE)
def series_remove(request, pk: int):
    series = selectors.series_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    outcome = slot_services.slot_series_remove_future(series=series, actor=Actor.from_request(request))
    _outcome_message(request, outcome, lambda n: ngettext("Removed %(n)d time of the series.", "Removed %(n)d times of the series.", n) % {"n": n})
    return redirect("scheduling:series_list")


@staff_view(Capability.BOOKING_MANAGE)
def rooms(request):
    unit = request.staff.unit
    form = RoomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            room = slot_services.room_create(
                unit=unit, name=form.cleaned_data["name"], directions=form.cleaned_data["directions"],
                actor=Actor.from_request(request),
            )
        except SchedulingError as exc:
            form.add_error("name", exc.message)
        else:
            messages.success(request, _("The room %(name)s was added.") % {"name": room.name})
            return redirect("scheduling:rooms")
    return render(
        request, "scheduling/rooms.html",
        {"form": form, "rooms": selectors.rooms_of_unit(user=request.user, unit=unit).order_by("name")},
    )


@require_POST
@staff_view(Capability.BOOKING_MANAGE)
def room_toggle(request, pk: int):
    room = selectors.room_get_for_user(user=request.user, unit=request.staff.unit, pk=pk)
    slot_services.room_set_active(room=room, active=not room.is_active, actor=Actor.from_request(request))
    if room.is_active:
        messages.success(request, _("%(name)s is in use again.") % {"name": room.name})
    else:
        messages.success(request, _("%(name)s is no longer offered for new series.") % {"name": room.name})
    return redirect("scheduling:rooms")
