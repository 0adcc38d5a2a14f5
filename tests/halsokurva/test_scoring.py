"""Hälsokurva scoring core (DOMAIN.md §2, §3): pure unit tests, no database, no Django."""

from __future__ import annotations

import copy
import json

import pytest

from halsokurva.scoring import (
    ALERT_CODES,
    ROW_KEYS,
    InputError,
    RowResult,
    ScoringResult,
    activity_minutes,
    activity_minutes_from_options,
    audit_c_points_from_options,
    everyday_minutes_from_option,
    exercise_minutes_from_option,
    kostindex_points_from_options,
    load_default_table,
    parse_input,
    score,
    stjarnprofil,
    stress_points_from_mm,
    validate_table,
)

TABLE = load_default_table()



@pytest.fixture
def table() -> dict:
    """A private copy of the default table that a test may edit."""
    return load_default_table()


def result(data: dict, tbl: dict = TABLE) -> ScoringResult:
    return score(parse_input(data), tbl)


def row(data: dict, key: str, tbl: dict = TABLE) -> RowResult:
    return result(data, tbl).row(key)


# --------------------------------------------------------------------------- Midja-stusskvot


@pytest.mark.parametrize(
    ("sex", "waist", "hip", "ratio", "level"),
    [
        ("male", 89, 100, 0.89, 1),
        ("male", 90, 100, 0.90, 2),
        ("male", 94, 100, 0.94, 2),
        ("male", 94.5, 100, 0.95, 3),  # 0.945 rounds half up to 0.95
        ("male", 95, 100, 0.95, 3),
        ("male", 99, 100, 0.99, 3),
        ("male", 100, 100, 1.00, 4),
        ("female", 77, 100, 0.77, 1),
        ("female", 78, 100, 0.78, 2),
        ("female", 82, 100, 0.82, 2),
        ("female", 83, 100, 0.83, 3),
        ("female", 87, 100, 0.87, 3),
        ("female", 88, 100, 0.88, 4),
        ("female", 77.4, 100, 0.77, 1),  # 0.774 rounds down
    ],
)
def test_waist_hip_ratio_levels(sex, waist, hip, ratio, level):
    res = result({"sex": sex, "waist_cm": waist, "hip_cm": hip})
    assert res.row("midja_stuss") == RowResult("midja_stuss", level, ratio)
    assert res.whr == ratio
    assert res.sex_used == sex


def test_waist_hip_ratio_row_is_missing_without_sex_but_the_ratio_is_reported():
    res = result({"waist_cm": 95, "hip_cm": 100})
    assert res.row("midja_stuss") == RowResult("midja_stuss", None, None)
    assert res.whr == 0.95
    assert res.sex_used is None


# --------------------------------------------------------------------------- BMI


@pytest.mark.parametrize(
    ("weight", "bmi", "level", "underweight"),  # height 200 cm: BMI = weight / 4
    [
        (73.6, 18.4, 2, True),
        (74.0, 18.5, 1, False),
        (107.6, 26.9, 1, False),
        (107.76, 26.9, 1, False),  # 26.94 rounds down
        (107.8, 27.0, 2, False),  # 26.95 rounds half up to 27.0
        (119.6, 29.9, 2, False),
        (120.0, 30.0, 3, False),
        (139.6, 34.9, 3, False),
        (140.0, 35.0, 4, False),
    ],
)
def test_bmi_levels(weight, bmi, level, underweight):
    res = result({"height_cm": 200, "weight_kg": weight})
    assert res.row("bmi") == RowResult("bmi", level, bmi)
    assert res.bmi == bmi
    assert ("underweight" in res.alerts) is underweight


@pytest.mark.parametrize("data", [{"height_cm": 180}, {"weight_kg": 80}])
def test_bmi_needs_height_and_weight(data):
    res = result(data)
    assert res.row("bmi").level is None
    assert res.bmi is None


# --------------------------------------------------------------------------- Blodtryck


