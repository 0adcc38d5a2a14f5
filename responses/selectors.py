"""Reads of bookings, bases, needs and lab data, scoped to the user's units (another unit's object is 404)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from invitations.models import OPEN_STATES, Participation
from invitations.selectors import participations_for_user
from population.models import CareUnit, StaffUser
from population.selectors import units_for_user
from responses.models import (
    Appointment,
    AppointmentStatus,
    BasisStatus,
    BookingBasis,
    LabCodeMapping,
    LabOrder,
    LabOrderStatus,
    LabResult,
    LabResultImport,
    VisitNeeds,
)
from responses.rules import WEB_BOOKABLE, WEB_CHANGE_CUTOFF
from rhs_portal.roles import Capability
from scheduling.workdays import local_day_bounds


def _unit_ids(*, user: StaffUser, unit: CareUnit | None, capability: str = Capability.BOOKING_MANAGE):
    units = units_for_user(user=user, capability=capability)
    if unit is not None:
        units = units.filter(pk=unit.pk)
    return units.values("pk")


# --- Participations, needs, bases ---------------------------------------------------------


def participation_for_booking(*, user: StaffUser, unit: CareUnit, pk: int) -> Participation:
    return get_object_or_404(
        participations_for_user(user=user, unit=unit).select_related("person", "round__unit"), pk=pk
    )


def needs_of(participation: Participation) -> VisitNeeds:
    """The participation's needs, or an unsaved empty record (no needs)."""
    return VisitNeeds.objects.filter(participation=participation).first() or VisitNeeds(participation=participation)


def basis_of(participation: Participation) -> BookingBasis | None:
    return BookingBasis.objects.filter(participation=participation).first()


def basis_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int) -> BookingBasis:
    return get_object_or_404(
        BookingBasis.objects.filter(participation__round__unit__in=_unit_ids(user=user, unit=unit))
        .select_related("participation__person"),
        pk=pk,
    )


def watch_list(*, user: StaffUser, unit: CareUnit, today: dt.date) -> QuerySet[BookingBasis]:
    """Bases past their deadline without a booking, for a phone call (oldest deadline first)."""
    return (
        BookingBasis.objects.filter(
            participation__round__unit__in=_unit_ids(user=user, unit=unit),
            status=BasisStatus.WAITING,
            deadline__lt=today,
            participation__state__in=OPEN_STATES,
        )
        .select_related("participation__person", "participation__visit_needs")
        .order_by("deadline", "pk")
    )


# --- Appointments ---------------------------------------------------------------------------


def appointments_for_user(*, user: StaffUser, unit: CareUnit) -> QuerySet[Appointment]:
    return Appointment.objects.filter(participation__round__unit__in=_unit_ids(user=user, unit=unit))


def appointment_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int) -> Appointment:
    return get_object_or_404(
        appointments_for_user(user=user, unit=unit).select_related(
            "participation__person", "participation__round__unit", "slot__room", "slot__nurse", "slot__unit"
        ),
        pk=pk,
    )


def live_appointment_of(participation: Participation) -> Appointment | None:
    return (
        Appointment.objects.filter(participation=participation, status=AppointmentStatus.BOOKED)
        .select_related("slot__room", "slot__nurse", "slot__unit")
        .first()
    )


def appointments_of(participation: Participation) -> QuerySet[Appointment]:
    return (
        Appointment.objects.filter(participation=participation)
        .select_related("slot__room", "slot__nurse", "booked_by")
        .order_by("-booked_at")
    )


def day_appointments(
    *, user: StaffUser, unit: CareUnit, day: dt.date, nurse_id: int | None = None, include_cancelled: bool = False
) -> QuerySet[Appointment]:
    """The day's dialogues in time order, with person, needs and lab orders loaded (fixed queries)."""
    start, end = local_day_bounds(day)
    appointments = appointments_for_user(user=user, unit=unit).filter(
        slot__starts_at__gte=start, slot__starts_at__lt=end
    )
    if not include_cancelled:
        appointments = appointments.exclude(status=AppointmentStatus.CANCELLED)
    if nurse_id:
        appointments = appointments.filter(slot__nurse_id=nurse_id)
    return (
        appointments.select_related(
            "participation__person", "participation__visit_needs", "slot__room", "slot__nurse"
        )
        .prefetch_related(Prefetch("participation__lab_orders", queryset=LabOrder.objects.order_by("analysis")))
        .order_by("slot__starts_at", "slot__nurse__last_name")
    )


# --- Lab ------------------------------------------------------------------------------------


def lab_orders_of(participation: Participation) -> QuerySet[LabOrder]:
    return participation.lab_orders.exclude(status=LabOrderStatus.CANCELLED).order_by("analysis")


def current_lab_results_of(participation: Participation) -> QuerySet[LabResult]:
    return participation.lab_results.filter(superseded_at__isnull=True).select_related("entered_by")


def lab_order_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int) -> LabOrder:
    return get_object_or_404(
        LabOrder.objects.filter(
            participation__round__unit__in=_unit_ids(user=user, unit=unit, capability=Capability.LAB_MANAGE)
        ).select_related("participation__person"),
        pk=pk,
    )


def lab_participation_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int) -> Participation:
    return get_object_or_404(
        Participation.objects.filter(
            round__unit__in=_unit_ids(user=user, unit=unit, capability=Capability.LAB_MANAGE)
        ).select_related("person", "round__unit"),
        pk=pk,
    )


