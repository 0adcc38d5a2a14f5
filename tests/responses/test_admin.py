import pytest
from django.urls import reverse

from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, StaffUserFactory, region_admin
from tests.responses.factories import appointment_in

pytestmark = pytest.mark.django_db


def test_region_admins_maintain_the_lab_codes_and_unit_admins_do_not(client):
    unit = CareUnitFactory()
    client.force_login(region_admin(unit.region))
    response = client.post(reverse("admin:responses_labcodemapping_add"),
                           {"code": "lab-gluk", "analyte": "glucose", "unit": "mmol/L", "note": "lokal kod"})
    assert response.status_code == 302
    from responses.models import LabCodeMapping

    assert LabCodeMapping.objects.filter(code="LAB-GLUK").exists()
    client.force_login(StaffUserFactory(unit=unit, roles=[Role.UNIT_ADMIN], is_staff=True))
    assert client.get(reverse("admin:responses_labcodemapping_changelist")).status_code == 403


def test_a_unit_admin_sees_only_their_units_appointments(client):
    mine, other = CareUnitFactory(), CareUnitFactory()
    own, theirs = appointment_in(mine), appointment_in(other)
    client.force_login(StaffUserFactory(unit=mine, roles=[Role.UNIT_ADMIN], is_staff=True))
    response = client.get(reverse("admin:responses_appointment_changelist"))
    assert list(response.context["cl"].queryset) == [own]
    assert client.get(reverse("admin:responses_appointment_change", args=[theirs.pk])).status_code == 302


def test_a_unit_admin_reads_only_their_units_calls(client):
    from population.services.audit import Actor
    from responses.models import CallOutcome
    from responses.services.calls import call_attempt_log
    from tests.invitations.factories import contact_for

    mine, other = CareUnitFactory(), CareUnitFactory()
    admin_user = StaffUserFactory(unit=mine, roles=[Role.UNIT_ADMIN], is_staff=True)
    own = call_attempt_log(contact=contact_for(unit=mine), outcome=CallOutcome.NO_ANSWER,
                           actor=Actor.staff(admin_user, mine))
    call_attempt_log(contact=contact_for(unit=other), outcome=CallOutcome.NO_ANSWER, actor=Actor.staff(admin_user))
    client.force_login(admin_user)
    response = client.get(reverse("admin:responses_callattempt_changelist"))
    assert list(response.context["cl"].queryset) == [own]
    assert client.get(reverse("admin:responses_callattempt_add")).status_code == 403
