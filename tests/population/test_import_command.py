import json

import pytest
from django.core.management import call_command

from population.models import Person
from tests.factories import CareUnitFactory

pytestmark = pytest.mark.django_db

GOOD = "personnummer;fornamn;efternamn\n19121212-1212;Tolvan;Tolvansson\n"
BAD = GOOD + "19121212-1213;Fel;Siffra\n"


@pytest.fixture
def unit():
    return CareUnitFactory()


def call(capsys, *args):
    try:
        call_command("import_population", *args)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, json.loads(capsys.readouterr().out)


def test_preview_by_default_then_commit(tmp_path, unit, capsys):
    path = tmp_path / "lista.csv"
    path.write_text(GOOD)
    code, body = call(capsys, str(path), "--unit", unit.hsa_id, "--json")
    assert code == 0
    assert body == {"new": 1, "changed": 0, "unchanged": 0, "removed": 0, "unknown_columns": [], "errors": [],
                    "committed": False}
    assert Person.objects.count() == 0
    code, body = call(capsys, str(path), "--unit", unit.hsa_id, "--commit", "--json")
    assert (code, body["committed"]) == (0, True)
    code, body = call(capsys, str(path), "--unit", unit.hsa_id, "--commit", "--json")
    assert (body["new"], body["unchanged"]) == (0, 1)


def test_errors_refuse_the_commit_with_exit_1_unless_skip_invalid(tmp_path, unit, capsys):
    path = tmp_path / "lista.csv"
    path.write_text(BAD)
    code, body = call(capsys, str(path), "--unit", unit.hsa_id, "--commit", "--json")
    assert code == 1
    assert body["committed"] is False
    assert body["errors"] == [{"row": 3, "column": "personnummer", "reason": "The check digit is wrong."}]
    assert Person.objects.count() == 0
    code, body = call(capsys, str(path), "--unit", unit.hsa_id, "--commit", "--skip-invalid", "--json")
    assert (code, body["committed"], body["new"]) == (0, True, 1)


def test_a_bad_file_or_unit_is_refused_with_an_error_body(tmp_path, unit, capsys):
    path = tmp_path / "lista.csv"
    path.write_bytes(b"")
    code, body = call(capsys, str(path), "--unit", unit.hsa_id, "--json")
    assert code == 1 and body["committed"] is False
    code, body = call(capsys, str(path), "--unit", "SE0000000000-X", "--json")
    assert code == 1 and "HSA-id" in body["error"]
