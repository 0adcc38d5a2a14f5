"""Demo data for the embedded set-up: a region, three units, one user per role, ~2,000 synthetic people."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation

from invitations.demo import seed_demo_invitations
from invitations.services.cohort import cohort_select
from population.demo import AREAS, demo_people
from population.models import CareUnit, Membership, Person, Region, RegionRole, StaffUser
from population.services.audit import Actor
from reminders.demo import seed_demo_timeline
from reporting.services.area_index import area_index_import
from rhs_portal.roles import RegionRoleKind, Role
from scheduling.demo import demo_web_times

DEMO_REGION = "demo"
DEMO_PASSWORD = "demo-rhs-portal"
UNITS = [
    ("Vårdcentralen Exempelby", "SE2321000000-DEMO1", "Exempelgatan 1", "12345", "Exempelby", "+46701740605", 1000),
    ("Hälsocentralen Påhittad", "SE2321000000-DEMO2", "Testvägen 2", "23456", "Påhittad", "+46701740606", 600),
    ("Vårdcentralen Fiktiva", "SE2321000000-DEMO3", "Fiktiva allén 3", "34567", "Fiktiva", "+46701740607", 400),
]
# username, first name, last name, unit roles {unit index: [roles]}, region roles, is_staff
USERS = [
    ("mottagare", "Maja", "Mottagare", {0: [Role.CASE_RECEIVER]}, [], False),
    ("handlaggare", "Hugo", "Handläggare", {0: [Role.CASE_HANDLER], 1: [Role.CASE_HANDLER]}, [], False),
    ("sjukskoterska", "Sara", "Samtalsledare", {0: [Role.DIALOGUE_LEADER]}, [], False),
    ("enhetsadmin", "Elsa", "Enhetsadministratör", {0: [Role.UNIT_ADMIN]}, [], True),
    ("statistiker", "Stig", "Statistiker", {0: [Role.STATISTICIAN]}, [], False),
    ("regionadmin", "Rita", "Regionadministratör", {}, [RegionRoleKind.REGION_ADMIN], True),
]


class Command(BaseCommand):
    help = "Create the demo region, units, users and synthetic people (once); print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, default=2000, help="How many synthetic people (default 2000).")
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    def handle(self, *args, persons: int, quiet: bool, **options):
        if not settings.DEBUG and not settings.RHS_DEMO_MODE:
            raise CommandError("Demo data is only for the embedded set-up (RHS_DEMO_MODE).")
        if Region.objects.filter(code=DEMO_REGION).exists():
            self.stdout.write("Demo data already present.")
        else:
            self._create(persons)
        if not quiet:
            self._print_logins()

    @transaction.atomic
    def _create(self, total: int) -> None:
        region = Region.objects.create(
            code=DEMO_REGION,
            name="Region Exempelland",
            default_ages=[40, 50, 60],
            staff_support="E-hälsans servicedesk, telefon 070-174 06 98 (demo)",
            citizen_support="Support för e-tjänster, telefon 070-174 06 99, alla dagar 06–22 (demo)",
            programme_contact="halsosamtal@example.com",
        )
        units = [
            CareUnit.objects.create(
                region=region, name=name, hsa_id=hsa, street_address=street, postal_code=code, postal_town=town,
                phone=phone, email=f"{hsa.split('-')[1].lower()}@example.com",
                letter_signature="Distriktssköterskorna\n" + name,
            )
            for name, hsa, street, code, town, phone, _n in UNITS
        ]
        for username, first, last, unit_roles, region_roles, is_staff in USERS:
            user = StaffUser.objects.create_user(
                username=username, password=DEMO_PASSWORD, first_name=first, last_name=last,
                email=f"{username}@example.com", is_staff=is_staff,
            )
            for index, roles in unit_roles.items():
                for role in roles:
                    Membership.objects.create(user=user, unit=units[index], role=role)
            for role in region_roles:
                RegionRole.objects.create(user=user, region=region, role=role)
        year = timezone.localdate().year
        start = 0
        people = list(demo_people(count=total, year=year, ages=region.default_ages, seed=year))
        for unit, (_name, _hsa, _street, _code, town, _phone, share) in zip(units, UNITS, strict=True):
            count = round(total * share / 2000)
            chunk = people[start:start + count]
            start += count
            Person.objects.bulk_create(
                [
                    Person(
                        personnummer=p.personnummer, first_name=p.first_name, last_name=p.last_name,
                        birth_date=p.birth_date, sex=p.sex,
                        street_address="" if p.protected_identity else p.street_address,
                        postal_code="" if p.protected_identity else p.postal_code,
                        postal_town="" if p.protected_identity else town,
                        phone=p.phone, email=p.email, eservice_status=p.eservice_status,
                        notification=p.notification, protected_identity=p.protected_identity,
                        preferred_language=p.preferred_language, area_code=p.area_code,
                        listed_unit=unit, is_synthetic=True,
                    )
                    for p in chunk
                ],
                batch_size=1000,
            )
            cohort_select(unit=unit, year=year, actor=Actor.system("seed_demo", unit=unit))
        nurse = StaffUser.objects.get(username="sjukskoterska")
        demo_web_times(unit=units[0], nurse=nurse)
        seed_demo_timeline(unit=units[0], year=year, receiver=StaffUser.objects.get(username="mottagare"),
                           handler=StaffUser.objects.get(username="handlaggare"), nurse=nurse)
        seed_demo_invitations(unit=units[0], year=year, receiver=StaffUser.objects.get(username="mottagare"),
                              handler=StaffUser.objects.get(username="handlaggare"))
        from visits.demo import seed_visit_demo

        seed_visit_demo(unit=units[0], nurse=nurse)
        # Reference data for the equity view: a made-up deprivation index for the demo areas.
        rng = random.Random(year)
        rows = "".join(f"{code};{rng.uniform(0.5, 2.5):.3f}\n" for code in AREAS)
        area_index_import(region=region, content=("omrade;index\n" + rows).encode(), commit=True)
        self.stdout.write(self.style.SUCCESS(f"Created the demo region with {start} synthetic people."))

    def _print_logins(self) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        for username, _first, _last, unit_roles, region_roles, is_staff in USERS:
            roles = [f"{Role(r).label} ({UNITS[i][0]})" for i, rs in unit_roles.items() for r in rs]
            roles += [f"{RegionRoleKind(r).label} (Region Exempelland)" for r in region_roles]
            admin = "  (+ Django admin at /admin/)" if is_staff else ""
            self.stdout.write(f"  {username:<14} {'; '.join(roles)}{admin}")
        self.stdout.write("")
