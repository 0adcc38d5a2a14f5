import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from population.models import AccessLogEntry
from population.services.audit import Actor
from responses.models import LabCodeMapping, LabOrder, LabResult, LabResultImport
from responses.services.lab import lab_orders_ensure
from responses.services.lab_import import FLOW, lab_import_run
from rhs_portal.models import ImportStatus
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, PersonFactory, staff_with
from tests.responses.factories import participation_in

pytestmark = pytest.mark.django_db

HEADER = "personnummer;provtagningsdatum;analyskod;värde;enhet"


@pytest.fixture
def unit():
    return CareUnitFactory()


@pytest.fixture
def actor(unit):
    return Actor.staff(staff_with(unit, Role.CASE_HANDLER), unit)


@pytest.fixture
def people(unit, actor):
    """Two people with lab tests ordered."""
    found = []
    for _i in range(2):
        participation = participation_in(unit)
        lab_orders_ensure(participation=participation, actor=actor)
        found.append(participation)
    return found


def csv(*lines: str) -> io.BytesIO:
    return io.BytesIO(("\n".join([HEADER, *lines]) + "\n").encode("utf-8"))


def run(unit, actor, source, now, commit=False, skip_invalid=False):
    return lab_import_run(unit=unit, source=source, commit=commit, skip_invalid=skip_invalid, actor=actor, now=now)


def full_panel(person, day="2026-02-26"):
    pnr = person.personnummer
    return [f"{pnr};{day};NPU22089;5,6;mmol/L", f"{pnr};{day};NPU01566;5,2;mmol/L",
            f"{pnr};{day};NPU01567;1,4;mmol/L", f"{pnr};{day};NPU01568;3,1;mmol/L",
            f"{pnr};{day};fP-Triglycerid;1,2;mmol/l"]


def test_the_lab_codes_table_is_seeded_from_the_data_file():
    assert LabCodeMapping.objects.get(code="NPU01566").analyte == "total_cholesterol"
    assert LabCodeMapping.objects.get(code="NPU27300").unit == "mmol/mol"


def test_preview_counts_and_commit_records_and_moves_the_orders(unit, actor, people, now):
    lines = full_panel(people[0].person) + full_panel(people[1].person)[:2]
    preview = run(unit, actor, csv(*lines), now)
    assert (preview.new, preview.changed, preview.unchanged, preview.persons, preview.errors) == (7, 0, 0, 2, [])
    assert not LabResult.objects.exists()

    done = run(unit, actor, csv(*lines), now, commit=True)
    assert done.committed
    assert LabResult.objects.filter(superseded_at__isnull=True).count() == 7
    assert set(LabOrder.objects.filter(participation=people[0]).values_list("status", flat=True)) == {"results"}
    # The second person's lipid panel is partial: sample taken, results not complete.
    assert dict(LabOrder.objects.filter(participation=people[1]).values_list("analysis", "status")) == {
        "fp_glukos": "results", "fp_lipidstatus": "sampled"}
    assert AccessLogEntry.objects.filter(detail="lab results imported").count() == 2

    again = run(unit, actor, csv(*lines), now, commit=True)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 7)
    assert LabResult.objects.count() == 7


def test_bad_rows_are_reported_with_line_column_and_reason_and_nothing_is_recorded(unit, actor, people, now):
    stranger = PersonFactory(unit=CareUnitFactory())
    no_order = participation_in(unit).person
    pnr = people[0].person.personnummer
    result = run(unit, actor, csv(
        f"{pnr};2026-02-26;NPU22089;5,6;mmol/L",          # 2: fine
        "19121212-1213;2026-02-26;NPU22089;5,6;mmol/L",    # 3: check digit
        f"{pnr};26/02/2026;NPU01566;5,2;mmol/L",           # 4: date
        f"{pnr};2026-02-26;XYZ;5,2;mmol/L",                # 5: unknown code
        f"{pnr};2026-02-26;NPU01567;1,4;mg/dL",            # 6: unit
        f"{pnr};2026-02-26;NPU01568;31;mmol/L",            # 7: implausible
        f"{stranger.personnummer};2026-02-26;NPU01566;5,2;mmol/L",  # 8: not listed here
        f"{no_order.personnummer};2026-02-26;NPU01566;5,2;mmol/L",  # 9: nothing ordered
        f"{pnr};2026-02-26;NPU04094;abc;mmol/L",           # 10: not a number
    ), now, commit=True)
    assert not result.committed
    assert "rows with errors" in result.refused
    found = {(e.row, e.column) for e in result.errors}
    assert found == {(3, "personnummer"), (4, "provtagningsdatum"), (5, "analyskod"), (6, "enhet"), (7, "varde"),
                     (8, "personnummer"), (9, "personnummer"), (10, "varde")}
    reasons = {e.row: e.reason for e in result.errors}
    assert reasons[5] == "The analysis code XYZ is not known. An administrator can add it to the lab codes."
    assert reasons[6] == "HDL cholesterol is given in mmol/L, not mg/dL."
    assert reasons[8] == "No one with this number is listed at the unit."
    assert reasons[9] == f"No lab tests are ordered for {no_order.full_name}."
    assert not LabResult.objects.exists()

    skipped = run(unit, actor, csv(f"{pnr};2026-02-26;NPU22089;5,6;mmol/L", f"{pnr};2026-02-26;XYZ;5,2;mmol/L"),
                  now, commit=True, skip_invalid=True)
    assert skipped.committed and LabResult.objects.count() == 1


