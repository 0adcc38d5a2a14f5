"""Lab sources other apps register, the suggestions from the levels, and the journal note's text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from population.services.audit import Actor
from tests.visits.factories import participation_for_visit, started_visit
from visits.dialogue import row_action, suggested_advice, suggested_diagnoses, suggested_follow_up
from visits.journal import NoteContent, kva_from_dialogue, note_text
from visits.lab_sources import (
    LabResult,
    lab_results_for,
    npu_to_code,
    register_lab_source,
    unregister_lab_source,
)
from visits.models import FollowUp, Habit, KvaCode, KvaLevel
from visits.selectors import checklist_for, kva_codes
from visits.services.dialogue import dialogue_save
from visits.services.visit import visit_override_level
from visits.summary import build_summary


@pytest.fixture
def lab_source():
    results = {}

    def source(participation):
        return results.get(participation.pk, [])

    register_lab_source(source)
    yield results
    unregister_lab_source(source)


@pytest.mark.django_db
def test_registered_lab_results_fill_the_checklist_and_the_halsokurva(lab_source, now):
    participation = participation_for_visit()
    assert checklist_for(participation).lab_missing == ["fp_glucose", "total_cholesterol", "hdl", "ldl",
                                                        "triglycerides"]
    lab_source[participation.pk] = [
        LabResult("fp_glucose", Decimal("7.2"), "mmol/l", dt.date(2026, 2, 20), "Lab-ROS"),
        LabResult("total_cholesterol", Decimal("7.9"), "mmol/l", dt.date(2026, 2, 20), "Lab-ROS"),
        LabResult("total_cholesterol", Decimal("6.1"), "mmol/l", dt.date(2026, 1, 10), "Lab-ROS"),  # older
    ]
    check = checklist_for(participation)
    assert check.lab_missing == ["hdl", "ldl", "triglycerides"] and not check.ready
    visit = started_visit(participation=participation, values={"hdl": Decimal("1.4")}, now=now)
    summary = build_summary(visit)
    assert summary.levels["kolesterol"] == 4 and ("glucose_diabetes", "misstänkt diabetes (fastande glukos)") in summary.alerts
    sources = {m.key: m.source for m in summary.labs}
    assert sources == {"fp_glucose": "lab:Lab-ROS", "total_cholesterol": "lab:Lab-ROS", "hdl": "visit"}


def test_a_failing_source_is_skipped_and_registering_twice_adds_once(caplog):
    def broken(participation):
        raise RuntimeError("lab system down")

    register_lab_source(broken)
    register_lab_source(broken)
    try:
        assert lab_results_for(object()) == {}
        assert len([r for r in caplog.records if "broken" in r.getMessage()]) == 1
    finally:
        unregister_lab_source(broken)
    with pytest.raises(ValueError):
        LabResult("blood_sugar", Decimal("5"), "mmol/l")
    assert npu_to_code(" npu27300 ") == "hba1c" and npu_to_code("NPU00000") is None


def test_suggestions_follow_the_levels():
    assert [suggested_advice(level) for level in (None, 1, 2, 3, 4)] == [None, None, KvaLevel.SIMPLE,
                                                                         KvaLevel.ADVISORY, KvaLevel.QUALIFIED]
    assert suggested_follow_up({"bmi": 1, "tobak": 2}, []) == [FollowUp.NONE]
    assert suggested_follow_up({"fysisk_aktivitet": 3}, []) == [FollowUp.NEW_DIALOGUE, FollowUp.FAR]
    assert suggested_follow_up({"blodtryck": 4}, []) == [FollowUp.PHYSICIAN, FollowUp.NEW_DIALOGUE]
    assert suggested_follow_up({}, ["glucose_diabetes"]) == [FollowUp.PHYSICIAN]
    assert suggested_diagnoses({"tobak": 4, "matvanor": 3, "alkohol": 2, "fysisk_aktivitet": None}) == [
        ("Z00.0", "Allmän hälsoundersökning"), ("Z72.0", "Tobaksbruk"),
        ("Z72.4", "Olämplig kost och olämpliga matvanor")]
    assert row_action("tobak", 3) == "Advisory talk" and row_action("blodtryck", 4) == "Physician contact"
    assert row_action("bmi", None) == ""


@pytest.mark.django_db
def test_the_journal_note_has_everything_the_ehr_template_asks_for(now):
    visit = started_visit(now=now)
    actor = Actor.staff(visit.nurse, visit.unit)
    codes = kva_codes(visit.participation.round.unit.region)
    dialogue_save(visit=visit, values={"discussed_areas": ["tobak"], "follow_up": ["far", "new_dialogue"],
                                       "follow_up_note": "Återbesök om 3 månader", "closing_asked": True},
                  goals={Habit.TOBACCO: {"goal": "Sluta röka", "motivation": 8, "confidence": 6,
                                         "advice": KvaCode.objects.get(code="DV112")}}, actor=actor)
    visit_override_level(visit=visit, row_key="livssituation", level=2, reason="Ensamstående förälder", actor=actor)
    visit.refresh_from_db()
    summary = build_summary(visit)
    kva = kva_from_dialogue(summary, codes)
    assert [c.code for c in kva] == ["DV112", "DV200"]
    text = note_text(visit, NoteContent(
        contact_reason="Hälsosamtal", diagnoses=summary.suggested_diagnoses, kva=[(c.code, c.text) for c in kva],
        advice_text="Broschyr om rökstopp.", nurse="Sara Samtalsledare", date=dt.date(2026, 3, 2)))
    for expected in (
        "Riktat hälsosamtal primärvården", "Kontaktorsak: Hälsosamtal", "Datum: 2026-03-02",
        "Samtalsledare: Sara Samtalsledare", "Längd: 180 cm", "Vikt: 85,5 kg", "BMI: 26,4", "Midja-stusskvot: 0,96",
        "Blodtryck: 146/92, 142/88 mmHg (medelvärde 144/90 mmHg)", "Puls: 72/min",
        "Fastande plasmaglukos (fP-glukos): 6,4 mmol/l", "Hälsokurva (regelverk 2026.1-default)",
        "Tobak: nivå 4 (Röker > 9 cig/dag)",
        "Livssituation: nivå 2; satt av samtalsledaren (beräknad: –): Ensamstående förälder",
        "Varningar: förhöjt fastande glukos", "Samtalade områden: Tobak",
        'Tobak: Min målsättning: "Sluta röka". Motivation 8/10. Tilltro 6/10. Råd: Rådgivande samtal om '
        "tobaksbruk (DV112).",
        "Uppföljning: Nytt samtal (återbesök eller telefon); Fysisk aktivitet på recept (FaR). Återbesök om 3 månader",
        "Avslutande fråga ställd", "Broschyr om rökstopp.", "Z00.0 Allmän hälsoundersökning", "Z72.0 Tobaksbruk",
        "DV112 Rådgivande samtal om tobaksbruk", "DV200 Fysisk aktivitet på recept (FaR)",
    ):
        assert expected in text, expected
    assert "\n\n\n" not in text


@pytest.mark.django_db
def test_region_admins_keep_their_own_codes_and_contact_reasons(client):
    from django.urls import reverse

    from tests.factories import RegionFactory, region_admin
    from visits.models import ContactReason
    from visits.selectors import contact_reasons

    region = RegionFactory()
    client.force_login(region_admin(region))
    national = KvaCode.objects.get(code="DV121")
    page = client.get(reverse("admin:visits_kvacode_change", args=[national.pk]))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    response = client.post(reverse("admin:visits_kvacode_add"), {
        "region": region.pk, "code": "DV121", "text": "Enkla råd om alkohol (regional)", "habit": "alcohol",
        "level": "simple", "active": "on"})
    assert response.status_code == 302
    codes = {c.code: c for c in kva_codes(region)}
    assert codes["DV121"].text == "Enkla råd om alkohol (regional)" and codes["DV112"].region is None
    assert [r.text for r in contact_reasons(region)] == ["Hälsosamtal"]
    client.post(reverse("admin:visits_contactreason_add"), {"region": region.pk, "text": "Riktat hälsosamtal",
                                                            "is_default": "on", "active": "on", "order": 1})
    assert [r.text for r in contact_reasons(region)] == ["Riktat hälsosamtal"]
    assert ContactReason.objects.filter(region__isnull=True).count() == 1
    response = client.post(reverse("admin:visits_kvacode_add"), {"code": "X1", "text": "x", "habit": "diet",
                                                                 "level": "simple"})
    assert response.status_code == 200  # a region administrator must name the region
