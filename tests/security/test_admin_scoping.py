"""Django admin: a unit administrator sees and changes only their own unit's objects."""

import pytest
from django.urls import reverse

from population.models import AccessLogEntry, Membership
from population.services.audit import Actor, Auditor
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, PersonFactory, RoundFactory, StaffUserFactory, region_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    mine = CareUnitFactory()
    return mine, CareUnitFactory(region=mine.region)


@pytest.fixture
def unit_admin(client, units):
    user = StaffUserFactory(unit=units[0], roles=[Role.UNIT_ADMIN], is_staff=True)
    client.force_login(user)
    return user


def test_unit_admin_lists_only_their_unit(client, units, unit_admin):
    mine, other = units
    response = client.get(reverse("admin:population_careunit_changelist"))
    assert list(response.context["cl"].queryset) == [mine]
    assert client.get(reverse("admin:population_careunit_change", args=[other.pk])).status_code == 302  # not found
    assert client.get(reverse("admin:population_careunit_change", args=[mine.pk])).status_code == 200


def test_unit_admin_manages_memberships_of_their_unit_only(client, units, unit_admin):
    mine, other = units
    colleague = StaffUserFactory(unit=other, roles=[Role.CASE_HANDLER])
    theirs = Membership.objects.get(user=colleague)
    response = client.get(reverse("admin:population_membership_changelist"))
    assert theirs not in response.context["cl"].queryset
    assert client.get(reverse("admin:population_membership_change", args=[theirs.pk])).status_code == 302
    response = client.post(
        reverse("admin:population_membership_add"), {"user": colleague.pk, "unit": other.pk, "role": "samtalsledare"}
    )
    assert response.status_code == 200  # the form refuses a unit outside the scope
    assert not Membership.objects.filter(unit=other, role="samtalsledare").exists()
    response = client.post(
        reverse("admin:population_membership_add"), {"user": colleague.pk, "unit": mine.pk, "role": "samtalsledare"}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=colleague, unit=mine, role="samtalsledare").exists()


def test_unit_admin_cannot_open_another_units_rounds_or_log(client, units, unit_admin):
    mine, other = units
    theirs = RoundFactory(unit=other)
    assert client.get(reverse("admin:invitations_round_change", args=[theirs.pk])).status_code == 302
    person = PersonFactory(unit=other)
    entry = Auditor(Actor.system("x", unit=other)).view(person)
    response = client.get(reverse("admin:population_accesslogentry_changelist"))
    assert entry not in response.context["cl"].queryset


def test_the_access_log_cannot_be_changed_in_admin(client, units):
    user = StaffUserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    entry = Auditor(Actor.system("x", unit=units[0])).view(PersonFactory(unit=units[0]))
    response = client.post(reverse("admin:population_accesslogentry_change", args=[entry.pk]), {"detail": "x"})
    assert response.status_code == 403
    response = client.post(reverse("admin:population_accesslogentry_delete", args=[entry.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_staff_without_an_admin_role_cannot_use_admin(client, units):
    user = StaffUserFactory(unit=units[0], roles=[Role.CASE_HANDLER], is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 302


def test_region_admin_sees_every_unit_of_the_region(client, units):
    mine, other = units
    foreign = CareUnitFactory()  # another region
    client.force_login(region_admin(mine.region))
    response = client.get(reverse("admin:population_careunit_changelist"))
    assert set(response.context["cl"].queryset) == {mine, other}
    assert foreign not in response.context["cl"].queryset


def test_unit_admin_cannot_grant_admin_rights(client, units, unit_admin):
    colleague = StaffUserFactory(unit=units[0], roles=[Role.CASE_HANDLER])
    url = reverse("admin:population_staffuser_change", args=[colleague.pk])
    form = client.get(url).context["adminform"].form
    assert "is_superuser" not in form.fields and "is_staff" not in form.fields
