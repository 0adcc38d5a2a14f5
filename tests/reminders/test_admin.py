"""Reminders in Django admin: read-only, scoped to the administrator's units."""

import pytest
from django.urls import reverse

from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, StaffUserFactory, region_admin
from tests.reminders.factories import invited_case, manual_task_for

pytestmark = pytest.mark.django_db


def test_a_unit_admin_reads_only_their_units_reminders_and_cannot_change_them(client, now):
    mine, other = CareUnitFactory(), CareUnitFactory()
    own = manual_task_for(invited_case(unit=mine, sent=now), now=now)
    theirs = manual_task_for(invited_case(unit=other, sent=now), now=now)
    client.force_login(StaffUserFactory(unit=mine, roles=[Role.UNIT_ADMIN], is_staff=True))
    response = client.get(reverse("admin:reminders_reminder_changelist"))
    assert list(response.context["cl"].queryset) == [own]
    assert client.get(reverse("admin:reminders_reminder_change", args=[theirs.pk])).status_code == 302
    assert client.get(reverse("admin:reminders_reminder_add")).status_code == 403
    page = client.get(reverse("admin:reminders_reminder_change", args=[own.pk]))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert client.post(reverse("admin:reminders_reminder_delete", args=[own.pk]), {"post": "yes"}).status_code == 403


def test_a_region_admin_sees_the_regions_reminders(client, now):
    unit = CareUnitFactory()
    task = manual_task_for(invited_case(unit=unit, sent=now), now=now)
    client.force_login(region_admin(unit.region))
    response = client.get(reverse("admin:reminders_reminder_changelist"))
    assert list(response.context["cl"].queryset) == [task]