@pytest.mark.parametrize(
    ("systolic", "diastolic", "level", "value", "high_normal"),
    [
        ([129], [84], 1, "129/84", False),
        ([130], [80], 1, "130/80", True),
        ([120], [85], 1, "120/85", True),
        ([139], [89], 1, "139/89", True),
        ([140], [89], 2, "140/89", False),
        ([120], [90], 2, "120/90", False),
        ([159], [99], 2, "159/99", False),
        ([160], [80], 3, "160/80", False),
        ([120], [100], 3, "120/100", False),
        ([179], [109], 3, "179/109", False),
        ([180], [60], 4, "180/60", False),
        ([120], [110], 4, "120/110", False),
        ([141, 138], [80], 2, "140/80", False),  # mean 139.5 -> 140 (half up)
        ([120], [89, 90], 2, "120/90", False),  # mean 89.5 -> 90
        ([120], [84, 85], 1, "120/85", True),  # 84.5 -> 85 half up (banker's rounding would give 84)
        ([128, 131, 131], [80, 80, 81], 1, "130/80", True),  # 130.0, 80.33 -> 80
    ],
)
def test_blood_pressure(systolic, diastolic, level, value, high_normal):
    res = result({"systolic": systolic, "diastolic": diastolic})
    assert res.row("blodtryck") == RowResult("blodtryck", level, value)
    assert ("bp_high_normal" in res.alerts) is high_normal


@pytest.mark.parametrize(
    ("data", "level", "value", "high_normal"),
    [
        ({"systolic": [150]}, 2, "150/", False),
        ({"systolic": [135]}, 1, "135/", True),
        ({"diastolic": [95]}, 2, "/95", False),
        ({"diastolic": [112]}, 4, "/112", False),
        ({"systolic": [], "diastolic": [88]}, 1, "/88", True),
    ],
)
def test_blood_pressure_with_only_one_side_uses_the_one_given(data, level, value, high_normal):
    res = result(data)
    assert res.row("blodtryck") == RowResult("blodtryck", level, value)
    assert ("bp_high_normal" in res.alerts) is high_normal


def test_blood_pressure_without_readings_is_missing():
    assert row({"systolic": [], "diastolic": []}, "blodtryck").level is None


# --------------------------------------------------------------------------- Kolesterol


@pytest.mark.parametrize(
    ("cholesterol", "value", "level"),
    [
        (4.99, 4.99, 1),
        (5.0, 5.0, 2),
        (6.49, 6.49, 2),
        (6.494, 6.49, 2),
        (6.495, 6.5, 3),  # rounds half up to 6.50
        (6.5, 6.5, 3),
        (7.5, 7.5, 3),  # 7.5 included in level 3
        (7.504, 7.5, 3),
        (7.51, 7.51, 4),
        (9.0, 9.0, 4),
    ],
)
def test_cholesterol_levels(cholesterol, value, level):
    assert row({"total_cholesterol": cholesterol}, "kolesterol") == RowResult("kolesterol", level, value)


# --------------------------------------------------------------------------- Fysisk aktivitet


@pytest.mark.parametrize(
    ("exercise", "everyday", "minutes", "level"),
    [
        (0, 300, 300, 1),
        (150, 0, 300, 1),
        (0, 299, 299, 2),
        (0, 150, 150, 2),
        (75, 0, 150, 2),
        (0, 149, 149, 3),
        (37.5, 0, 75, 3),
        (0, 75, 75, 3),
        (0, 74, 74, 4),
        (37, 0, 74, 4),
        (45, 120, 210, 2),
        (150, None, 300, 1),  # one input: the other counts as 0
        (None, 74, 74, 4),
    ],
)
def test_activity_levels(exercise, everyday, minutes, level):
    data = {"exercise_minutes": exercise, "everyday_minutes": everyday}
    assert row(data, "fysisk_aktivitet") == RowResult("fysisk_aktivitet", level, minutes)


def test_activity_without_inputs_is_missing():
    assert row({"exercise_minutes": None}, "fysisk_aktivitet").level is None


# --------------------------------------------------------------------------- Matvanor


@pytest.mark.parametrize(
    ("points", "total", "level"),
    [
        ([0, 0, 0, 0], 0, 4),
        ([1, 1, 1, 1], 4, 4),
        ([2, 1, 1, 1], 5, 3),
        ([3, 1, 1, 1], 6, 3),
        ([3, 2, 1, 1], 7, 2),
        ([3, 3, 2, 1], 9, 2),
        ([3, 3, 3, 1], 10, 1),
        ([3, 3, 3, 3], 12, 1),
    ],
)
def test_kostindex_levels(points, total, level):
    assert row({"kostindex": points}, "matvanor") == RowResult("matvanor", level, total)


# --------------------------------------------------------------------------- Alkohol