def test_two_different_values_for_the_same_analysis_and_day_are_both_refused(unit, actor, people, now):
    pnr = people[0].person.personnummer
    result = run(unit, actor, csv(f"{pnr};2026-02-26;NPU22089;5,6;mmol/L", f"{pnr};2026-02-26;fP-Glukos;6,6;mmol/L"),
                 now)
    assert [e.row for e in result.errors] == [2, 3]
    assert "different values on lines 2, 3" in result.errors[0].reason


def test_a_file_that_is_not_a_lab_file_is_refused_whole(unit, actor, now):
    result = run(unit, actor, io.BytesIO(b"namn;telefon\nAnna;070\n"), now)
    assert result.refused.startswith("The file lacks the required column(s): personnummer")


def test_a_later_file_with_a_new_value_changes_it(unit, actor, people, now):
    pnr = people[0].person.personnummer
    run(unit, actor, csv(f"{pnr};2026-02-20;NPU22089;6,6;mmol/L"), now, commit=True)
    preview = run(unit, actor, csv(f"{pnr};2026-02-26;NPU22089;6,1;mmol/L"), now)
    assert (preview.new, preview.changed) == (0, 1)
    assert preview.samples["changed"][0]["old"] == "6.60"
    run(unit, actor, csv(f"{pnr};2026-02-26;NPU22089;6,1;mmol/L"), now, commit=True)
    assert LabResult.objects.get(superseded_at__isnull=True).value == Decimal("6.10")


def test_the_import_pages_preview_review_and_commit(client, unit, people):
    user = staff_with(unit, Role.CASE_HANDLER)
    client.force_login(user)
    upload = SimpleUploadedFile("labb.csv", ("\n".join([HEADER, *full_panel(people[0].person)]) + "\n").encode())
    response = client.post(reverse("responses:lab_import_list"), {"file": upload})
    imp = LabResultImport.objects.get()
    assert response.url == reverse("responses:lab_import_detail", args=[imp.pk])
    FLOW.preview_job(import_id=imp.pk)
    page = client.get(response.url)
    assert page.context["summary"]["new"] == 5
    assert AccessLogEntry.objects.filter(actor_user=user, object_type="responses.labresultimport").count() == 1
    client.post(reverse("responses:lab_import_commit", args=[imp.pk]))
    FLOW.commit_job(import_id=imp.pk)
    imp.refresh_from_db()
    assert imp.status == ImportStatus.COMMITTED and not imp.file
    assert LabResult.objects.filter(lab_import=imp).count() == 5


def test_old_lab_files_and_the_values_in_their_previews_are_thinned_by_the_retention_sweep(unit, now):
    import datetime as dt

    from retention.services import retention_sweep

    imp = LabResultImport.objects.create(
        unit=unit, uploaded_by=staff_with(unit), original_name="labb.csv", status="committed",
        summary={"new": 2, "samples": {"new": [{"name": "Anna", "value": "5.6"}]}, "errors": [{"row": 3}]},
    )
    LabResultImport.objects.filter(pk=imp.pk).update(created_at=now - dt.timedelta(days=40))
    assert retention_sweep(now=now).report["lab_import_files"] == 1
    imp.refresh_from_db()
    assert imp.summary == {"new": 2, "thinned": True}


def test_the_command_previews_then_commits_and_refuses_a_file_with_errors(tmp_path, unit, people, capsys):
    import json

    from django.core.management import call_command

    def call(*args):
        try:
            call_command("import_lab_results", *args)
            code = 0
        except SystemExit as exc:
            code = exc.code
        return code, json.loads(capsys.readouterr().out)

    path = tmp_path / "labb.csv"
    path.write_text("\n".join([HEADER, *full_panel(people[0].person)]) + "\n", encoding="utf-8")
    code, body = call(str(path), "--unit", unit.hsa_id, "--json", "--now", "2026-03-02T10:00")
    assert (code, body["new"], body["committed"]) == (0, 5, False)
    code, body = call(str(path), "--unit", unit.hsa_id, "--commit", "--json", "--now", "2026-03-02T10:00")
    assert (code, body["committed"]) == (0, True)
    assert LabResult.objects.count() == 5
    path.write_text(HEADER + f"\n{people[1].person.personnummer};2026-02-26;XYZ;5,0;mmol/L\n", encoding="utf-8")
    code, body = call(str(path), "--unit", unit.hsa_id, "--commit", "--json", "--now", "2026-03-02T10:00")
    assert code == 1 and body["errors"][0]["column"] == "analyskod"
