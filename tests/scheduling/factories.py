"""Factories for web times, taking domain arguments.

`SlotFactory(unit=u, start=aware(2026, 3, 10, 8, 0), minutes=75, status="free", web=True)`
gives one slot of a nurse of `u` in a room of `u`.
"""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from rhs_portal.roles import Role
from scheduling.models import Room, Slot, SlotSeries, SlotStatus
from scheduling.services.series import SeriesPlan
from tests.factories import CareUnitFactory, staff_with


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    unit = factory.SubFactory(CareUnitFactory)
    name = factory.Sequence(lambda n: f"Rum {n + 1}")
    directions = "Plan 2"


def nurse_of(unit, **kwargs):
    return staff_with(unit, Role.DIALOGUE_LEADER, **kwargs)


class SlotFactory(factory.django.DjangoModelFactory):
    """Domain arguments: unit, start (aware), minutes, status, web."""

    class Meta:
        model = Slot

    class Params:
        start = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
        minutes = 75
        web = True

    unit = factory.SubFactory(CareUnitFactory)
    nurse = factory.LazyAttribute(lambda o: nurse_of(o.unit))
    room = factory.LazyAttribute(lambda o: RoomFactory(unit=o.unit))
    starts_at = factory.LazyAttribute(lambda o: o.start)
    ends_at = factory.LazyAttribute(lambda o: o.start + dt.timedelta(minutes=o.minutes))
    status = SlotStatus.FREE
    status_changed_at = factory.LazyFunction(timezone.now)
    web_bookable = factory.LazyAttribute(lambda o: o.web)
    created_at = factory.LazyFunction(timezone.now)


def series_plan(**changes) -> SeriesPlan:
    """'Tuesdays 08:00–16:00 for 8 weeks' from Tuesday 10 March 2026, with `changes`."""
    values = {"weekdays": (2,), "day_start": dt.time(8), "day_end": dt.time(16), "first_date": dt.date(2026, 3, 10),
              "weeks": 8}
    values.update(changes)
    return SeriesPlan(**values)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SlotSeries

    unit = factory.SubFactory(CareUnitFactory)
    nurse = factory.LazyAttribute(lambda o: nurse_of(o.unit))
    room = factory.LazyAttribute(lambda o: RoomFactory(unit=o.unit))
    weekdays = [2]
    day_start = dt.time(8)
    day_end = dt.time(16)
    first_date = dt.date(2026, 3, 10)
    weeks = 8
    created_at = factory.LazyFunction(timezone.now)