def lab_orders_waiting(*, user: StaffUser, unit: CareUnit) -> QuerySet[LabOrder]:
    """Orders without results yet, oldest first, with the person's next booked time."""
    return (
        LabOrder.objects.filter(
            participation__round__unit__in=_unit_ids(user=user, unit=unit, capability=Capability.LAB_MANAGE),
            status__in=[LabOrderStatus.ORDERED, LabOrderStatus.SAMPLED],
            participation__state__in=OPEN_STATES,
        )
        .select_related("participation__person")
        .prefetch_related(
            Prefetch(
                "participation__appointments",
                queryset=Appointment.objects.filter(status=AppointmentStatus.BOOKED).select_related("slot"),
                to_attr="booked",
            )
        )
        .order_by("ordered_at", "participation_id", "analysis")
    )


def lab_imports_for_user(*, user: StaffUser, unit: CareUnit) -> QuerySet[LabResultImport]:
    return LabResultImport.objects.filter(
        unit__in=_unit_ids(user=user, unit=unit, capability=Capability.LAB_MANAGE)
    ).select_related("uploaded_by", "committed_by")


def lab_import_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int) -> LabResultImport:
    return get_object_or_404(lab_imports_for_user(user=user, unit=unit), pk=pk)


# --- The citizen's booking page ---------------------------------------------------------------


@dataclass(frozen=True)
class CitizenBooking:
    appointment: Appointment | None
    basis: BookingBasis | None
    needs: VisitNeeds
    can_book: bool  # may book a new time on the web now
    can_change: bool  # may move or cancel the booked time on the web now
    deadline_passed: bool


def citizen_booking(*, participation: Participation, now: dt.datetime | None = None) -> CitizenBooking:
    """What the citizen can do about their time, read for their own participation only."""
    now = now or timezone.now()
    appointment = live_appointment_of(participation)
    basis = basis_of(participation)
    today = timezone.localdate(now)
    deadline_passed = bool(basis and basis.deadline < today)
    can_book = (
        appointment is None
        and basis is not None
        and basis.status != BasisStatus.CLOSED
        and not deadline_passed
        and participation.state in WEB_BOOKABLE
    )
    can_change = appointment is not None and appointment.slot.starts_at - now >= WEB_CHANGE_CUTOFF
    return CitizenBooking(
        appointment=appointment, basis=basis, needs=needs_of(participation), can_book=can_book,
        can_change=can_change, deadline_passed=deadline_passed,
    )


def participations_with_bookings(*, user: StaffUser, unit: CareUnit, person) -> QuerySet[Participation]:
    """The person's participations in the unit with bookings, basis, needs and lab data loaded."""
    return (
        participations_for_user(user=user, unit=unit)
        .filter(person=person)
        .select_related("round", "booking_basis", "visit_needs")
        .prefetch_related(
            Prefetch(
                "appointments",
                queryset=Appointment.objects.select_related("slot__room", "slot__nurse").order_by("-booked_at"),
                to_attr="appointment_list",
            ),
            Prefetch("lab_orders", queryset=LabOrder.objects.order_by("analysis")),
            Prefetch(
                "lab_results",
                queryset=LabResult.objects.filter(superseded_at__isnull=True).order_by("analyte"),
                to_attr="current_results",
            ),
        )
        .order_by("-round__year")
    )


def lab_codes():
    """The analysis codes the lab import understands (not personal data)."""
    return LabCodeMapping.objects.order_by("analyte", "code")


# --- For system jobs (the reminder sweep): set-based, not scoped to a user --------------------


def booked_appointments_starting(*, start: dt.datetime, end: dt.datetime) -> QuerySet[Appointment]:
    """Booked appointments whose time starts in [start, end), with what a reminder needs loaded.

    For the reminder rules ("two working days before", "a week before", "the
    last working day before"): read in one query, with the participation's
    lab orders prefetched for the pre-visit check (responses.previsit).
    """
    return (
        Appointment.objects.filter(status=AppointmentStatus.BOOKED, slot__starts_at__gte=start,
                                   slot__starts_at__lt=end, participation__state__in=OPEN_STATES)
        .select_related("participation__person", "participation__round__unit", "slot__room", "slot__unit")
        .prefetch_related("participation__lab_orders")
        .order_by("slot__starts_at")
    )


# Our analytes as the visit page's lab codes (visits.lab_sources.LAB_CODES), for its lab-source hook.
VISIT_LAB_CODES = {
    "glucose": "fp_glucose",
    "hba1c": "hba1c",
    "total_cholesterol": "total_cholesterol",
    "hdl": "hdl",
    "ldl": "ldl",
    "triglycerides": "triglycerides",
}


@dataclass(frozen=True)
class LabValueForVisit:
    code: str
    value: object  # Decimal
    unit: str
    taken_on: dt.date
    source: str


def lab_values_for_visit(participation: Participation) -> list[LabValueForVisit]:
    """The participation's current lab values in the visit page's codes (one query)."""
    return [
        LabValueForVisit(code=VISIT_LAB_CODES[r.analyte], value=r.value, unit=r.unit, taken_on=r.sampled_on,
                         source=r.get_source_display())
        for r in participation.lab_results.filter(superseded_at__isnull=True).order_by("analyte")
    ]


def visit_time_for_reminder(participation: Participation, language: str = "sv"):
    """The booked time in the citizen's language, for the visit page's pre-visit reminder (visits.visit_times)."""
    from responses.services.messages import booking_facts
    from visits.visit_times import VisitTime

    appointment = live_appointment_of(participation)
    if appointment is None:
        return None
    facts = booking_facts(appointment, language=language)
    return VisitTime(date=facts.date, time=facts.time, place=facts.place)
