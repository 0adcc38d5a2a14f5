"""`python manage.py halsokurva_score`: JSON in, JSON out, the table chosen by --region and --date."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from halsokurva.models import ThresholdTable
from halsokurva.scoring import ROW_KEYS, load_default_table
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


def run(data, *args) -> tuple[int, dict, str]:
    out, err = io.StringIO(), io.StringIO()
    raw = data if isinstance(data, str) else json.dumps(data)
    try:
        call_command("halsokurva_score", *args, stdin=io.StringIO(raw), stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, json.loads(out.getvalue()), err.getvalue()


def test_scores_a_visit_with_the_shipped_default_table():
    code, result, _ = run(
        {"sex": "male", "height_cm": 180, "weight_kg": 80, "waist_cm": 95, "hip_cm": 100,
         "systolic": [141, 138], "diastolic": [88, 90], "total_cholesterol": 5.0, "smoking": "daily",
         "cigarettes_per_day": 12, "fp_glucose": 6.5},
        "--date", "2026-03-01",
    )
    assert code == 0
    assert set(result) == {"ruleset", "bmi", "whr", "rows", "alerts"}
    assert result["ruleset"] == "2026.1-default"
    assert result["bmi"] == 24.7 and result["whr"] == 0.95
    assert [r["key"] for r in result["rows"]] == list(ROW_KEYS)
    rows = {r["key"]: r for r in result["rows"]}
    assert rows["blodtryck"] == {"key": "blodtryck", "level": 2, "value": "140/89"}
    assert rows["tobak"] == {"key": "tobak", "level": 4, "value": "daily_smoking_over_9"}
    assert rows["kolesterol"]["level"] == 2
    assert rows["fysisk_aktivitet"] == {"key": "fysisk_aktivitet", "level": None, "value": None}
    assert result["alerts"] == [{"code": "glucose_raised"}, {"code": "waist_increased"}]


def test_an_empty_object_gives_every_row_missing():
    code, result, _ = run({})
    assert code == 0
    assert all(r["level"] is None for r in result["rows"]) and result["alerts"] == []


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"stress_mm": 51}, "stress_mm"),
        ({"kostindex": [3, 3, 4, 3]}, "kostindex"),
        ({"height_cm": "180"}, "height_cm"),
        ({"smoking": "sometimes"}, "smoking"),
        ({"blood_sugar": 5}, "blood_sugar"),
        ({"systolic": 140}, "systolic"),
        ("not json", "<input>"),
        ([1, 2], "<input>"),
    ],
)
def test_bad_input_exits_non_zero_naming_the_key(data, key):
    code, result, err = run(data)
    assert code == 1
    assert result["key"] == key
    assert key in result["error"] and key in err


def test_region_and_date_choose_the_table():
    region = RegionFactory(code="ost")
    table = copy.deepcopy(load_default_table())
    table["version"], table["valid_from"] = "ost-2026.2", "2026-06-01"
    table["rows"]["bmi"]["bands"][1]["lte"] = 24.9  # a stricter region: 25.0 is already level 2
    table["rows"]["bmi"]["bands"][2]["gte"] = 25.0
    ThresholdTable.objects.create(region=region, version="ost-2026.2", valid_from=dt.date(2026, 6, 1), table=table)
    data = {"height_cm": 200, "weight_kg": 100}  # BMI 25.0
    assert run(data, "--region", "ost", "--date", "2026-05-31")[1]["ruleset"] == "2026.1-default"
    code, result, _ = run(data, "--region", "ost", "--date", "2026-06-01")
    assert code == 0 and result["ruleset"] == "ost-2026.2"
    assert result["rows"][ROW_KEYS.index("bmi")]["level"] == 2
    assert run(data, "--date", "2026-06-01")[1]["ruleset"] == "2026.1-default"  # other regions: national


@pytest.mark.parametrize(
    ("args", "key"),
    [(("--region", "nowhere"), "--region"), (("--date", "2026-13-01"), "--date"), (("--date", "2025-12-31"), "--date")],
)
def test_a_bad_region_or_date_is_refused(args, key):
    code, result, _ = run({}, *args)
    assert code == 1 and result["key"] == key
