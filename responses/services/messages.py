"""The messages a booking change sends to the citizen (one function: `booking_message_send`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format

from responses.models import Appointment

# Message kinds (interfaces: notifications.message_enqueue kinds / invitations template kinds).
CONFIRMATION = "booking_confirmation"
CHANGED = "booking_changed"
CANCELLED = "booking_cancelled"


@dataclass(frozen=True)
class BookingFacts:
    """What every booking message says: when and where, and the lab test advice."""

    date: str
    time: str
    place: str
    lab_by: str  # "book your lab test at least a week before": the last good day


def booking_facts(appointment: Appointment) -> BookingFacts:
    slot = appointment.slot
    start = timezone.localtime(slot.starts_at)
    unit = slot.unit
    place = ", ".join(p for p in [unit.name, slot.room.name, slot.room.directions, unit.street_address,
                                  f"{unit.postal_code} {unit.postal_town}".strip()] if p)
    lab_by = (start.date() - dt.timedelta(days=7))
    return BookingFacts(
        date=date_format(start.date(), "l j F Y"), time=start.strftime("%H:%M"), place=place,
        lab_by=date_format(lab_by, "l j F"),
    )


def booking_message_send(*, appointment: Appointment, kind: str, now: dt.datetime | None = None) -> None:
    """Queue the message about a booking change for the citizen (in the caller's transaction)."""
    # Wired to notifications.services.message_enqueue once the notifications app is on main.
    return None
