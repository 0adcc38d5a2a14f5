"""`send_invitations`: the automated way to send a batch, with the --json / exit-code convention."""

import json
import subprocess
import sys

import pytest
from django.core.management import call_command

from invitations.models import Participation, SendBatch
from tests.factories import CareUnitFactory
from tests.invitations.factories import participation_in
from tests.scheduling.factories import SlotFactory

pytestmark = pytest.mark.django_db


def run(capsys, *args):
    with pytest.raises(SystemExit) as exit_info:
        call_command("send_invitations", *args)
    return exit_info.value.code, capsys.readouterr().out


@pytest.fixture
def unit():
    return CareUnitFactory(hsa_id="SE2321000000-SEND1")


def test_json_counts_per_channel_and_the_limit_counts_excluded_people(unit, capsys):
    participation_in(unit=unit, reachability="digital")
    participation_in(unit=unit, reachability="digital", deceased=True)
    participation_in(unit=unit, reachability="missing")
    participation_in(unit=unit, reachability="missing", no_phone=True)
    participation_in(unit=unit, reachability="digital")  # beyond the limit
    call_command("send_invitations", "--unit", unit.hsa_id, "--year", "2026", "--template", "phone",
                 "--limit", "4", "--now", "2026-03-02T09:00", "--json")
    assert json.loads(capsys.readouterr().out) == {"digital": 1, "phone": 1, "letter": 1, "excluded": 1}
    assert Participation.objects.filter(state="selected").count() == 1
    assert SendBatch.objects.get().sent_at.isoformat() == "2026-03-02T08:00:00+00:00"


def test_already_invited_people_are_skipped(unit, capsys):
    for _ in range(3):
        participation_in(unit=unit, reachability="digital")
    call_command("send_invitations", "--unit", unit.hsa_id, "--year", "2026", "--template", "phone", "--limit", "2",
                 "--json")
    capsys.readouterr()
    call_command("send_invitations", "--unit", unit.hsa_id, "--year", "2026", "--template", "phone", "--limit", "2",
                 "--json")
    assert json.loads(capsys.readouterr().out) == {"digital": 1, "phone": 0, "letter": 0, "excluded": 0}
    call_command("send_invitations", "--unit", unit.hsa_id, "--year", "2026", "--template", "phone", "--limit", "2",
                 "--json")
    assert json.loads(capsys.readouterr().out) == {"digital": 0, "phone": 0, "letter": 0, "excluded": 0}


def test_the_web_template_without_free_web_times_is_refused_with_exit_1(unit, capsys):
    participation_in(unit=unit)
    code, out = run(capsys, "--unit", unit.hsa_id, "--year", "2026", "--template", "web", "--limit", "5", "--json")
    assert code == 1
    assert "web booking times" in json.loads(out)["error"]
    assert Participation.objects.get().state == "selected"


def test_the_web_template_with_web_times(unit, capsys):
    SlotFactory(unit=unit)
    participation_in(unit=unit)
    call_command("send_invitations", "--unit", unit.hsa_id, "--year", "2026", "--template", "web", "--limit", "5",
                 "--json")
    assert json.loads(capsys.readouterr().out)["digital"] == 1


@pytest.mark.parametrize("args", [
    ["--unit", "SE2321000000-NOPE", "--year", "2026"],
    ["--unit", "SE2321000000-SEND1", "--year", "2031"],
])
def test_an_unknown_unit_or_round_is_refused(unit, capsys, args):
    code, out = run(capsys, *args, "--template", "phone", "--limit", "5", "--json")
    assert code == 1 and "error" in json.loads(out)


def test_a_bad_template_is_a_usage_error():
    result = subprocess.run([sys.executable, "manage.py", "send_invitations", "--unit", "x", "--year", "2026",
                             "--template", "sms", "--limit", "1"], capture_output=True, text=True)
    assert result.returncode != 0 and "invalid choice" in result.stderr
