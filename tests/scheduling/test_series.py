import datetime as dt

import pytest

from population.services.audit import Actor
from scheduling.models import Slot, SlotEvent, SlotSeries, SlotStatus
from scheduling.services.errors import SchedulingError
from scheduling.services.series import SeriesConflict, SeriesPlan, plan_times, slot_series_create
from tests.conftest import STOCKHOLM, aware
from tests.factories import CareUnitFactory, staff_with
from tests.scheduling.factories import RoomFactory, SlotFactory, nurse_of
from tests.scheduling.factories import series_plan as tuesdays

pytestmark = pytest.mark.django_db

TUESDAY = dt.date(2026, 3, 10)


@pytest.fixture
def unit():
    return CareUnitFactory()


@pytest.fixture
def nurse(unit):
    return nurse_of(unit, first_name="Sara", last_name="Samtalsledare")


@pytest.fixture
def room(unit):
    return RoomFactory(unit=unit, name="Rum 2")


@pytest.fixture
def actor(unit):
    return Actor.staff(staff_with(unit), unit)


def test_tuesdays_eight_to_four_for_eight_weeks_gives_six_times_a_day():
    times = plan_times(tuesdays())
    assert len(times) == 48
    days = sorted({day for day, _s, _e in times})
    assert days[0] == TUESDAY and days[-1] == TUESDAY + dt.timedelta(weeks=7)
    first_day = [(s.astimezone(STOCKHOLM).strftime("%H:%M"), e.astimezone(STOCKHOLM).strftime("%H:%M"))
                 for d, s, e in times if d == TUESDAY]
    assert first_day == [("08:00", "09:15"), ("09:15", "10:30"), ("10:30", "11:45"), ("11:45", "13:00"),
                         ("13:00", "14:15"), ("14:15", "15:30")]


def test_a_break_moves_the_next_time_to_its_end():
    times = plan_times(tuesdays(weeks=1, break_start=dt.time(12), break_end=dt.time(12, 45)))
    starts = [s.astimezone(STOCKHOLM).strftime("%H:%M") for _d, s, _e in times]
    assert starts == ["08:00", "09:15", "10:30", "12:45", "14:00"]


def test_times_keep_the_clock_time_across_the_change_to_summer_time():
    plan = SeriesPlan(weekdays=(5, 1), day_start=dt.time(8), day_end=dt.time(9, 15),
                      first_date=dt.date(2026, 3, 27), weeks=1)
    (d1, s1, _e1), (d2, s2, _e2) = plan_times(plan)
    assert (d1, d2) == (dt.date(2026, 3, 27), dt.date(2026, 3, 30))  # Friday before, Monday after
    assert s1.astimezone(STOCKHOLM).hour == s2.astimezone(STOCKHOLM).hour == 8
    assert s1.utcoffset() == dt.timedelta(hours=1) and s2.utcoffset() == dt.timedelta(hours=2)


def test_creating_a_series_makes_free_web_times_with_history(unit, nurse, room, actor):
    result = slot_series_create(unit=unit, nurse=nurse, room=room, plan=tuesdays(), actor=actor,
                                now=aware(2026, 3, 2, 9, 0))
    assert result.created == 48 and result.skipped == []
    assert result.series.slot_count == 48
    slots = Slot.objects.filter(series=result.series)
    assert slots.count() == 48
    assert set(slots.values_list("status", "web_bookable", "nurse", "room")) == {
        (SlotStatus.FREE, True, nurse.pk, room.pk)
    }
    assert SlotEvent.objects.filter(slot__series=result.series, to_status=SlotStatus.FREE).count() == 48


def test_public_holidays_are_left_out_and_reported(unit, nurse, room, actor):
    plan = SeriesPlan(weekdays=(1,), day_start=dt.time(8), day_end=dt.time(9, 15), first_date=dt.date(2026, 3, 30),
                      weeks=2)
    result = slot_series_create(unit=unit, nurse=nurse, room=room, plan=plan, actor=actor,
                                now=aware(2026, 3, 2, 9, 0))
    assert result.created == 1  # 30 March; 6 April is Easter Monday
    assert [s.starts_at.date() for s in result.skipped] == [dt.date(2026, 4, 6)]
    assert "Annandag påsk" in result.skipped[0].reason


