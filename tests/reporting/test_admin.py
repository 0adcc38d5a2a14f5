import pytest
from django.urls import reverse

from reporting.models import ResearchExport, ResearchProject
from reporting.services.research_export import project_new_secret, research_export_run
from tests.factories import CareUnitFactory, RegionFactory, RoundFactory, region_admin

pytestmark = pytest.mark.django_db


def test_a_region_administrator_defines_an_extract_and_downloads_it_once(client, django_capture_on_commit_callbacks):
    unit = CareUnitFactory()
    round_ = RoundFactory(unit=unit)
    client.force_login(region_admin(unit.region))
    client.post(reverse("admin:reporting_researchproject_add"),
                {"region": unit.region.pk, "name": "Studie", "ethics_reference": "Dnr 1", "principal_investigator": ""})
    project = ResearchProject.objects.get()
    assert len(project.secret) > 40
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("admin:reporting_researchexport_add"), {
            "project": project.pk, "rounds": [round_.pk], "date_mode": "year_month", "fields_chosen": ["cohort", "sex"],
        })
    assert response.status_code == 302
    assert len(callbacks) == 1  # the job is queued
    export = ResearchExport.objects.get()
    assert export.fields == ["cohort", "sex"] and list(export.rounds.all()) == [round_]
    research_export_run(export_id=export.pk)
    url = reverse("admin:reporting_researchexport_download", args=[export.pk])
    assert client.get(url).content.startswith(b"pseudonym;")
    assert client.get(url).status_code == 302  # gone after one download


def test_another_regions_projects_are_not_visible(client):
    mine, other = RegionFactory(), RegionFactory()
    ResearchProject.objects.create(region=other, name="X", ethics_reference="1", secret=project_new_secret())
    client.force_login(region_admin(mine))
    response = client.get(reverse("admin:reporting_researchproject_changelist"))
    assert list(response.context["cl"].queryset) == []
