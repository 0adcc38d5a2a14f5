import pytest
from django.urls import reverse

from invitations.models import ParticipationState
from population.models import AccessLogEntry, RegionRole
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, PersonFactory, RoundFactory, StaffUserFactory
from tests.reporting.factories import participation_at

pytestmark = pytest.mark.django_db
S = ParticipationState


@pytest.fixture
def unit():
    return CareUnitFactory(name="Vårdcentralen Norr")


@pytest.fixture
def round_(unit, now):
    round_ = RoundFactory(unit=unit, year=2026)
    for _ in range(6):
        participation_at(round_, S.VISITED, start=now, sex="female")
    for _ in range(3):
        participation_at(round_, S.DECLINED, start=now, sex="male", via=[S.SELECTED, S.INVITED])
    return round_


def test_the_statistician_sees_aggregates_with_small_cells_suppressed(client, unit, round_):
    client.force_login(StaffUserFactory(unit=unit, roles=[Role.STATISTICIAN]))
    response = client.get(reverse("reporting:overview"))
    rows = {r["key"]: r["count"] for r in response.context["rows"]}
    assert rows["invited"] == 9 and rows["visited"] == 6
    assert rows["declined"] == "<5"
    response = client.get(reverse("reporting:breakdown"), {"dim": "sex"})
    by_group = {r["group"]: r["cells"] for r in response.context["rows"]}
    assert "<5" in by_group["Män"]
    csv = client.get(reverse("reporting:breakdown"), {"dim": "sex", "format": "csv"}).content.decode("utf-8-sig")
    assert "<5" in csv and ";3;" not in csv


def test_the_unit_administrator_sees_exact_numbers(client, unit, round_):
    client.force_login(StaffUserFactory(unit=unit, roles=[Role.UNIT_ADMIN]))
    rows = {r["key"]: r["count"] for r in client.get(reverse("reporting:overview")).context["rows"]}
    assert rows["declined"] == 3


def test_the_statistician_cannot_open_a_person(client, unit, round_):
    client.force_login(StaffUserFactory(unit=unit, roles=[Role.STATISTICIAN]))
    person = round_.participations.first().person
    assert client.get(reverse("population:person_detail", args=[person.pk])).status_code == 403
    assert client.get(reverse("invitations:round_detail", args=[round_.pk])).status_code == 403


def test_a_region_statistician_sees_every_unit_of_the_region_and_lands_there(client, unit, round_, now):
    other = CareUnitFactory(region=unit.region, name="Vårdcentralen Söder")
    participation_at(RoundFactory(unit=other, year=2026), S.INVITED, start=now)
    user = StaffUserFactory()
    RegionRole.objects.create(user=user, region=unit.region, role="regionstatistiker")
    client.force_login(user)
    assert client.get(reverse("dashboard")).url == reverse("reporting:overview")
    response = client.get(reverse("reporting:overview"))
    assert response.context["scope"].is_region
    assert {r["key"]: r["count"] for r in response.context["rows"]}["invited"] == 10
    by_unit = client.get(reverse("reporting:breakdown"), {"dim": "unit", "scope": "region"}).context["rows"]
    assert {r["group"] for r in by_unit} == {"Vårdcentralen Norr", "Vårdcentralen Söder"}


def test_roles_without_statistics_get_403(client, unit):
    client.force_login(StaffUserFactory(unit=unit, roles=[Role.CASE_HANDLER, Role.DIALOGUE_LEADER]))
    assert client.get(reverse("reporting:overview")).status_code == 403


def test_pages_with_no_data_show_empty_not_errors(client, unit):
    client.force_login(StaffUserFactory(unit=unit, roles=[Role.STATISTICIAN]))
    for name in ("reporting:overview", "reporting:breakdown", "reporting:trends"):
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("reporting:breakdown"), {"dim": "quintile"}).status_code == 200


def test_a_statistics_download_is_logged_without_a_person(client, unit, round_):
    client.force_login(StaffUserFactory(unit=unit, roles=[Role.STATISTICIAN]))
    client.get(reverse("reporting:overview"), {"format": "csv"})
    entry = AccessLogEntry.objects.get(action="export")
    assert entry.person is None and "funnel" in entry.detail


def test_filters_by_round_and_a_bad_period(client, unit, round_):
    client.force_login(StaffUserFactory(unit=unit, roles=[Role.STATISTICIAN]))
    response = client.get(reverse("reporting:overview"), {"year": 2025})
    assert response.context["form"].errors  # 2025 is not one of the unit's rounds
    response = client.get(reverse("reporting:overview"), {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert response.context["form"].errors
    PersonFactory(unit=unit)  # not in the round: never counted
    response = client.get(reverse("reporting:overview"), {"year": 2026})
    assert {r["key"]: r["count"] for r in response.context["rows"]}["selected"] == 9
