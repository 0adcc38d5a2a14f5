"""When a person leaves the unit (moves, dies, is no longer listed), their future times are freed at once."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from population.services.audit import Actor
from responses.models import (
    APPOINTMENT_MACHINE,
    LAB_ORDER_MACHINE,
    Appointment,
    AppointmentStatus,
    CancelReason,
    LabOrder,
    LabOrderStatus,
)
from scheduling.services.slots import slot_release


def bookings_end_for_persons(
    *, person_ids: list[int], unit_id: int | None, actor: Actor, now: dt.datetime
) -> int:
    """Cancel the persons' booked times (without a message: they have left) and their pending lab orders."""
    appointments = Appointment.objects.filter(
        participation__person_id__in=person_ids, status=AppointmentStatus.BOOKED
    ).select_related("slot")
    orders = LabOrder.objects.filter(participation__person_id__in=person_ids, status=LabOrderStatus.ORDERED)
    if unit_id is not None:
        appointments = appointments.filter(participation__round__unit_id=unit_id)
        orders = orders.filter(participation__round__unit_id=unit_id)
    appointments = list(appointments)
    moved = APPOINTMENT_MACHINE.bulk_transition(
        Appointment.objects.filter(pk__in=[a.pk for a in appointments]), AppointmentStatus.CANCELLED,
        actor_name=actor.name, actor_user=actor.user, now=now, note=_("Left the unit's list"),
        cancel_reason=CancelReason.ENDED,
    )
    for appointment in appointments:
        if appointment.pk in moved and appointment.slot.starts_at > now:
            slot_release(slot=appointment.slot, actor=actor, now=now, note=_("The person left the unit's list"))
    LAB_ORDER_MACHINE.bulk_transition(orders, LabOrderStatus.CANCELLED, actor_name=actor.name,
                                      actor_user=actor.user, now=now, note=_("Left the unit's list"))
    return len(moved)
