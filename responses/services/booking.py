"""Booking, moving and cancelling appointments in the unit's slots.

One transaction per change, with the participation row locked (one change
at a time per person) and the slot taken by compare-and-set in scheduling
(`slot_reserve`): of two people racing for the last slot, one gets it and
the other a clear message; a double submit finds the first booking and
books nothing more. The participation moves answered → booked and back
through PARTICIPATION_MACHINE, the booking basis follows, the lab tests are
ordered, the citizen gets a message, and the access log gets a row.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from invitations.models import Participation
from population.models import AccessAction, ActorKind
from population.services.audit import Actor, Auditor
from responses.models import (
    APPOINTMENT_MACHINE,
    Appointment,
    AppointmentEvent,
    AppointmentStatus,
    BasisStatus,
    BookedVia,
    BookingBasis,
    CancelReason,
    VisitNeeds,
)
from responses.rules import WEB_BOOKING_LEAD, WEB_CHANGE_CUTOFF
from responses.services import messages
from responses.services.basis import booking_basis_follow
from responses.services.call_list import no_show_call_list_add
from responses.services.errors import BookingError
from responses.services.lab import lab_orders_ensure
from responses.services.participation import (
    participation_lock,
    participation_to_booked,
    participation_to_visited,
    participation_unbook,
)
from scheduling.models import Slot
from scheduling.services.errors import SchedulingError, SlotUnavailable
from scheduling.services.slots import slot_change_length, slot_release, slot_reserve


def _is_citizen(actor: Actor) -> bool:
    return actor.kind == ActorKind.CITIZEN


def _live_appointment(participation: Participation) -> Appointment | None:
    return (
        Appointment.objects.select_related("slot")
        .filter(participation=participation, status=AppointmentStatus.BOOKED)
        .first()
    )


def _needed_minutes(participation: Participation) -> int:
    needs = VisitNeeds.objects.filter(participation=participation).first()
    return needs.required_minutes if needs else VisitNeeds().required_minutes


def _check_web_slot(slot: Slot, *, participation: Participation, now: dt.datetime) -> None:
    if slot.starts_at < now + WEB_BOOKING_LEAD:
        raise BookingError(_("Times on the web can be booked from a week ahead. Please choose a later time."))
    if slot.minutes < _needed_minutes(participation):
        raise BookingError(_("That time is too short for your visit. Please choose a longer time or call us."))


def _check_web_basis(participation: Participation, *, now: dt.datetime) -> None:
    """On the web a citizen books through their booking basis, until its deadline."""
    basis = BookingBasis.objects.filter(participation=participation).first()
    if basis is None or basis.status == BasisStatus.CLOSED:
        raise BookingError(_("Booking on the web is not open for you. Please call us and we will book a time."))
    if basis.deadline < timezone.localdate(now):
        raise BookingError(_("The last day to book on the web has passed. Please call us and we will book a time."))


def _take_slot(*, slot: Slot, participation: Participation, actor: Actor, now: dt.datetime, web: bool,
               minutes: int | None) -> Slot:
    if slot.unit_id != participation.round.unit_id:
        raise BookingError(_("The time belongs to another care unit."))
    if minutes and minutes != slot.minutes:
        # Lengthen first (it locks the unit, then the slot: the order the slot page uses too).
        try:
            slot_change_length(slot=slot, minutes=minutes, actor=actor, now=now)
        except SchedulingError as exc:
            raise BookingError(exc.message) from None
    if web:
        _check_web_slot(slot, participation=participation, now=now)
    slot_reserve(slot=slot, actor=actor, now=now, web=web, note=f"participation {participation.pk}")
    return slot


def _create(*, participation: Participation, slot: Slot, actor: Actor, now: dt.datetime, via: str) -> Appointment:
    basis = BookingBasis.objects.filter(participation=participation).first()
    appointment = Appointment.objects.create(
        participation=participation, slot=slot, basis=basis, status=AppointmentStatus.BOOKED,
        status_changed_at=now, booked_at=now, booked_via=via, booked_by=actor.user,
    )
    AppointmentEvent.objects.create(appointment=appointment, from_status="", to_status=AppointmentStatus.BOOKED,
                                    at=now, actor_name=actor.name[:150], actor_user=actor.user)
    return appointment


def _audit(actor: Actor, participation: Participation, appointment: Appointment, action: str, detail: str,
           now: dt.datetime) -> None:
    start = timezone.localtime(appointment.slot.starts_at)
    Auditor(actor, now=now).record(
        action=action, person=participation.person, obj=appointment,
        detail=f"{detail} {start:%Y-%m-%d %H:%M}", unit=participation.round.unit,
    )


def appointment_book(
    *,
    participation: Participation,
    slot: Slot,
    actor: Actor,
    now: dt.datetime | None = None,
    minutes: int | None = None,
) -> Appointment:
    """Book `slot` for `participation` (a citizen on the web when `actor` is the citizen, else staff).

    `minutes` makes the time longer (or shorter) in the same transaction, e.g.
    for a visit with an interpreter. Raises SlotUnavailable when the slot was
    taken meanwhile and BookingError for anything else; nothing is changed then.
    """
    now = now or timezone.now()
    web = _is_citizen(actor)
    with transaction.atomic():
        locked = participation_lock(participation)
        if _live_appointment(locked) is not None:
            raise BookingError(
                _("You already have a booked time. Change it instead of booking another.") if web
                else _("The person already has a booked time. Move it instead of booking another.")
            )
        if web:
            _check_web_basis(locked, now=now)
        participation_to_booked(participation=locked, actor=actor, now=now, web=web)
        _take_slot(slot=slot, participation=locked, actor=actor, now=now, web=web, minutes=minutes)
        appointment = _create(participation=locked, slot=slot, actor=actor, now=now,
                              via=BookedVia.WEB if web else BookedVia.STAFF)
        booking_basis_follow(participation=locked, to_status=BasisStatus.BOOKED, actor=actor, now=now,
                             note=_("Time booked"))
        lab_orders_ensure(participation=locked, actor=actor, now=now)
        messages.booking_message_send(appointment=appointment, kind=messages.CONFIRMATION, now=now)
        _audit(actor, locked, appointment, AccessAction.CREATE, "time booked", now)
    participation.refresh_from_db(fields=["state", "state_changed_at"])
    return appointment


def _check_citizen_may_change(appointment: Appointment, now: dt.datetime) -> None:
    if appointment.slot.starts_at - now < WEB_CHANGE_CUTOFF:
        raise BookingError(_("Your time is less than a day away and can no longer be changed here. Please call us."))


def _reload_live(appointment: Appointment) -> Appointment:
    current = (
        Appointment.objects.select_related("slot__unit", "slot__room", "participation")
        .filter(pk=appointment.pk)
        .first()
    )
    if current is None or current.status != AppointmentStatus.BOOKED:
        raise BookingError(_("The booking has already been changed. The page shows how it is now."))
    return current


def _lock_for_change(appointment: Appointment, *, web: bool, now: dt.datetime) -> tuple[Participation, Appointment]:
    """Inside the caller's transaction: the participation locked and the appointment as it is now (still booked)."""
    locked = participation_lock(appointment.participation)
    current = _reload_live(appointment)
    if web:
        _check_citizen_may_change(current, now)
    return locked, current


