"""Questionnaire answers, measurements and lab values become Hälsokurva inputs through the table's helpers."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from halsokurva.scoring import load_default_table, parse_input, score
from tests.questionnaire.factories import COMPLETE_ANSWERS
from visits.inputs import visit_inputs
from visits.lab_sources import LabResult

TABLE = load_default_table()


def blank_visit(**values):
    fields = dict.fromkeys(("height_cm", "weight_kg", "waist_cm", "hip_cm", "exercise_minutes", "everyday_minutes", "livssituation", "fp_glucose", "nonfasting_glucose", "total_cholesterol", "hdl", "ldl", "triglycerides"))
    fields.update(sex_used="male", sex_recorded_by_staff=False, systolic_readings=[], diastolic_readings=[])
    fields.update(values)
    return SimpleNamespace(**fields)


def test_the_complete_questionnaire_gives_every_questionnaire_input():
    inputs = visit_inputs(visit=blank_visit(), answers=COMPLETE_ANSWERS, lab={}, table=TABLE)
    assert inputs.values == {
        "exercise_minutes": 45, "everyday_minutes": 75,  # 30-59 and 60-89 minutes: mid-points
        "kostindex": [2, 1, 1, 2], "audit_c": [2, 1, 1],
        "smoking": "daily", "cigarettes_per_day": 15, "snus": "never", "e_cigarette_or_water_pipe": False,
        "stress_mm": 30, "symptoms_yes": 2,
        "heredity": {"first_degree_diabetes": False, "first_degree_cvd": True, "early_cvd": False},
        "sex": "male",
    }
    assert inputs.sources["kostindex"] == "questionnaire" and inputs.sources["sex"] == "personnummer"
    result = score(parse_input(inputs.values), TABLE)
    assert result.row("fysisk_aktivitet").value == 165 and result.row("fysisk_aktivitet").level == 2
    assert result.row("tobak").level == 4 and result.row("alkohol").value == 4


def test_never_drinking_counts_zero_and_partial_groups_are_missing():
    answers = {"audit_frekvens": "never", "kost_gronsaker": "once_a_day", "besvar_somn": "ja",
               "hjartkarl_slakt": "ja", "hjartkarl_tidig": "ja"}
    inputs = visit_inputs(visit=blank_visit(), answers=answers, lab={}, table=TABLE)
    assert inputs.values["audit_c"] == [0, 0, 0]
    assert "kostindex" not in inputs.values and "symptoms_yes" not in inputs.values
    assert "heredity" not in inputs.values  # the diabetes question is not answered yet


def test_daily_snus_and_a_water_pipe_and_early_heart_disease():
    answers = {"snus": "daily_4_6", "e_cigarett": "nej", "vattenpipa": "ibland", "hjartkarl_slakt": "ja",
               "hjartkarl_tidig": "ja", "diabetes_slakt": "vet_inte"}
    values = visit_inputs(visit=blank_visit(), answers=answers, lab={}, table=TABLE).values
    assert values["snus"] == "daily" and values["e_cigarette_or_water_pipe"] is True
    assert values["heredity"] == {"first_degree_diabetes": False, "first_degree_cvd": True, "early_cvd": True}


def test_visit_values_and_lab_values_win_over_the_questionnaire_and_the_nurse():
    visit = blank_visit(height_cm=Decimal("172.5"), exercise_minutes=150, systolic_readings=[150, 140],
                        diastolic_readings=[95], livssituation=3, total_cholesterol=Decimal("5.10"),
                        fp_glucose=Decimal("5.0"), sex_used="", sex_recorded_by_staff=True)
    lab = {"fp_glucose": LabResult("fp_glucose", Decimal("6.20"), "mmol/l", source="Lab-ROS")}
    inputs = visit_inputs(visit=visit, answers=COMPLETE_ANSWERS, lab=lab, table=TABLE)
    assert inputs.values["exercise_minutes"] == 150 and inputs.sources["exercise_minutes"] == "visit"
    assert inputs.values["everyday_minutes"] == 75 and inputs.sources["everyday_minutes"] == "questionnaire"
    assert inputs.values["height_cm"] == 172.5
    assert inputs.values["systolic"] == [150, 140] and inputs.values["diastolic"] == [95]
    assert inputs.values["fp_glucose"] == 6.2 and inputs.sources["fp_glucose"] == "lab"
    assert inputs.values["total_cholesterol"] == 5.1 and inputs.sources["total_cholesterol"] == "nurse"
    assert inputs.values["livssituation"] == 3 and "sex" not in inputs.values
