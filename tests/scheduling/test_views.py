import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from rhs_portal.roles import Role
from scheduling.models import Room, Slot, SlotStatus
from tests.conftest import aware
from tests.factories import CareUnitFactory, staff_with
from tests.scheduling.factories import RoomFactory, SlotFactory, nurse_of

pytestmark = pytest.mark.django_db

NOW = aware(2026, 3, 2, 9, 0)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def unit():
    return CareUnitFactory()


@pytest.fixture
def staff(client, unit):
    user = staff_with(unit, Role.CASE_HANDLER)
    client.force_login(user)
    return user


def test_the_week_shows_each_day_with_its_times_in_a_fixed_number_of_queries(
    client, staff, unit, django_assert_max_num_queries
):
    nurse = nurse_of(unit, first_name="Sara", last_name="Samtalsledare")
    room = RoomFactory(unit=unit, name="Rum 2")
    for day in range(5):
        for hour in (8, 10, 13):
            SlotFactory(unit=unit, nurse=nurse, room=room, start=aware(2026, 3, 9 + day, hour, 0))
    SlotFactory(unit=unit, nurse=nurse, room=room, start=aware(2026, 3, 16, 8, 0))  # next week
    with django_assert_max_num_queries(14):
        response = client.get(reverse("scheduling:week"), {"vecka": "2026-03-11"})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('name="slots"') == 15
    assert "Sara Samtalsledare · Rum 2" in page
    assert response.context["free_web_60"] == 16
    assert [d["date"] for d in response.context["days"]][0] == dt.date(2026, 3, 9)


def test_creating_a_series_from_the_form(client, staff, unit):
    nurse = nurse_of(unit)
    room = RoomFactory(unit=unit)
    data = {"nurse": nurse.pk, "room": room.pk, "weekdays": ["2"], "day_start": "08:00", "day_end": "16:00",
            "first_date": "2026-03-10", "weeks": "8", "slot_minutes": "75", "web_bookable": "on"}
    response = client.post(reverse("scheduling:series_create"), data)
    assert response.status_code == 302
    assert response.url == reverse("scheduling:week") + "?vecka=2026-03-10"
    assert Slot.objects.filter(unit=unit, status=SlotStatus.FREE, web_bookable=True).count() == 48

    again = client.post(reverse("scheduling:series_create"), data)
    assert again.status_code == 200
    assert len(again.context["conflicts"]) == 48
    assert Slot.objects.count() == 48
    page = again.content.decode()
    assert "Tider som överlappar" in page


def test_a_series_form_with_a_missing_weekday_names_it(client, staff, unit):
    response = client.post(reverse("scheduling:series_create"), {"day_start": "08:00", "day_end": "16:00"})
    assert response.status_code == 200
    assert "weekdays" in response.context["form"].errors
    assert not Slot.objects.exists()


def test_blocking_ticked_times_leaves_a_booked_one_and_says_so(client, staff, unit):
    free = SlotFactory(unit=unit, start=aware(2026, 3, 10, 8, 0))
    booked = SlotFactory(unit=unit, start=aware(2026, 3, 10, 10, 0), status=SlotStatus.BOOKED)
    back = reverse("scheduling:week") + "?vecka=2026-03-10"
    response = client.post(
        reverse("scheduling:slots_bulk"),
        {"slots": [free.pk, booked.pk], "action": "block", "reason": "Sjuk", "next": back},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == back
    texts = [str(m) for m in response.context["messages"]]
    assert "Spärrade 1 tid." in texts
    assert any("är bokad" in t for t in texts)
    assert Slot.objects.get(pk=free.pk).status == SlotStatus.BLOCKED
    assert Slot.objects.get(pk=booked.pk).status == SlotStatus.BOOKED


def test_another_units_time_cannot_be_ticked(client, staff, unit):
    theirs = SlotFactory(unit=CareUnitFactory(), start=aware(2026, 3, 10, 8, 0))
    client.post(reverse("scheduling:slots_bulk"), {"slots": [theirs.pk], "action": "remove"})
    assert Slot.objects.get(pk=theirs.pk).status == SlotStatus.FREE


def test_a_time_is_made_longer_on_its_page(client, staff, unit):
    slot = SlotFactory(unit=unit, start=aware(2026, 3, 10, 8, 0))
    url = reverse("scheduling:slot_detail", args=[slot.pk])
    response = client.post(url, {"action": "length", "minutes": "105"}, follow=True)
    assert Slot.objects.get(pk=slot.pk).minutes == 105
    assert "Tiden är nu 105 minuter lång." in [str(m) for m in response.context["messages"]]
    SlotFactory(unit=unit, nurse=slot.nurse, start=aware(2026, 3, 10, 9, 45))
    response = client.post(url, {"action": "length", "minutes": "120"})
    assert response.status_code == 200
    assert Slot.objects.get(pk=slot.pk).minutes == 105


def test_rooms_are_added_once(client, staff, unit):
    client.post(reverse("scheduling:rooms"), {"name": "Rum 1", "directions": "Plan 2"})
    response = client.post(reverse("scheduling:rooms"), {"name": "Rum 1"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert Room.objects.filter(unit=unit).count() == 1
    room = Room.objects.get()
    client.post(reverse("scheduling:room_toggle", args=[room.pk]))
    assert not Room.objects.get().is_active


def test_removing_the_rest_of_a_series(client, staff, unit):
    from population.services.audit import Actor
    from scheduling.services.series import slot_series_create
    from tests.scheduling.factories import series_plan

    result = slot_series_create(unit=unit, nurse=nurse_of(unit), room=RoomFactory(unit=unit),
                                plan=series_plan(weeks=1), actor=Actor.staff(staff, unit))
    response = client.get(reverse("scheduling:series_list"))
    assert response.context["series_list"][0].n_future_free == 6
    client.post(reverse("scheduling:series_remove", args=[result.series.pk]))
    assert not Slot.objects.filter(status=SlotStatus.FREE).exists()
