import datetime as dt
import json

import pytest
from django.core.management import call_command

from population.models import AccessLogEntry, PopulationImport
from population.services.audit import ACCESS_LOG_MINIMUM_DAYS, Actor, Auditor, access_log_purge
from retention.models import RetentionRule, RetentionRun
from retention.services import retention_sweep
from tests.factories import CareUnitFactory, PersonFactory, staff_with

pytestmark = pytest.mark.django_db


def test_the_access_log_is_kept_at_least_five_years_whatever_the_rule_says(now):
    person = PersonFactory()
    old = Auditor(Actor.system("t"), now=now - dt.timedelta(days=ACCESS_LOG_MINIMUM_DAYS + 10)).view(person)
    recent = Auditor(Actor.system("t"), now=now - dt.timedelta(days=4 * 365)).view(person)
    RetentionRule.objects.create(target="access_log", keep_days=30)  # too short: the minimum wins
    run = retention_sweep(now=now)
    assert run.report["access_log"] == 1
    assert list(AccessLogEntry.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.pk not in AccessLogEntry.objects.values_list("pk", flat=True)
    with pytest.raises(ValueError):
        access_log_purge(before=now - dt.timedelta(days=365), now=now)


def test_uploaded_lists_are_thinned_after_their_time(now, settings):
    unit = CareUnitFactory()
    user = staff_with(unit)
    old = PopulationImport.objects.create(unit=unit, uploaded_by=user, original_name="a.csv", status="committed",
                                          summary={"new": 3, "samples": {"new": [{"name": "Anna"}]}})
    PopulationImport.objects.filter(pk=old.pk).update(created_at=now - dt.timedelta(days=40))
    fresh = PopulationImport.objects.create(unit=unit, uploaded_by=user, original_name="b.csv", status="previewed",
                                            summary={"new": 1, "samples": {"new": [{"name": "Bo"}]}})
    run = retention_sweep(now=now)
    assert run.report["population_import_files"] == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.summary == {"new": 3, "thinned": True}
    assert fresh.summary["samples"]  # inside its retention period: untouched
    assert retention_sweep(now=now).report["population_import_files"] == 0  # nothing twice


def test_a_disabled_rule_removes_nothing_and_the_run_is_recorded(now):
    RetentionRule.objects.create(target="access_log", keep_days=4000, enabled=False)
    retention_sweep(now=now)
    assert "access_log" not in RetentionRun.objects.get().report


def test_the_command_reports_what_it_removed(capsys):
    call_command("run_retention", "--json")
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"access_log", "lab_import_files", "population_import_files", "research_export_files"}
