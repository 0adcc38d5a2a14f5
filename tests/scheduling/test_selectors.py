import datetime as dt

import pytest

from scheduling.models import SlotStatus
from scheduling.selectors import free_web_slot_count
from tests.conftest import aware
from tests.factories import CareUnitFactory
from tests.scheduling.factories import SlotFactory

pytestmark = pytest.mark.django_db


def test_free_web_slot_count_counts_free_web_slots_in_the_window(now):
    unit = CareUnitFactory()
    other = CareUnitFactory()
    SlotFactory(unit=unit, start=now + dt.timedelta(days=1))
    SlotFactory(unit=unit, start=now + dt.timedelta(days=59, hours=23))
    SlotFactory(unit=unit, start=now)  # starting right now still counts
    # Not counted: booked, blocked, removed, phone-only, past, too late, another unit.
    SlotFactory(unit=unit, start=now + dt.timedelta(days=2), status=SlotStatus.BOOKED)
    SlotFactory(unit=unit, start=now + dt.timedelta(days=3), status=SlotStatus.BLOCKED)
    SlotFactory(unit=unit, start=now + dt.timedelta(days=4), status=SlotStatus.REMOVED)
    SlotFactory(unit=unit, start=now + dt.timedelta(days=5), web=False)
    SlotFactory(unit=unit, start=now - dt.timedelta(minutes=1))
    SlotFactory(unit=unit, start=now + dt.timedelta(days=60))
    SlotFactory(unit=other, start=now + dt.timedelta(days=1))

    assert free_web_slot_count(unit=unit, now=now) == 3
    assert free_web_slot_count(unit=unit, now=now, days=2) == 2
    assert free_web_slot_count(unit=other, now=now) == 1


def test_free_web_slot_count_is_zero_without_times():
    assert free_web_slot_count(unit=CareUnitFactory(), now=aware(2026, 3, 2, 10, 0)) == 0