@pytest.mark.parametrize(
    ("sex", "points", "total", "level"),
    [
        ("female", [1, 1, 1], 3, 1),
        ("female", [2, 1, 1], 4, 2),
        ("female", [3, 2, 2], 7, 2),
        ("female", [4, 2, 2], 8, 3),
        ("male", [2, 1, 1], 4, 1),
        ("male", [2, 2, 1], 5, 2),
        ("male", [3, 2, 2], 7, 2),
        ("male", [4, 2, 2], 8, 3),
        ("male", [4, 4, 2], 10, 3),
        ("male", [4, 4, 3], 11, 4),
        ("female", [4, 4, 4], 12, 4),
        ("male", [0, 4, 4], 0, 1),  # "never" on the first question: the others count 0
        ("female", [0, 1, 3], 0, 1),
        (None, [1, 1, 1], 3, 1),
        (None, [2, 1, 1], 4, 2),  # without a sex: the lower (women's) risk limit
    ],
)
def test_audit_c_levels(sex, points, total, level):
    assert row({"sex": sex, "audit_c": points}, "alkohol") == RowResult("alkohol", level, total)


# --------------------------------------------------------------------------- Tobak


@pytest.mark.parametrize(
    ("data", "level", "category"),
    [
        ({"smoking": "never"}, 1, "never_smoked"),
        ({"smoking": "quit_over_6m"}, 1, "ex_smoker"),
        ({"smoking": "quit_under_6m"}, 2, "smoking_quit_under_6m"),
        ({"smoking": "not_daily"}, 2, "smoking_not_daily"),
        ({"smoking": "daily"}, 3, "daily_smoking_unknown_count"),
        ({"smoking": "daily", "cigarettes_per_day": 1}, 3, "daily_smoking_1_9"),
        ({"smoking": "daily", "cigarettes_per_day": 9}, 3, "daily_smoking_1_9"),
        ({"smoking": "daily", "cigarettes_per_day": 10}, 4, "daily_smoking_over_9"),
        ({"snus": "never"}, 1, "never_snus"),
        ({"snus": "quit_over_6m"}, 1, "snus_quit"),
        ({"snus": "quit_under_6m"}, 1, "snus_quit"),
        ({"snus": "not_daily"}, 1, "snus_not_daily"),
        ({"snus": "daily"}, 2, "daily_snus"),
        ({"e_cigarette_or_water_pipe": True}, 2, "e_cigarette_or_water_pipe"),
        ({"e_cigarette_or_water_pipe": False}, 1, "no_e_cigarette_or_water_pipe"),
        ({"smoking": "never", "snus": "daily", "e_cigarette_or_water_pipe": False}, 2, "daily_snus"),
        (
            {"smoking": "never", "snus": "never", "e_cigarette_or_water_pipe": True},
            2,
            "e_cigarette_or_water_pipe",
        ),
        ({"smoking": "daily", "cigarettes_per_day": 5, "snus": "daily"}, 3, "daily_smoking_1_9"),
        ({"smoking": "not_daily", "snus": "daily"}, 2, "smoking_not_daily"),  # equal levels: smoking first
        (
            {"smoking": "never", "cigarettes_per_day": 20},
            1,
            "never_smoked",
        ),  # a count only matters when daily
    ],
)
def test_tobacco_takes_the_highest_of_smoking_snus_and_e_cigarette(data, level, category):
    assert row(data, "tobak") == RowResult("tobak", level, category)


# --------------------------------------------------------------------------- Psykisk hälsa


@pytest.mark.parametrize(
    ("stress_mm", "yes", "points", "level"),
    [
        (0, 0, 0, 1),
        (19, 0, 0, 1),
        (19.5, 0, 1, 1),  # 19.5 mm rounds half up to 20 -> 1 point
        (20, 0, 1, 1),
        (34, 0, 1, 1),
        (35, 0, 2, 1),
        (44, 0, 2, 1),
        (45, 0, 3, 2),
        (50, 0, 3, 2),
        (0, 1, 1, 2),  # < 3 points with a "yes" -> 2
        (35, 0 + 1, 3, 2),
        (20, 3, 4, 2),
        (0, 4, 4, 2),
        (45, 1, 4, 2),
        (45, 2, 5, 3),
        (35, 3, 5, 3),
        (50, 4, 7, 3),  # level 4 is never reached from points
    ],
)
def test_psychological_health_levels(stress_mm, yes, points, level):
    data = {"stress_mm": stress_mm, "symptoms_yes": yes}
    assert row(data, "psykisk_halsa") == RowResult("psykisk_halsa", level, points)


@pytest.mark.parametrize("data", [{"stress_mm": 10}, {"symptoms_yes": 0}])
def test_psychological_health_needs_stress_and_symptoms(data):
    assert row(data, "psykisk_halsa").level is None


# --------------------------------------------------------------------------- Ärftlighet, Livssituation