def appointment_rebook(
    *, appointment: Appointment, slot: Slot, actor: Actor, now: dt.datetime | None = None,
    minutes: int | None = None,
) -> Appointment:
    """Move a booked appointment to another free slot; the old time is freed. All or nothing."""
    now = now or timezone.now()
    web = _is_citizen(actor)
    with transaction.atomic():
        locked, current = _lock_for_change(appointment, web=web, now=now)
        if slot.pk == current.slot_id:
            raise BookingError(_("That is the time already booked."))
        _take_slot(slot=slot, participation=locked, actor=actor, now=now, web=web, minutes=minutes)
        APPOINTMENT_MACHINE.transition(current, AppointmentStatus.CANCELLED, actor_name=actor.name,
                                       actor_user=actor.user, now=now, note=_("Moved to another time"),
                                       cancel_reason=CancelReason.REBOOKED)
        slot_release(slot=current.slot, actor=actor, now=now, note=_("The booking moved to another time"))
        new = _create(participation=locked, slot=slot, actor=actor, now=now,
                      via=BookedVia.WEB if web else BookedVia.STAFF)
        Appointment.objects.filter(pk=current.pk).update(replaced_by=new)
        messages.booking_message_send(appointment=new, kind=messages.CHANGED, now=now)
        _audit(actor, locked, new, AccessAction.CHANGE, "time moved to", now)
    return new


def appointment_cancel(
    *,
    appointment: Appointment,
    reason: str,
    actor: Actor,
    now: dt.datetime | None = None,
    notify: bool = True,
) -> Appointment:
    """Cancel a booked appointment: the slot is freed and the participation goes back to answered."""
    now = now or timezone.now()
    web = _is_citizen(actor)
    with transaction.atomic():
        locked, current = _lock_for_change(appointment, web=web, now=now)
        APPOINTMENT_MACHINE.transition(current, AppointmentStatus.CANCELLED, actor_name=actor.name,
                                       actor_user=actor.user, now=now, note=CancelReason(reason).label,
                                       cancel_reason=reason)
        if current.slot.starts_at > now:
            slot_release(slot=current.slot, actor=actor, now=now, note=_("The booking was cancelled"))
        participation_unbook(participation=locked, actor=actor, now=now, note=_("Time cancelled"))
        booking_basis_follow(participation=locked, to_status=BasisStatus.WAITING, actor=actor, now=now,
                             note=_("Time cancelled"))
        if notify:
            messages.booking_message_send(appointment=current, kind=messages.CANCELLED, now=now)
        _audit(actor, locked, current, AccessAction.CHANGE, "time cancelled", now)
    return current


def appointment_mark(
    *, appointment: Appointment, outcome: str, actor: Actor, now: dt.datetime | None = None
) -> Appointment:
    """End a booked appointment as attended or no-show (from the time it starts); a no-show goes on the call list."""
    now = now or timezone.now()
    if outcome not in (AppointmentStatus.ATTENDED, AppointmentStatus.NO_SHOW):
        raise BookingError(_("An appointment ends as attended or did not come."))
    with transaction.atomic():
        locked, current = _lock_for_change(appointment, web=False, now=now)
        if current.slot.starts_at > now:
            raise BookingError(_("The time has not started yet."))
        APPOINTMENT_MACHINE.transition(current, outcome, actor_name=actor.name, actor_user=actor.user, now=now)
        if outcome == AppointmentStatus.ATTENDED:
            participation_to_visited(participation=locked, actor=actor, now=now)
            booking_basis_follow(participation=locked, to_status=BasisStatus.CLOSED, actor=actor, now=now,
                                 note=_("Came to the health dialogue"))
        else:
            participation_unbook(participation=locked, actor=actor, now=now, note=_("Did not come"))
            booking_basis_follow(participation=locked, to_status=BasisStatus.WAITING, actor=actor, now=now,
                                 note=_("Did not come"))
            no_show_call_list_add(appointment=current, actor=actor, now=now)  # offer a new time by phone
        _audit(actor, locked, current, AccessAction.CHANGE, f"appointment {outcome}", now)
    return current


__all__ = [
    "SlotUnavailable",
    "appointment_book",
    "appointment_cancel",
    "appointment_mark",
    "appointment_rebook",
]
