import datetime as dt

import pytest

from population.services.audit import Actor
from scheduling.models import Slot, SlotStatus
from scheduling.services.errors import SchedulingError, SlotUnavailable
from scheduling.services.series import slot_series_create
from scheduling.services.slots import (
    room_create,
    slot_change_length,
    slot_release,
    slot_reserve,
    slot_series_remove_future,
    slots_block,
    slots_remove,
    slots_unblock,
)
from tests.conftest import aware
from tests.factories import CareUnitFactory, staff_with
from tests.scheduling.factories import RoomFactory, SlotFactory, nurse_of, series_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return CareUnitFactory()


@pytest.fixture
def actor(unit):
    return Actor.staff(staff_with(unit), unit)


def test_blocking_a_day_leaves_booked_times_alone(unit, actor, now):
    nurse, room = nurse_of(unit), RoomFactory(unit=unit)
    day = [SlotFactory(unit=unit, nurse=nurse, room=room, start=aware(2026, 3, 10, 8 + i, 0), minutes=60)
           for i in range(3)]
    day[1].status = SlotStatus.BOOKED
    day[1].save()
    outcome = slots_block(slots=Slot.objects.filter(pk__in=[s.pk for s in day]), reason="Sara is ill",
                          actor=actor, now=now)
    assert (outcome.changed, outcome.booked_left) == (2, 1)
    statuses = dict(Slot.objects.values_list("pk", "status"))
    assert [statuses[s.pk] for s in day] == [SlotStatus.BLOCKED, SlotStatus.BOOKED, SlotStatus.BLOCKED]
    assert Slot.objects.get(pk=day[0].pk).block_reason == "Sara is ill"
    assert day[0].events.get().note == "Sara is ill"

    outcome = slots_unblock(slots=Slot.objects.all(), actor=actor, now=now)
    assert (outcome.changed, outcome.booked_left) == (2, 1)
    assert Slot.objects.get(pk=day[1].pk).status == SlotStatus.BOOKED  # unblocking never frees a booking
    assert Slot.objects.get(pk=day[0].pk).block_reason == ""


def test_a_booked_time_is_never_removed(unit, actor, now):
    free = SlotFactory(unit=unit)
    blocked = SlotFactory(unit=unit, status=SlotStatus.BLOCKED)
    booked = SlotFactory(unit=unit, status=SlotStatus.BOOKED)
    outcome = slots_remove(slots=Slot.objects.all(), actor=actor, now=now)
    assert (outcome.changed, outcome.booked_left, outcome.other_left) == (2, 1, 0)
    assert Slot.objects.get(pk=free.pk).status == Slot.objects.get(pk=blocked.pk).status == SlotStatus.REMOVED
    assert Slot.objects.get(pk=booked.pk).status == SlotStatus.BOOKED


def test_removing_the_rest_of_a_series_keeps_the_past_and_the_booked(unit, actor):
    result = slot_series_create(unit=unit, nurse=nurse_of(unit), room=RoomFactory(unit=unit),
                                plan=series_plan(weeks=2), actor=actor, now=aware(2026, 3, 2, 9, 0))
    booked = result.series.slots.order_by("starts_at").last()
    Slot.objects.filter(pk=booked.pk).update(status=SlotStatus.BOOKED)
    outcome = slot_series_remove_future(series=result.series, actor=actor, now=aware(2026, 3, 12, 9, 0))
    assert (outcome.changed, outcome.booked_left) == (5, 1)
    assert result.series.slots.filter(status=SlotStatus.FREE).count() == 6  # the first Tuesday, passed


def test_a_time_is_made_longer_when_nothing_follows(unit, actor, now):
    slot = SlotFactory(unit=unit, start=aware(2026, 3, 10, 8, 0))
    slot_change_length(slot=slot, minutes=105, actor=actor, now=now)
    slot.refresh_from_db()
    assert slot.minutes == 105


def test_a_longer_time_must_not_run_into_the_next(unit, actor, now):
    nurse = nurse_of(unit, first_name="Sara", last_name="S")
    slot = SlotFactory(unit=unit, nurse=nurse, start=aware(2026, 3, 10, 8, 0))
    SlotFactory(unit=unit, nurse=nurse, start=aware(2026, 3, 10, 9, 15))
    with pytest.raises(SchedulingError) as error:
        slot_change_length(slot=slot, minutes=105, actor=actor, now=now)
    assert "runs into another time" in error.value.message
    slot.refresh_from_db()
    assert slot.minutes == 75


def test_reserving_takes_a_free_slot_once(unit, actor, now):
    slot = SlotFactory(unit=unit, start=now + dt.timedelta(days=3))
    slot_reserve(slot=slot, actor=actor, now=now)
    assert Slot.objects.get(pk=slot.pk).status == SlotStatus.BOOKED
    stale = Slot.objects.get(pk=slot.pk)
    stale.status = SlotStatus.FREE  # another request that read the slot before it was taken
    with pytest.raises(SlotUnavailable) as error:
        slot_reserve(slot=stale, actor=actor, now=now)
    assert error.value.message == "Someone else has just booked that time. Please choose another time."
    slot_release(slot=slot, actor=actor, now=now)
    assert Slot.objects.get(pk=slot.pk).status == SlotStatus.FREE
    assert list(slot.events.values_list("to_status", flat=True)) == [SlotStatus.BOOKED, SlotStatus.FREE]


def test_passed_and_phone_only_times_cannot_be_booked_on_the_web(unit, actor, now):
    with pytest.raises(SlotUnavailable, match="already passed"):
        slot_reserve(slot=SlotFactory(unit=unit, start=now - dt.timedelta(minutes=5)), actor=actor, now=now)
    phone_only = SlotFactory(unit=unit, start=now + dt.timedelta(days=3), web=False)
    with pytest.raises(SlotUnavailable, match="cannot be booked on the web"):
        slot_reserve(slot=phone_only, actor=actor, now=now, web=True)
    slot_reserve(slot=phone_only, actor=actor, now=now)  # staff book it on the phone
    with pytest.raises(SlotUnavailable):
        slot_reserve(slot=SlotFactory(unit=unit, status=SlotStatus.BLOCKED), actor=actor, now=now)


def test_room_names_are_unique_per_unit(unit, actor):
    room_create(unit=unit, name="Rum 1", actor=actor)
    with pytest.raises(SchedulingError, match="already has a room called Rum 1"):
        room_create(unit=unit, name=" Rum 1 ", actor=actor)
    room_create(unit=CareUnitFactory(), name="Rum 1", actor=actor)