@pytest.mark.parametrize(
    ("diabetes", "cvd", "early", "level", "category"),
    [
        (False, False, False, 1, "none"),
        (True, False, False, 2, "diabetes"),
        (False, True, False, 2, "cvd"),
        (True, True, False, 3, "diabetes_and_cvd"),
        (False, True, True, 3, "early_cvd"),
        (True, True, True, 3, "early_cvd"),
    ],
)
def test_heredity_levels(diabetes, cvd, early, level, category):
    heredity = {"first_degree_diabetes": diabetes, "first_degree_cvd": cvd, "early_cvd": early}
    assert row({"heredity": heredity}, "arftlighet") == RowResult("arftlighet", level, category)


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_life_situation_passes_the_nurses_level_through(level):
    assert row({"livssituation": level}, "livssituation") == RowResult("livssituation", level, level)


# --------------------------------------------------------------------------- alerts


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"fp_glucose": 5.2}, ()),
        ({"fp_glucose": 6.0}, ()),
        ({"fp_glucose": 6.1}, ("glucose_raised",)),
        ({"fp_glucose": 6.04}, ("glucose_raised",)),  # between the documented 1-decimal edges
        ({"fp_glucose": 6.9}, ("glucose_raised",)),
        ({"fp_glucose": 6.95}, ("glucose_raised",)),
        ({"fp_glucose": 7.0}, ("glucose_diabetes",)),  # the highest band only
        ({"fp_glucose": 12.0}, ("glucose_diabetes",)),
        ({"nonfasting_glucose": 11.0}, ()),
        ({"nonfasting_glucose": 11.1}, ("nonfasting_glucose_high",)),
        ({"sex": "male", "waist_cm": 93}, ()),
        ({"sex": "male", "waist_cm": 93.94}, ()),
        ({"sex": "male", "waist_cm": 93.95}, ("waist_increased",)),  # rounds to 94.0
        ({"sex": "male", "waist_cm": 94}, ("waist_increased",)),
        ({"sex": "male", "waist_cm": 101}, ("waist_increased",)),
        ({"sex": "male", "waist_cm": 102}, ("waist_high",)),
        ({"sex": "female", "waist_cm": 79}, ()),
        ({"sex": "female", "waist_cm": 80}, ("waist_increased",)),
        ({"sex": "female", "waist_cm": 87}, ("waist_increased",)),
        ({"sex": "female", "waist_cm": 88}, ("waist_high",)),
        ({"waist_cm": 120}, ()),  # no sex: no waist alert
        ({"sex": "male", "hdl": 0.99}, ("hdl_low",)),
        ({"sex": "male", "hdl": 1.0}, ()),
        ({"sex": "female", "hdl": 1.29}, ("hdl_low",)),
        ({"sex": "female", "hdl": 1.3}, ()),
        ({"hdl": 0.5}, ()),  # no sex: no HDL alert
        ({"triglycerides": 1.7}, ()),
        ({"triglycerides": 1.71}, ("triglycerides_high",)),
        ({"ldl": 2.99}, ()),
        ({"ldl": 3.0}, ("ldl_high",)),
    ],
)
def test_alerts(data, expected):
    assert result(data).alerts == expected


def test_glucose_has_no_row():
    res = result({"fp_glucose": 8.0})
    assert [r.key for r in res.rows] == list(ROW_KEYS)
    assert all(r.level is None for r in res.rows)


def test_alerts_come_in_a_fixed_order():
    res = result(
        {
            "sex": "female",
            "waist_cm": 90,
            "hdl": 1.0,
            "ldl": 4.0,
            "triglycerides": 2.0,
            "fp_glucose": 6.5,
            "nonfasting_glucose": 12.0,
            "height_cm": 170,
            "weight_kg": 50,
            "systolic": [135],
        }
    )
    assert res.alerts == (
        "glucose_raised",
        "nonfasting_glucose_high",
        "underweight",
        "waist_high",
        "hdl_low",
        "triglycerides_high",
        "ldl_high",
        "bp_high_normal",
    )
    assert set(res.alerts) <= set(ALERT_CODES)


# --------------------------------------------------------------------------- missing data and the result


def test_empty_input_gives_every_row_missing_and_no_alerts():
    res = result({})
    assert res.rows == tuple(RowResult(key, None, None) for key in ROW_KEYS)
    assert res.alerts == ()
    assert (res.bmi, res.whr, res.sex_used) == (None, None, None)
    assert res.ruleset == "2026.1-default"


def test_none_values_count_as_missing():
    assert result(dict.fromkeys(("sex", "height_cm", "kostindex", "heredity", "systolic"))) == result({})


