"""Racing for the last slot, on PostgreSQL with real row locks: one booking, one clear message."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import translation

from population.services.audit import Actor
from responses.models import Appointment, AppointmentStatus
from responses.services.booking import appointment_book
from responses.services.errors import BookingError
from scheduling.models import Slot, SlotStatus
from scheduling.services.errors import SlotUnavailable
from tests.factories import CareUnitFactory
from tests.responses.factories import BookingBasisFactory, participation_in
from tests.scheduling.factories import SlotFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(calls):
    """Run the calls in threads released together; returns each one's result or exception."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, call):
        try:
            translation.activate("en")  # as the test's own thread
            barrier.wait()
            outcomes[i] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test looks at
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


@pytest.mark.parametrize("attempt", range(3))
def test_two_citizens_racing_for_the_last_slot_get_one_booking_and_one_message(attempt):
    unit = CareUnitFactory()
    now = dt.datetime.now(dt.UTC)
    slot = SlotFactory(unit=unit, start=now + dt.timedelta(days=10))
    first, second = participation_in(unit, state="invited"), participation_in(unit, state="invited")
    BookingBasisFactory(participation=first)
    BookingBasisFactory(participation=second)
    # Both pages showed the slot as free.
    copies = [Slot.objects.get(pk=slot.pk), Slot.objects.get(pk=slot.pk)]

    outcomes = race([
        lambda: appointment_book(participation=first, slot=copies[0],
                                 actor=Actor.citizen(first.person, unit), now=now),
        lambda: appointment_book(participation=second, slot=copies[1],
                                 actor=Actor.citizen(second.person, unit), now=now),
    ])

    booked = [o for o in outcomes if isinstance(o, Appointment)]
    refused = [o for o in outcomes if isinstance(o, SlotUnavailable)]
    assert len(booked) == 1 and len(refused) == 1, outcomes
    assert refused[0].message == "Someone else has just booked that time. Please choose another time."
    assert Appointment.objects.filter(slot=slot, status=AppointmentStatus.BOOKED).count() == 1
    assert Slot.objects.get(pk=slot.pk).status == SlotStatus.BOOKED
    loser = second if booked[0].participation_id == first.pk else first
    loser.refresh_from_db()
    assert loser.state == "invited"  # the loser's booking changed nothing


def test_one_person_submitting_twice_at_once_books_one_time():
    unit = CareUnitFactory()
    now = dt.datetime.now(dt.UTC)
    participation = participation_in(unit, state="invited")
    BookingBasisFactory(participation=participation)
    slots = [SlotFactory(unit=unit, start=now + dt.timedelta(days=10 + i)) for i in range(2)]
    actor = Actor.citizen(participation.person, unit)

    outcomes = race([
        lambda: appointment_book(participation=participation, slot=slots[0], actor=actor, now=now),
        lambda: appointment_book(participation=participation, slot=slots[1], actor=actor, now=now),
    ])

    assert sum(isinstance(o, Appointment) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, BookingError) for o in outcomes) == 1, outcomes
    assert Appointment.objects.filter(participation=participation).count() == 1
    assert Slot.objects.filter(status=SlotStatus.BOOKED).count() == 1
