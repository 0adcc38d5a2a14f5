"""python manage.py run_reminders [--now ISO] [--json]."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from reminders.services.sweep import SWEEP_KEYS
from tests.conftest import aware
from tests.factories import CareUnitFactory
from tests.reminders.factories import invited_case

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("run_reminders", *args, stdout=out)
    return out.getvalue()


def test_json_output_has_exactly_the_rule_keys_and_a_second_run_reports_zeros():
    invited_case(unit=CareUnitFactory(), sent=aware(2026, 2, 2, 10, 0))
    first = json.loads(run("--now", "2026-02-07T06:00", "--json"))
    assert set(first) == set(SWEEP_KEYS)
    assert first["auto_reminders"] == 1
    assert json.loads(run("--now", "2026-02-07T06:00+01:00", "--json")) == dict.fromkeys(SWEEP_KEYS, 0)


def test_plain_output_lists_the_counts():
    assert "auto_reminders: 0" in run("--now", "2026-02-07T06:00")


def test_a_bad_now_is_a_clear_error_and_changes_nothing():
    with pytest.raises(CommandError, match="--now must be an ISO date"):
        run("--now", "yesterday")