def test_as_json_has_exactly_the_stored_shape():
    res = result(
        {
            "sex": "male",
            "height_cm": 180,
            "weight_kg": 80,
            "waist_cm": 95,
            "hip_cm": 100,
            "systolic": [141, 138],
            "diastolic": [85],
            "smoking": "daily",
            "fp_glucose": 6.5,
        }
    )
    data = json.loads(json.dumps(res.as_json()))
    assert set(data) == {"ruleset", "bmi", "whr", "rows", "alerts"}
    assert data["ruleset"] == "2026.1-default"
    assert (data["bmi"], data["whr"]) == (24.7, 0.95)
    assert [r["key"] for r in data["rows"]] == list(ROW_KEYS)
    assert data["rows"][ROW_KEYS.index("blodtryck")] == {"key": "blodtryck", "level": 2, "value": "140/85"}
    assert data["rows"][ROW_KEYS.index("tobak")] == {
        "key": "tobak",
        "level": 3,
        "value": "daily_smoking_unknown_count",
    }
    assert data["rows"][0] == {"key": "fysisk_aktivitet", "level": None, "value": None}
    assert data["alerts"] == [{"code": "glucose_raised"}, {"code": "waist_increased"}]
    assert ScoringResult.from_json(data, sex_used="male") == res


# --------------------------------------------------------------------------- input validation


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ("not a dict", "<input>"),
        ({"length_cm": 180}, "length_cm"),
        ({"height_cm": "180"}, "height_cm"),
        ({"height_cm": True}, "height_cm"),
        ({"height_cm": 49}, "height_cm"),
        ({"height_cm": 251}, "height_cm"),
        ({"weight_kg": 19.9}, "weight_kg"),
        ({"weight_kg": 401}, "weight_kg"),
        ({"weight_kg": float("nan")}, "weight_kg"),
        ({"waist_cm": 0}, "waist_cm"),
        ({"hip_cm": "100"}, "hip_cm"),
        ({"systolic": 140}, "systolic"),
        ({"systolic": [140, "138"]}, "systolic"),
        ({"systolic": [301]}, "systolic"),
        ({"diastolic": [19]}, "diastolic"),
        ({"diastolic": [False]}, "diastolic"),
        ({"systolic": [120], "diastolic": [130]}, "diastolic"),
        ({"fp_glucose": 51}, "fp_glucose"),
        ({"nonfasting_glucose": -1}, "nonfasting_glucose"),
        ({"total_cholesterol": 31}, "total_cholesterol"),
        ({"hdl": "1.2"}, "hdl"),
        ({"ldl": 26}, "ldl"),
        ({"triglycerides": float("inf")}, "triglycerides"),
        ({"exercise_minutes": -5}, "exercise_minutes"),
        ({"everyday_minutes": 10081}, "everyday_minutes"),
        ({"kostindex": [3, 3, 3, 4]}, "kostindex"),
        ({"kostindex": [3, 3, 3]}, "kostindex"),
        ({"kostindex": [1, 1, 1, True]}, "kostindex"),
        ({"kostindex": [1.0, 1, 1, 1]}, "kostindex"),
        ({"kostindex": 8}, "kostindex"),
        ({"audit_c": [1, 1]}, "audit_c"),
        ({"audit_c": [5, 0, 0]}, "audit_c"),
        ({"audit_c": [-1, 0, 0]}, "audit_c"),
        ({"smoking": "sometimes"}, "smoking"),
        ({"snus": "DAILY"}, "snus"),
        ({"sex": "m"}, "sex"),
        ({"cigarettes_per_day": -1}, "cigarettes_per_day"),
        ({"cigarettes_per_day": 2.5}, "cigarettes_per_day"),
        ({"smoking": "daily", "cigarettes_per_day": 0}, "cigarettes_per_day"),
        ({"e_cigarette_or_water_pipe": "yes"}, "e_cigarette_or_water_pipe"),
        ({"e_cigarette_or_water_pipe": 1}, "e_cigarette_or_water_pipe"),
        ({"stress_mm": 51}, "stress_mm"),
        ({"stress_mm": "20"}, "stress_mm"),
        ({"symptoms_yes": 5}, "symptoms_yes"),
        ({"symptoms_yes": True}, "symptoms_yes"),
        ({"livssituation": 0}, "livssituation"),
        ({"livssituation": 5}, "livssituation"),
        ({"heredity": True}, "heredity"),
        ({"heredity": {"first_degree_diabetes": True}}, "heredity"),
        (
            {"heredity": {"first_degree_diabetes": True, "first_degree_cvd": False, "early_cvd": "no"}},
            "heredity",
        ),
        (
            {
                "heredity": {
                    "first_degree_diabetes": True,
                    "first_degree_cvd": False,
                    "early_cvd": False,
                    "sibling": True,
                }
            },
            "heredity",
        ),
    ],
)
def test_bad_input_names_the_key(data, key):
    with pytest.raises(InputError) as caught:
        parse_input(data)
    assert caught.value.key == key
    assert str(caught.value).startswith(f"{key}: ")
    assert isinstance(caught.value, ValueError)


