"""One FHIR R4 bundle per visit: Patient, Encounter, Observations (LOINC, DOMAIN.md §6), the
Hälsokurva as a RiskAssessment, and the goals. Checked with fhir.resources' R4B models in tests.
"""

from __future__ import annotations

from django.utils import timezone

from halsokurva.texts import texts_for
from questionnaire.fhir import PERSONNUMMER, SAMORDNINGSNUMMER
from visits.lab_sources import LAB_CODES
from visits.models import Habit
from visits.summary import VisitSummary

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
SNOMED = "http://snomed.info/sct"
LEVEL_SYSTEM = "urn:rhs-portal:halsokurva:level"
ROW_SYSTEM = "urn:rhs-portal:halsokurva:row"
ALERT_SYSTEM = "urn:rhs-portal:halsokurva:alert"
VITAL_SIGNS = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                           "code": "vital-signs", "display": "Vital Signs"}]}
LABORATORY = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                          "code": "laboratory", "display": "Laboratory"}]}
SOCIAL_HISTORY = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                              "code": "social-history", "display": "Social History"}]}
MEASURES = {
    "height_cm": ("8302-2", "Body height", "cm"),
    "weight_kg": ("29463-7", "Body weight", "kg"),
    "waist_cm": ("8280-0", "Waist Circumference at umbilicus by Tape measure", "cm"),
    "hip_cm": ("62409-8", "Hip circumference by Tape measure", "cm"),
}
UCUM_UNITS = {"cm": "cm", "kg": "kg", "mmol/l": "mmol/L", "mmol/mol": "mmol/mol"}
SMOKING = {  # the Hälsokurva's tobacco category → SNOMED CT smoking status (72166-2)
    "never_smoked": ("266919005", "Never smoked tobacco"),
    "ex_smoker": ("8517006", "Ex-smoker"),
    "smoking_quit_under_6m": ("8517006", "Ex-smoker"),
    "smoking_not_daily": ("428041000124106", "Occasional tobacco smoker"),
    "daily_smoking_1_9": ("449868002", "Smokes tobacco daily"),
    "daily_smoking_over_9": ("449868002", "Smokes tobacco daily"),
    "daily_smoking_unknown_count": ("449868002", "Smokes tobacco daily"),
}
HABIT_TEXT = {Habit.PHYSICAL_ACTIVITY: "Fysisk aktivitet", Habit.DIET: "Matvanor", Habit.ALCOHOL: "Alkohol",
              Habit.TOBACCO: "Tobak"}


def _quantity(value, unit: str) -> dict:
    return {"value": float(value), "unit": unit, "system": UCUM, "code": UCUM_UNITS.get(unit, unit)}


