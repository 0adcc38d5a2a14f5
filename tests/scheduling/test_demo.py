import pytest
import time_machine
from django.core.management import call_command

from population.models import CareUnit
from scheduling.models import Room, Slot, SlotStatus
from scheduling.selectors import free_web_slot_count
from tests.conftest import aware

pytestmark = pytest.mark.django_db


def test_the_demo_has_rooms_and_free_web_times_for_the_first_unit():
    with time_machine.travel(aware(2026, 3, 2, 9, 0), tick=False):
        call_command("seed_demo", "--persons", "30", "--quiet")
    unit = CareUnit.objects.get(hsa_id="SE2321000000-DEMO1")
    assert set(Room.objects.filter(unit=unit).values_list("name", flat=True)) == {"Rum 1", "Rum 2"}
    # Tuesdays and Thursdays for 8 weeks, five times a day around lunch; no holiday falls on them then.
    assert Slot.objects.filter(unit=unit, status=SlotStatus.FREE).count() == 8 * 2 * 5
    assert free_web_slot_count(unit=unit, now=aware(2026, 3, 2, 9, 0)) == 8 * 2 * 5