def test_input_limits_are_inclusive():
    parse_input(
        {
            "height_cm": 50,
            "weight_kg": 400,
            "stress_mm": 50,
            "symptoms_yes": 4,
            "livssituation": 1,
            "kostindex": [3, 3, 3, 3],
            "audit_c": [4, 4, 4],
            "systolic": [300],
            "diastolic": [20],
        }
    )


# --------------------------------------------------------------------------- the table drives the result


def test_an_edited_table_changes_the_result(table):
    data = {"sex": "male", "total_cholesterol": 5.2, "audit_c": [2, 2, 1]}
    assert (row(data, "kolesterol").level, row(data, "alkohol").level) == (2, 2)

    table["version"] = "2026.2-ostergotland"
    bands = table["rows"]["kolesterol"]["bands"]
    bands[0]["lt"] = bands[1]["gte"] = 5.5
    male = table["rows"]["alkohol"]["by_sex"]["male"]  # the other region's risk limit 6 for men
    male[0]["lt"] = male[1]["gte"] = 6

    res = result(data, table)
    assert (res.row("kolesterol").level, res.row("alkohol").level) == (1, 1)
    assert res.ruleset == "2026.2-ostergotland"


def test_an_edited_precision_changes_the_rounding(table):
    bmi = table["rows"]["bmi"]
    bmi["precision"] = 2
    for band, upper in zip(bmi["bands"][1:4], (26.99, 29.99, 34.99), strict=True):
        band["lte"] = upper
    res = result({"height_cm": 200, "weight_kg": 107.8}, table)  # BMI 26.95 no longer rounds up to 27.0
    assert res.row("bmi") == RowResult("bmi", 1, 26.95)


def test_load_default_table_returns_a_fresh_copy():
    first = load_default_table()
    first["rows"]["bmi"]["precision"] = 3
    assert load_default_table()["rows"]["bmi"]["precision"] == 1


def test_the_shipped_table_is_valid_and_marks_review_as_domain_md_does():
    validate_table(TABLE)
    assert TABLE["version"] == "2026.1-default"
    flagged = []

    def walk(node, where):
        if isinstance(node, dict):
            if "source" in node:
                assert node["source"] in ("doc", "default", "mixed"), where
                expected = node["source"] != "doc"  # [doc] -> no review; [default] or mixed -> review
                assert node["needs_clinical_review"] is expected, where
                flagged.append(where)
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    walk(TABLE, "table")
    assert all(f"table.rows.{key}" in flagged for key in ROW_KEYS)
    assert TABLE["rows"]["midja_stuss"]["needs_clinical_review"] is False
    assert TABLE["rows"]["bmi"]["needs_clinical_review"] is True
    assert TABLE["stjarnprofil"]["needs_clinical_review"] is True


def _drop(path):
    def edit(t):
        *parents, last = path
        node = t
        for part in parents:
            node = node[part]
        del node[last]

    return edit


