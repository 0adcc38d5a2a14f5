"""Factories for bookings, taking domain arguments.

`participation_in(unit, state="answered")` gives a participation of a person listed in `unit`;
`AppointmentFactory(participation=p, slot=s)` a booked appointment (the slot is marked booked too).
"""

from __future__ import annotations

import factory
from django.utils import timezone

from invitations.models import ParticipationState
from responses.models import (
    Appointment,
    AppointmentStatus,
    BasisStatus,
    BookedVia,
    BookingBasis,
    LabOrder,
    LabResultImport,
)
from scheduling.models import SlotStatus
from tests.factories import ParticipationFactory, RoundFactory


def participation_in(unit, state: str = ParticipationState.ANSWERED, **kwargs):
    from invitations.models import Round

    round_ = Round.objects.filter(unit=unit, year=2026).first() or RoundFactory(unit=unit)
    return ParticipationFactory(round=round_, state=state, **kwargs)


class BookingBasisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookingBasis

    participation = factory.SubFactory(ParticipationFactory, state=ParticipationState.ANSWERED)
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=60))
    status = BasisStatus.WAITING
    status_changed_at = factory.LazyFunction(timezone.now)
    created_at = factory.LazyFunction(timezone.now)


class AppointmentFactory(factory.django.DjangoModelFactory):
    """A booked appointment of `participation` in `slot` (the slot is set to booked)."""

    class Meta:
        model = Appointment

    participation = factory.SubFactory(ParticipationFactory, state=ParticipationState.BOOKED)
    slot = None
    status = AppointmentStatus.BOOKED
    status_changed_at = factory.LazyFunction(timezone.now)
    booked_at = factory.LazyFunction(timezone.now)
    booked_via = BookedVia.STAFF

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        slot = kwargs["slot"]
        if kwargs.get("status", AppointmentStatus.BOOKED) != AppointmentStatus.CANCELLED:
            type(slot).objects.filter(pk=slot.pk).update(status=SlotStatus.BOOKED)
            slot.status = SlotStatus.BOOKED
        return super()._create(model_class, *args, **kwargs)


def appointment_in(unit, **kwargs) -> Appointment:
    from tests.scheduling.factories import SlotFactory

    return AppointmentFactory(participation=participation_in(unit, state=ParticipationState.BOOKED),
                              slot=SlotFactory(unit=unit), **kwargs)


def basis_in(unit, **kwargs) -> BookingBasis:
    return BookingBasisFactory(participation=participation_in(unit), **kwargs)


def lab_order_in(unit, analysis: str = "fp_glukos", **kwargs) -> LabOrder:
    now = timezone.now()
    return LabOrder.objects.create(participation=participation_in(unit), analysis=analysis,
                                   status_changed_at=now, ordered_at=now, **kwargs)


def lab_import_in(unit, status: str = "previewed") -> LabResultImport:
    from tests.factories import staff_with

    return LabResultImport.objects.create(unit=unit, uploaded_by=staff_with(unit), original_name="lab.csv",
                                          status=status)