def visit_bundle(summary: VisitSummary) -> dict:
    visit = summary.visit
    person = visit.person
    when = timezone.localtime(visit.started_at).isoformat()
    patient_ref, encounter_ref = f"urn:uuid:patient-{person.pk}", f"urn:uuid:encounter-{visit.pk}"
    entries = [
        {"fullUrl": patient_ref, "resource": {
            "resourceType": "Patient",
            "identifier": [{"system": SAMORDNINGSNUMMER if person.is_coordination_number else PERSONNUMMER,
                            "value": person.personnummer}],
            "name": [{"family": person.last_name, "given": [person.first_name]}],
            "gender": {"male": "male", "female": "female"}.get(person.sex, "unknown"),
            "birthDate": person.birth_date.isoformat(),
        }},
        {"fullUrl": encounter_ref, "resource": {
            "resourceType": "Encounter",
            "status": "finished" if not visit.is_open else "in-progress",
            "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB",
                      "display": "ambulatory"},
            "type": [{"text": "Riktat hälsosamtal"}],
            "subject": {"reference": patient_ref},
            "period": {"start": when},
            "serviceProvider": {"display": visit.unit.name},
        }},
    ]
    observations = []

    def observe(code: str, display: str, category: dict, **value) -> None:
        observations.append({
            "resourceType": "Observation", "status": "final", "category": [category],
            "code": {"coding": [{"system": LOINC, "code": code, "display": display}]},
            "subject": {"reference": patient_ref}, "encounter": {"reference": encounter_ref},
            "effectiveDateTime": when, **value,
        })

    for m in summary.measurements:
        if m.value is not None:
            code, display, unit = MEASURES[m.key]
            observe(code, display, VITAL_SIGNS, valueQuantity=_quantity(m.value, unit))
    if summary.bmi is not None:
        observe("39156-5", "Body mass index (BMI) [Ratio]", VITAL_SIGNS,
                valueQuantity={"value": summary.bmi, "unit": "kg/m2", "system": UCUM, "code": "kg/m2"})
    if visit.systolic_readings or visit.diastolic_readings:
        bp = summary.profile.computed.row("blodtryck").value if summary.profile else ""
        systolic, _, diastolic = str(bp or "/").partition("/")
        components = []
        for text, code, display in ((systolic, "8480-6", "Systolic blood pressure"),
                                    (diastolic, "8462-4", "Diastolic blood pressure")):
            if text:
                components.append({"code": {"coding": [{"system": LOINC, "code": code, "display": display}]},
                                   "valueQuantity": {"value": int(text), "unit": "mmHg", "system": UCUM,
                                                     "code": "mm[Hg]"}})
        observations.append({
            "resourceType": "Observation", "status": "final", "category": [VITAL_SIGNS],
            "code": {"coding": [{"system": LOINC, "code": "85354-9", "display": "Blood pressure panel"}]},
            "subject": {"reference": patient_ref}, "encounter": {"reference": encounter_ref},
            "effectiveDateTime": when, "component": components,
            "note": [{"text": f"Medelvärde av {max(len(visit.systolic_readings), len(visit.diastolic_readings))} "
                              "mätningar efter vila"}],
        })
    if visit.heart_rate:
        observe("8867-4", "Heart rate", VITAL_SIGNS,
                valueQuantity={"value": visit.heart_rate, "unit": "/min", "system": UCUM, "code": "/min"})
    for m in summary.labs:
        _label, unit, loinc = LAB_CODES[m.key]
        observe(loinc, _label, LABORATORY, valueQuantity=_quantity(m.value, unit))
    tobacco = summary.profile.computed.row("tobak").value if summary.profile else None
    if tobacco in SMOKING:
        code, display = SMOKING[tobacco]
        observe("72166-2", "Tobacco smoking status", SOCIAL_HISTORY,
                valueCodeableConcept={"coding": [{"system": SNOMED, "code": code, "display": display}]})
    for index, observation in enumerate(observations):
        entries.append({"fullUrl": f"urn:uuid:observation-{visit.pk}-{index}", "resource": observation})

    if summary.profile is not None:
        sv = texts_for("sv")
        predictions = []
        for row in summary.rows:
            prediction = {"outcome": {"coding": [{"system": ROW_SYSTEM, "code": row.key, "display": row.label}]}}
            if row.level is not None:
                prediction["qualitativeRisk"] = {"coding": [{"system": LEVEL_SYSTEM, "code": str(row.level),
                                                             "display": sv["risk"][row.level]}]}
                if row.overridden:
                    prediction["rationale"] = (f"Nivå satt av samtalsledaren (beräknad {row.computed or '–'}): "
                                               f"{row.reason}")
            else:
                prediction["rationale"] = "Uppgift saknas"
            predictions.append(prediction)
        risk = {
            "resourceType": "RiskAssessment", "status": "final" if not visit.is_open else "preliminary",
            "subject": {"reference": patient_ref}, "encounter": {"reference": encounter_ref},
            "occurrenceDateTime": when,
            "method": {"text": f"Hälsokurva, regelverk {summary.profile.computed.ruleset}"},
            "prediction": predictions,
        }
        if summary.alerts:
            risk["note"] = [{"text": "Varningar: " + "; ".join(name for _code, name in summary.alerts)}]
        entries.append({"fullUrl": f"urn:uuid:risk-{visit.pk}", "resource": risk})

    for goal in summary.goals_with_content:
        resource = {
            "resourceType": "Goal",
            "lifecycleStatus": "active",
            "description": {"text": goal.goal or HABIT_TEXT[goal.habit]},
            "category": [{"text": HABIT_TEXT[goal.habit]}],
            "subject": {"reference": patient_ref},
            "startDate": timezone.localdate(visit.started_at).isoformat(),
            "expressedBy": {"reference": patient_ref},
        }
        notes = []
        if goal.motivation is not None:
            notes.append(f"Motivation {goal.motivation}/10")
        if goal.confidence is not None:
            notes.append(f"Tilltro {goal.confidence}/10")
        if goal.advice_id:
            notes.append(f"Råd: {goal.advice.text} ({goal.advice.code})")
        if notes:
            resource["note"] = [{"text": ". ".join(notes)}]
        entries.append({"fullUrl": f"urn:uuid:goal-{visit.pk}-{goal.habit}", "resource": resource})

    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": timezone.localtime().isoformat(),
        "identifier": {"system": "urn:rhs-portal:visit", "value": str(visit.pk)},
        "entry": entries,
    }