def _set(path, value):
    def edit(t):
        *parents, last = path
        node = t
        for part in parents:
            node = node[part]
        node[last] = value

    return edit


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_drop(["version"]), "version"),
        (_set(["valid_from"], "1 January 2026"), "valid_from"),
        (_drop(["rows", "bmi"]), "missing row 'bmi'"),
        (_set(["rows", "sleep"], {}), "unknown row 'sleep'"),
        (_drop(["alerts", "ldl"]), "missing alert 'ldl'"),
        (_set(["rows", "kolesterol", "bands", 2, "gte"], 6.0), "overlaps"),  # edges not increasing
        (_set(["rows", "kolesterol", "bands", 1, "lte"], 6.3), "gap"),
        (_set(["rows", "kolesterol", "bands", 1, "lte"], 4.0), "not below upper bound"),
        (_set(["rows", "bmi", "bands", 0, "gte"], 10), "first band must be open below"),
        (_set(["rows", "bmi", "bands", 4, "lte"], 80), "last band must be open above"),
        (_set(["rows", "bmi", "bands", 1, "level"], 5), "level 1-4"),
        (_set(["rows", "bmi", "bands", 0, "alert"], "thin"), "unknown alert code"),
        (_set(["rows", "bmi", "precision"], -1), "precision"),
        (_set(["rows", "bmi", "source"], "guess"), "source"),
        (_set(["rows", "bmi", "needs_clinical_review"], "yes"), "needs_clinical_review"),
        (_drop(["rows", "midja_stuss", "by_sex", "female"]), "midja_stuss.by_sex.female"),
        (_set(["rows", "midja_stuss", "without_sex"], "both"), "without_sex"),
        (_set(["rows", "alkohol", "without_sex"], "missing"), "without_sex"),
        (_drop(["rows", "tobak", "snus", "daily"]), "rows.tobak.snus.daily"),
        (
            _set(["rows", "arftlighet", "rules", 4, "when"], {"early_cvd": False}),
            "last rule must match everything",
        ),
        (_set(["rows", "matvanor", "questions", "items", 0, "options", 0, "points"], 4), "0-3 points"),
        (_drop(["rows", "matvanor", "questions", "items", 3]), "4 questions"),
        (
            _set(["rows", "fysisk_aktivitet", "exercise_options", "options", 1, "key"], "none"),
            "duplicate option",
        ),
        (_set(["rows", "blodtryck", "high_normal", "alert"], None), "unknown alert code"),
        (_set(["alerts", "hdl", "by_sex", "male", 0, "alert"], "low"), "unknown alert code"),
        (_set(["stjarnprofil", "level_scores", "3"], 0), "score 1-5"),
        (_set(["stjarnprofil", "rays", 0, "row"], "sleep"), "needs 'row'"),
    ],
)
def test_validate_table_rejects_a_broken_table(table, edit, message):
    edit(table)
    with pytest.raises(ValueError, match="threshold table") as caught:
        validate_table(table)
    assert message in str(caught.value)


def test_score_refuses_a_broken_table(table):
    del table["rows"]["kolesterol"]["bands"]
    with pytest.raises(ValueError, match="kolesterol"):
        result({}, table)


def test_validate_table_rejects_a_non_object():
    with pytest.raises(ValueError, match="must be an object"):
        validate_table([])


# --------------------------------------------------------------------------- questionnaire helpers


@pytest.mark.parametrize(
    ("option", "minutes"),
    [("none", 0), ("lt_30", 15), ("30_59", 45), ("60_89", 75), ("90_119", 105), ("120_plus", 120)],
)
def test_exercise_option_minutes(option, minutes):
    assert exercise_minutes_from_option(option, TABLE) == minutes


@pytest.mark.parametrize(
    ("option", "minutes"),
    [
        ("none", 0),
        ("lt_30", 15),
        ("30_59", 45),
        ("60_89", 75),
        ("90_149", 120),
        ("150_299", 225),
        ("300_plus", 300),
    ],
)
def test_everyday_option_minutes(option, minutes):
    assert everyday_minutes_from_option(option, TABLE) == minutes


def test_activity_options_become_scoring_inputs():
    inputs = activity_minutes_from_options("30_59", "90_149", TABLE)
    assert inputs == {"exercise_minutes": 45, "everyday_minutes": 120}
    assert row(inputs, "fysisk_aktivitet") == RowResult("fysisk_aktivitet", 2, 210)
    assert activity_minutes_from_options(None, "300_plus", TABLE) == {"everyday_minutes": 300}
    assert activity_minutes(45, 120, TABLE) == 210
    assert activity_minutes(None, 74, TABLE) == 74
    assert activity_minutes(None, None, TABLE) is None


def test_an_unknown_activity_option_is_an_input_error():
    with pytest.raises(InputError) as caught:
        activity_minutes_from_options("a_lot", None, TABLE)
    assert caught.value.key == "exercise"


def test_kostindex_options_become_points():
    answers = ["two_or_more_a_day", "once_a_day", "once_a_week", "two_or_more_a_day"]
    assert kostindex_points_from_options(answers, TABLE) == [3, 2, 1, 0]
    answers = ["once_a_week_or_less", "few_times_a_week", "three_or_more_a_week", "once_a_week_or_less"]
    assert kostindex_points_from_options(answers, TABLE) == [0, 1, 3, 3]


@pytest.mark.parametrize(
    ("answers", "key"),
    [
        (["once_a_day"] * 3, "kostindex"),
        (["once_a_day", "once_a_day", "daily", "once_a_day"], "kostindex[2]"),
    ],
)
def test_bad_kostindex_answers(answers, key):
    with pytest.raises(InputError) as caught:
        kostindex_points_from_options(answers, TABLE)
    assert caught.value.key == key