def test_overlapping_times_refuse_the_whole_series_unless_asked_to_leave_them_out(unit, nurse, room, actor):
    now = aware(2026, 3, 2, 9, 0)
    SlotFactory(unit=unit, nurse=nurse, room=RoomFactory(unit=unit), start=aware(2026, 3, 10, 9, 0))
    with pytest.raises(SeriesConflict) as conflict:
        slot_series_create(unit=unit, nurse=nurse, room=room, plan=tuesdays(weeks=1), actor=actor, now=now)
    assert len(conflict.value.conflicts) == 2  # 08:00 and 09:15 overlap 09:00–10:15
    assert "Sara Samtalsledare already has the time" in conflict.value.conflicts[0].reason
    assert not SlotSeries.objects.exists()

    result = slot_series_create(unit=unit, nurse=nurse, room=room, plan=tuesdays(weeks=1), skip_overlaps=True,
                                actor=actor, now=now)
    assert result.created == 4 and len(result.skipped) == 2


def test_the_room_is_checked_for_other_nurses_times(unit, nurse, room, actor):
    SlotFactory(unit=unit, room=room, start=aware(2026, 3, 10, 8, 0))
    with pytest.raises(SeriesConflict) as conflict:
        slot_series_create(unit=unit, nurse=nurse, room=room, plan=tuesdays(weeks=1), actor=actor,
                           now=aware(2026, 3, 2, 9, 0))
    assert "Rum 2 is taken" in conflict.value.conflicts[0].reason


def test_removed_times_do_not_block_a_new_series(unit, nurse, room, actor):
    SlotFactory(unit=unit, nurse=nurse, room=room, start=aware(2026, 3, 10, 8, 0), status=SlotStatus.REMOVED)
    result = slot_series_create(unit=unit, nurse=nurse, room=room, plan=tuesdays(weeks=1), actor=actor,
                                now=aware(2026, 3, 2, 9, 0))
    assert result.created == 6


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weekdays": ()}, "Choose at least one weekday."),
        ({"day_end": dt.time(7)}, "The day must end after it starts."),
        ({"day_end": dt.time(9)}, "The day is shorter than one time."),
        ({"weeks": 53}, "A series lasts 1–52 weeks."),
        ({"first_date": dt.date(2026, 3, 1)}, "The first date has already passed."),
        ({"break_start": dt.time(12)}, "Give both the start and the end of the break, or neither."),
        ({"break_start": dt.time(17), "break_end": dt.time(18)}, "The break must lie within the day."),
        ({"slot_minutes": 5}, "A time is 15–240 minutes long."),
    ],
)
def test_a_bad_plan_is_refused_with_a_reason(unit, nurse, room, actor, changes, message):
    with pytest.raises(SchedulingError) as error:
        slot_series_create(unit=unit, nurse=nurse, room=room, plan=tuesdays(**changes), actor=actor,
                           now=aware(2026, 3, 2, 9, 0))
    assert error.value.message == message
    assert not Slot.objects.exists()


def test_only_a_dialogue_leader_of_the_unit_and_its_own_rooms(unit, nurse, room, actor):
    now = aware(2026, 3, 2, 9, 0)
    with pytest.raises(SchedulingError, match="is not a dialogue leader"):
        slot_series_create(unit=unit, nurse=staff_with(unit), room=room, plan=tuesdays(), actor=actor, now=now)
    with pytest.raises(SchedulingError, match="rooms in use"):
        slot_series_create(unit=unit, nurse=nurse, room=RoomFactory(), plan=tuesdays(), actor=actor, now=now)


def test_times_earlier_today_are_left_out(unit, nurse, room, actor):
    result = slot_series_create(unit=unit, nurse=nurse, room=room, plan=tuesdays(weeks=1), actor=actor,
                                now=aware(2026, 3, 10, 10, 0))
    assert result.created == 4
    assert [s.reason for s in result.skipped] == ["The time has already passed."] * 2
