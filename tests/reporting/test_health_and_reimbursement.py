"""Health results and the reimbursement report read from real visits, notes and overrides."""

import datetime as dt

import pytest
from django.urls import reverse

from population.models import AccessLogEntry
from population.services.audit import Actor
from reporting.services.funnel import funnel, participations_in_scope
from reporting.services.health import health_summary
from reporting.services.reimbursement import reimbursement_month, visits_not_documented
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, StaffUserFactory
from tests.visits.factories import started_visit
from visits.journal import NoteContent
from visits.services.note import note_sign
from visits.services.visit import visit_override_level

pytestmark = pytest.mark.django_db


def sign(visit, now, kva=("DV112", "Rådgivande samtal om tobaksbruk")):
    content = NoteContent(contact_reason="Hälsosamtal", diagnoses=[("Z00.0", "Allmän hälsoundersökning"),
                                                                   ("Z72.0", "Tobaksbruk")],
                          kva=[kva], advice_text="", nurse="Sara", date=now.date())
    return note_sign(visit=visit, content=content, actor=Actor.staff(visit.nurse, visit.unit), now=now)


@pytest.fixture
def unit():
    return CareUnitFactory()


def test_levels_in_force_and_alerts_per_group(unit, now):
    first = started_visit(unit=unit, sex="male", now=now)  # bp mean 144/90 → level 2; glucose 6.4 → raised
    second = started_visit(unit=unit, sex="female", now=now)
    visit_override_level(visit=second, row_key="blodtryck", level=3, reason="Hemmamätningar visar högre",
                         actor=Actor.staff(second.nurse, unit), now=now)
    summary = health_summary(participations_in_scope(unit_ids=[unit.pk]), dimension="sex")
    assert summary.visits == 2
    assert summary.levels["blodtryck"] == {2: 1, 3: 1}  # the override counts, not the computed level
    assert summary.levels["livssituation"][None] == 2  # no data → missing, never level 1
    alerts = summary.alerts["sex"]
    assert alerts["male"]["glucose"] == 1 and alerts["female"].get("high_bp") == 1
    assert first.result_id and second.result_id


def test_the_funnel_counts_answered_questionnaires(unit, now):
    started_visit(unit=unit, now=now)
    assert funnel(participations_in_scope(unit_ids=[unit.pk])).total["questionnaire"] == 1


def test_reimbursement_counts_codes_of_the_month_and_lists_what_is_not_documented(unit, now):
    documented = started_visit(unit=unit, now=now)
    sign(documented, now)
    open_visit = started_visit(unit=unit, now=now)
    report = reimbursement_month(unit_ids=[unit.pk], month=now.date())
    assert report.documented == 1
    assert report.contact_reasons == {"Hälsosamtal": 1}
    assert report.diagnoses == {"Z00.0": 1, "Z72.0": 1} and report.kva == {"DV112": 1}
    assert list(visits_not_documented(unit_ids=[unit.pk])) == [open_visit]
    next_month = reimbursement_month(unit_ids=[unit.pk], month=now.date() + dt.timedelta(days=31))
    assert next_month.documented == 0


def test_the_unit_admin_sees_the_visit_list_and_it_is_logged(client, unit, now):
    visit = started_visit(unit=unit, now=now)
    sign(visit, now)
    client.force_login(StaffUserFactory(unit=unit, roles=[Role.UNIT_ADMIN]))
    response = client.get(reverse("reporting:reimbursement"), {"month": now.strftime("%Y-%m")})
    assert list(response.context["notes"]) == [visit.note]
    assert AccessLogEntry.objects.filter(person=visit.person, detail__startswith="reimbursement").exists()
    csv = client.get(reverse("reporting:reimbursement"), {"month": now.strftime("%Y-%m"), "format": "csv"})
    assert visit.person.personnummer_display in csv.content.decode("utf-8-sig")


def test_the_statistician_gets_counts_only(client, unit, now):
    sign(started_visit(unit=unit, now=now), now)
    client.force_login(StaffUserFactory(unit=unit, roles=[Role.STATISTICIAN]))
    response = client.get(reverse("reporting:reimbursement"), {"month": now.strftime("%Y-%m")})
    assert response.context["notes"] == [] and response.context["undocumented"] == []
    assert response.context["documented"] == "<5"
    page = client.get(reverse("reporting:health")).content.decode()
    assert "Hälsokurvans nivåer" in page or "Hälsokurva" in page