@pytest.mark.parametrize(
    ("answers", "points"),
    [
        (["never", None, None], [0, 0, 0]),
        (["never", "10_plus", "daily_or_almost"], [0, 0, 0]),
        (["2_3_a_week", "3_4", "monthly"], [3, 1, 2]),
        (["4_plus_a_week", "10_plus", "daily_or_almost"], [4, 4, 4]),
    ],
)
def test_audit_c_options_become_points(answers, points):
    assert audit_c_points_from_options(answers, TABLE) == points


def test_audit_c_needs_the_later_answers_unless_never():
    with pytest.raises(InputError) as caught:
        audit_c_points_from_options(["monthly_or_less", None, None], TABLE)
    assert caught.value.key == "audit_c[1]"


@pytest.mark.parametrize(
    ("mm", "points"), [(0, 0), (19, 0), (20, 1), (34, 1), (35, 2), (44, 2), (45, 3), (50, 3)]
)
def test_stress_points_from_mm(mm, points):
    assert stress_points_from_mm(mm, TABLE) == points


# --------------------------------------------------------------------------- Stjärnprofil


def _levels(**levels) -> ScoringResult:
    rows = tuple(RowResult(key, levels.get(key), None) for key in ROW_KEYS)
    return ScoringResult("2026.1-default", None, None, rows, (), None)


@pytest.mark.parametrize(("level", "stars"), [(1, 5), (2, 4), (3, 2), (4, 1), (None, None)])
def test_stjarnprofil_maps_levels_to_scores(level, stars):
    rays = dict(stjarnprofil(_levels(kolesterol=level, bmi=1), TABLE))
    assert rays["lipids"] == stars
    assert rays["bmi"] == 5


def test_stjarnprofil_rays_in_order():
    rays = stjarnprofil(_levels(), TABLE)
    assert [key for key, _ in rays] == [
        "diet",
        "physical_activity",
        "tobacco",
        "alcohol",
        "bmi",
        "blood_pressure",
        "lipids",
        "glucose",
        "stress",
    ]
    assert all(value is None for _, value in rays)


def test_stjarnprofil_reads_every_row_it_names():
    res = _levels(matvanor=1, fysisk_aktivitet=2, tobak=3, alkohol=4, bmi=2, blodtryck=3, kolesterol=1)
    assert stjarnprofil(res, TABLE)[:7] == [
        ("diet", 5),
        ("physical_activity", 4),
        ("tobacco", 2),
        ("alcohol", 1),
        ("bmi", 4),
        ("blood_pressure", 2),
        ("lipids", 5),
    ]


@pytest.mark.parametrize(
    ("glucose", "stars"), [(None, None), (5.0, 5), (6.0, 5), (6.1, 3), (6.9, 3), (7.0, 1)]
)
def test_stjarnprofil_glucose_ray_follows_the_glucose_bands(glucose, stars):
    assert dict(stjarnprofil(_levels(), TABLE, glucose_fasting=glucose))["glucose"] == stars


@pytest.mark.parametrize(("points", "stars"), [(None, None), (0, 5), (1, 4), (2, 2), (3, 1)])
def test_stjarnprofil_stress_ray(points, stars):
    assert dict(stjarnprofil(_levels(), TABLE, stress_points=points))["stress"] == stars


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [({"stress_points": 4}, "stress_points"), ({"glucose_fasting": "6"}, "glucose_fasting")],
)
def test_stjarnprofil_bad_arguments(kwargs, key):
    with pytest.raises(InputError) as caught:
        stjarnprofil(_levels(), TABLE, **kwargs)
    assert caught.value.key == key


def test_stjarnprofil_mapping_and_rays_come_from_the_table(table):
    table["stjarnprofil"]["level_scores"]["3"] = 3
    table["stjarnprofil"]["rays"] = [ray for ray in table["stjarnprofil"]["rays"] if ray["key"] != "stress"]
    rays = stjarnprofil(_levels(kolesterol=3), table, stress_points=0)
    assert dict(rays)["lipids"] == 3
    assert "stress" not in dict(rays)
    assert len(rays) == 8


def test_stjarnprofil_from_a_scored_visit():
    res = result({"sex": "female", "total_cholesterol": 7.0, "kostindex": [1, 1, 1, 1], "systolic": [125]})
    rays = dict(stjarnprofil(res, copy.deepcopy(TABLE), glucose_fasting=6.4, stress_points=1))
    assert rays == {
        "diet": 1,
        "physical_activity": None,
        "tobacco": None,
        "alcohol": None,
        "bmi": None,
        "blood_pressure": 5,
        "lipids": 2,
        "glucose": 3,
        "stress": 4,
    }
