import csv
import io

import pytest
from django.core.management import call_command

from invitations.models import ParticipationState
from population.models import AccessLogEntry
from population.services.audit import Actor
from reporting.models import DateMode, ResearchExport, ResearchProject
from reporting.services.research_export import (
    FIELDS,
    ExportError,
    date_offset,
    project_new_secret,
    pseudonym,
    research_export_create,
    research_export_download,
    research_export_run,
)
from rhs_portal.models import JobStatus
from tests.conftest import aware
from tests.factories import CareUnitFactory, RoundFactory, region_admin
from tests.reporting.factories import participation_at

pytestmark = pytest.mark.django_db
S = ParticipationState


@pytest.fixture
def round_():
    round_ = RoundFactory(unit=CareUnitFactory(), year=2026)
    start = aware(2026, 2, 2, 9, 0)
    for _ in range(4):
        participation_at(round_, S.VISITED, start=start, days_per_step=5)
    participation_at(round_, S.DECLINED, start=start, via=[S.SELECTED, S.INVITED])
    return round_


def project(round_, name="Hälsoprojektet"):
    return ResearchProject.objects.create(
        region=round_.unit.region, name=name, ethics_reference="Dnr 2026-00001-01", secret=project_new_secret()
    )


def run_export(round_, proj, fields=None, date_mode=DateMode.YEAR_MONTH, django_capture_on_commit_callbacks=None):
    admin = region_admin(round_.unit.region)
    export = research_export_create(project=proj, rounds=[round_], fields=fields or list(FIELDS),
                                    date_mode=date_mode, actor=Actor.staff(admin))
    research_export_run(export_id=export.pk)
    export.refresh_from_db()
    content = research_export_download(export=export, actor=Actor.staff(admin)).decode("utf-8")
    return export, list(csv.DictReader(io.StringIO(content), delimiter=";"))


def test_the_extract_has_no_names_numbers_or_birth_dates(round_):
    export, rows = run_export(round_, project(round_))
    assert export.status == JobStatus.DONE and len(rows) == 5
    text = repr(rows)
    for participation in round_.participations.select_related("person"):
        person = participation.person
        for secret in (person.personnummer, person.personnummer[2:], person.first_name, person.last_name,
                       person.email, person.phone[3:], person.street_address, person.birth_date.isoformat()):
            assert secret not in text
    assert set(rows[0]) >= {"pseudonym", "birth_year", "sex", "invited_date", "days_to_visit"}
    assert rows[0]["invited_date"] == "2026-02"  # year–month
    assert {r["days_to_visit"] for r in rows if r["state"] == "visited"} == {"15"}


def test_pseudonyms_are_stable_within_a_project_and_differ_across_projects(round_):
    first, second = project(round_, "A"), project(round_, "B")
    _e, rows_a1 = run_export(round_, first)
    _e, rows_a2 = run_export(round_, first)
    _e, rows_b = run_export(round_, second)
    assert sorted(r["pseudonym"] for r in rows_a1) == sorted(r["pseudonym"] for r in rows_a2)
    assert not {r["pseudonym"] for r in rows_a1} & {r["pseudonym"] for r in rows_b}
    number = "197603302386"
    assert pseudonym(first, number) == pseudonym(first, number) != pseudonym(second, number)


def test_shifted_dates_keep_intervals_and_offset_per_person(round_):
    proj = project(round_)
    _e, rows = run_export(round_, proj, fields=["timings"], date_mode=DateMode.SHIFT)
    visited = [r for r in rows if r["visit_date"]]
    assert {r["days_to_visit"] for r in visited} == {"15"}
    assert len({r["invited_date"] for r in visited}) > 1  # everyone starts the same day; offsets differ
    assert all(-182 <= date_offset(proj, str(n)) <= 182 for n in range(100))


def test_people_who_declined_research_never_appear(round_):
    person = round_.participations.first().person
    person.research_opt_out = True
    person.save()
    _e, rows = run_export(round_, project(round_))
    assert len(rows) == 4


def test_every_export_is_audited_with_its_field_list_and_downloads_once(round_):
    proj = project(round_)
    export, _rows = run_export(round_, proj, fields=["cohort", "sex"])
    logged = AccessLogEntry.objects.filter(action="export", object_type="reporting.researchexport")
    assert logged.filter(person__isnull=False).count() == 5
    assert all("fields: cohort, sex" in e.detail for e in logged)
    with pytest.raises(ExportError):
        research_export_download(export=export, actor=Actor.system("again"))
    assert not ResearchExport.objects.get(pk=export.pk).encrypted_file


def test_the_file_at_rest_is_encrypted(round_):
    proj = project(round_)
    admin = region_admin(round_.unit.region)
    export = research_export_create(project=proj, rounds=[round_], fields=["sex"], date_mode=DateMode.YEAR_MONTH,
                                    actor=Actor.staff(admin))
    research_export_run(export_id=export.pk)
    export.refresh_from_db()
    with export.encrypted_file.open("rb") as handle:
        stored = handle.read()
    assert b"pseudonym" not in stored and b"female" not in stored


def test_unknown_fields_are_refused(round_):
    with pytest.raises(ExportError):
        research_export_create(project=project(round_), rounds=[round_], fields=["personnummer"],
                               date_mode=DateMode.SHIFT, actor=Actor.system("t"))


def test_the_command_writes_the_csv(round_, tmp_path, capsys):
    proj = project(round_)
    export = ResearchExport.objects.create(project=proj, fields=["cohort"], created_by=region_admin(round_.unit.region))
    export.rounds.set([round_])
    out = tmp_path / "extract.csv"
    call_command("research_export", "--export", str(export.pk), "--out", str(out), "--json")
    assert out.read_text().startswith("pseudonym;round_year;age;birth_year")
    assert '"rows": 5' in capsys.readouterr().out


def test_lab_values_are_exported_with_a_protected_sample_date(round_, now):
    from decimal import Decimal

    from responses.services.lab import LabValue, lab_orders_ensure, lab_results_record

    participation = round_.participations.filter(state=S.VISITED).first()
    actor = Actor.system("lab")
    lab_orders_ensure(participation=participation, actor=actor, now=now)
    lab_results_record(participation=participation, sampled_on=now.date(), actor=actor, now=now, values=[
        LabValue("glucose", Decimal("6.3"), "mmol/l"), LabValue("total_cholesterol", Decimal("5.2"), "mmol/l"),
        LabValue("hdl", Decimal("1.1"), "mmol/l"), LabValue("ldl", Decimal("3.1"), "mmol/l"),
        LabValue("triglycerides", Decimal("1.8"), "mmol/l")])
    _e, rows = run_export(round_, project(round_), fields=["lab"])
    with_lab = [r for r in rows if r["lab_glucose"]]
    assert len(with_lab) == 1
    assert (with_lab[0]["lab_glucose"], with_lab[0]["lab_ldl"]) == ("6.30", "3.10")
    assert with_lab[0]["lab_sample_date"] == now.strftime("%Y-%m")


def test_questionnaire_measurements_and_levels_are_exported_without_free_text(now):
    from tests.visits.factories import started_visit

    visit = started_visit(now=now)
    round_ = visit.participation.round
    _e, rows = run_export(round_, project(round_), fields=["questionnaire", "measurements", "halsokurva"])
    row = next(r for r in rows if r["height_cm"])
    assert row["height_cm"] == "180.0" and row["systolic_mean"] == "144" and row["bmi"] == "26.4"
    assert row["hk_blodtryck"] == "2" and "glucose_raised" in row["hk_alerts"]
    assert row["q_rokning"]  # national answers come as their values
    assert "q_ovrigt" not in row  # free text never leaves
