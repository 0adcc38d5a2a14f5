"""Factories for the foundation's models, taking domain arguments.

`PersonFactory(unit=..., age=50, year=2026, reachability="missing")` builds a
person with a checksum-valid personnummer who turns 50 in 2026, listed in
`unit`, whose notification setting is missing.
"""

from __future__ import annotations

import datetime as dt
import random

import factory
from django.utils import timezone

from invitations.models import Participation, ParticipationState, Round
from population.demo import synthetic_personnummer
from population.models import CareUnit, Membership, Person, Region, RegionRole, StaffUser
from rhs_portal.roles import Role

_rng = random.Random(4711)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"region-{n}")
    name = factory.Sequence(lambda n: f"Region {n}")
    default_ages = [40, 50, 60]
    staff_support = "Servicedesk 070-174 06 98"
    citizen_support = "Support 070-174 06 99"
    programme_contact = "halsosamtal@example.com"


class CareUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareUnit

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Vårdcentralen {n}")
    hsa_id = factory.Sequence(lambda n: f"SE2321000000-T{n:04d}")
    street_address = "Exempelgatan 1"
    postal_code = "12345"
    postal_town = "Exempelby"
    phone = "+46701740605"
    email = factory.Sequence(lambda n: f"unit{n}@example.com")
    letter_signature = "Distriktssköterskorna"


class StaffUserFactory(factory.django.DjangoModelFactory):
    """`StaffUserFactory(unit=u, roles=[Role.CASE_HANDLER])` gives a member of `u` with those roles."""

    class Meta:
        model = StaffUser

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = "Kim"
    last_name = factory.Sequence(lambda n: f"Personal{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.django.Password("test-password-123")

    @classmethod
    def _create(cls, model_class, *args, unit=None, roles=(), **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        for role in roles:
            Membership.objects.create(user=user, unit=unit, role=role)
        return user


def staff_with(unit: CareUnit, *roles: str, **kwargs) -> StaffUser:
    return StaffUserFactory(unit=unit, roles=roles or (Role.CASE_HANDLER,), **kwargs)


def region_admin(region: Region, **kwargs) -> StaffUser:
    user = StaffUserFactory(is_staff=True, **kwargs)
    RegionRole.objects.create(user=user, region=region, role="regionadministrator")
    return user


_REACHABILITY = {
    "digital": ("active", "email"),
    "sms": ("active", "sms"),
    "missing": ("active", ""),
    "never_logged_in": ("never_logged_in", ""),
    "locked": ("locked", ""),
    "unknown": ("", ""),
}


class PersonFactory(factory.django.DjangoModelFactory):
    """Domain arguments: unit, age + year (turns `age` in `year`), sex, reachability, no_phone."""

    class Meta:
        model = Person

    class Params:
        unit = factory.SubFactory(CareUnitFactory)
        age = 50
        year = 2026
        reachability = "digital"
        no_phone = False

    listed_unit = factory.LazyAttribute(lambda o: o.unit)
    sex = factory.LazyFunction(lambda: _rng.choice(["male", "female"]))
    birth_date = factory.LazyAttribute(
        lambda o: dt.date(o.year - o.age, 1, 1) + dt.timedelta(days=_rng.randrange(0, 365))
    )
    personnummer = factory.LazyAttribute(lambda o: synthetic_personnummer(_rng, o.birth_date, o.sex))
    first_name = factory.Sequence(lambda n: f"Test{n}")
    last_name = factory.Sequence(lambda n: f"Testsson{n}")
    street_address = "Provgatan 3"
    postal_code = "12345"
    postal_town = "Exempelby"
    phone = factory.LazyAttribute(lambda o: "" if o.no_phone else "+46701740610")
    email = factory.Sequence(lambda n: f"person{n}@example.com")
    eservice_status = factory.LazyAttribute(lambda o: _REACHABILITY[o.reachability][0])
    notification = factory.LazyAttribute(lambda o: _REACHABILITY[o.reachability][1])
    is_synthetic = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Retry on the (rare) personnummer collision of the random generator.
        for _attempt in range(20):
            if not Person.objects.filter(personnummer=kwargs["personnummer"]).exists():
                break
            kwargs["personnummer"] = synthetic_personnummer(_rng, kwargs["birth_date"], kwargs["sex"])
        return super()._create(model_class, *args, **kwargs)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    unit = factory.SubFactory(CareUnitFactory)
    year = 2026
    ages = [40, 50, 60]
    seed = 12345


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    round = factory.SubFactory(RoundFactory)
    person = factory.LazyAttribute(lambda o: PersonFactory(unit=o.round.unit, year=o.round.year))
    position = factory.Sequence(lambda n: n + 1)
    # What cohort_select keeps from the person at selection.
    age = factory.LazyAttribute(lambda o: o.round.year - o.person.birth_date.year)
    area_code = factory.LazyAttribute(lambda o: o.person.area_code)
    state = ParticipationState.SELECTED
    state_changed_at = factory.LazyFunction(timezone.now)
