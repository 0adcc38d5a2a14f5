"""The nurse's pages: checklist, the visit page saving as she types, the Hälsokurva, the note, PDF and FHIR."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

from invitations.models import ParticipationState
from population.models import AccessLogEntry
from rhs_portal.roles import Role
from tests.factories import staff_with
from tests.visits.factories import nurse_of, participation_for_visit, started_visit
from visits.models import JournalNote, Visit, VisitStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def participation():
    return participation_for_visit()


@pytest.fixture
def nurse(client, participation):
    user = nurse_of(participation.round.unit)
    client.force_login(user)
    return user


def htmx_save(client, visit, section, data):
    return client.post(reverse("visits:save", args=[visit.pk]), {"section": section, **data}, HTTP_HX_REQUEST="true")


def test_the_checklist_shows_questionnaire_and_lab_and_starts_the_visit(client, nurse, participation):
    page = client.get(reverse("visits:checklist", args=[participation.pk])).content.decode()
    assert "Frågeformuläret besvarat?" in page and "Besvarat" in page
    assert "Provsvar inkomna?" in page and "Saknas" in page and "Totalkolesterol" in page
    response = client.post(reverse("visits:start", args=[participation.pk]))
    visit = Visit.objects.get()
    assert response.url == reverse("visits:visit", args=[visit.pk])
    participation.refresh_from_db()
    assert participation.state == ParticipationState.VISITED
    client.post(reverse("visits:start", args=[participation.pk]))  # a double click
    assert Visit.objects.count() == 1


def test_the_person_page_links_to_the_checklist_and_the_entry(client, nurse, participation):
    page = client.get(reverse("population:person_detail", args=[participation.person.pk])).content.decode()
    assert reverse("visits:checklist", args=[participation.pk]) in page
    assert reverse("visits:questionnaire_entry", args=[participation.pk]) in page


def test_the_visit_page_follows_the_manual(client, nurse, participation, django_assert_max_num_queries):
    visit = started_visit(participation=participation, nurse=nurse)
    with django_assert_max_num_queries(60):
        page = client.get(reverse("visits:visit", args=[visit.pk])).content.decode()
    order = [page.index(text) for text in ("2. Längd, vikt, midja och stuss", "3. Fysisk aktivitet: kompletterande",
                                           "4. Fem minuters sittande vila", "5. Blodtryck", "Första mätningen",
                                           "6. Laboratorievärden", "7. Hälsokurva", "Min målsättning per levnadsvana",
                                           "Skriv och signera journalanteckningen")]
    assert order == sorted(order)
    assert 'value="85,5"' in page and "26,4 kg/m²" in page and "144/90 mmHg" in page
    assert "<svg" in page and "Hälsokurva" in page
    assert "<script>" not in page and " style=" not in page


def test_autosave_shows_bmi_at_once_and_asks_to_confirm_unusual_values(client, nurse, participation):
    visit = started_visit(participation=participation, nurse=nurse, values=False)
    response = htmx_save(client, visit, "measurements", {"height_cm": "172", "weight_kg": "70,5", "waist_cm": "",
                                                         "hip_cm": ""})
    body = response.content.decode()
    assert 'id="status-measurements"' in body and "Sparat kl." in body
    assert "23,8 kg/m²" in body and 'id="derived-measurements" class="derived" hx-swap-oob="true"' in body
    assert 'id="profile-chart" hx-swap-oob="true"' in body
    response = htmx_save(client, visit, "measurements", {"height_cm": "172", "weight_kg": "270"})
    body = response.content.decode()
    assert "270 kg ligger utanför det vanliga intervallet 35–250 kg" in body
    assert 'name="confirm" value="weight_kg"' in body
    visit.refresh_from_db()
    assert str(visit.weight_kg) == "70.5"
    htmx_save(client, visit, "measurements", {"height_cm": "172", "weight_kg": "270", "confirm": "weight_kg"})
    visit.refresh_from_db()
    assert str(visit.weight_kg) == "270.0"
    body = htmx_save(client, visit, "measurements", {"height_cm": "17x"}).content.decode()
    assert "Skriv ett tal, till exempel 82,5." in body


def test_autosave_without_htmx_redirects_back_with_messages(client, nurse, participation):
    visit = started_visit(participation=participation, nurse=nurse, values=False)
    response = client.post(reverse("visits:save", args=[visit.pk]), {"section": "blood_pressure",
                                                                     "systolic_1": "130", "diastolic_1": "85"})
    assert response.url == reverse("visits:visit", args=[visit.pk]) + "#blood_pressure"
    visit.refresh_from_db()
    assert (visit.systolic_1, visit.diastolic_1) == (130, 85)


def test_the_rest_timer_and_the_dialogue_are_saved(client, nurse, participation):
    visit = started_visit(participation=participation, nurse=nurse)
    body = client.post(reverse("visits:rest", args=[visit.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'id="rest-timer"' in body and "data-rest-ends=" in body
    body = htmx_save(client, visit, "dialogue", {
        "discussed_areas": ["tobak", "alkohol"], "follow_up": ["new_dialogue"],
        "tobacco-goal": "Sluta röka", "tobacco-motivation": "7", "tobacco-confidence": "4",
    }).content.decode()
    assert "Sparat kl." in body
    visit.refresh_from_db()
    assert visit.rest_started_at is not None and visit.discussed_areas == ["alkohol", "tobak"]
    goal = visit.goals.get(habit="tobacco")
    assert (goal.goal, goal.motivation, goal.confidence) == ("Sluta röka", 7, 4)


def test_a_level_is_set_by_hand_with_a_reason(client, nurse, participation):
    visit = started_visit(participation=participation, nurse=nurse)
    response = client.post(reverse("visits:override", args=[visit.pk]), {"row_key": "livssituation", "level": "3",
                                                                         "reason": ""}, follow=True)
    assert "Skriv varför nivån sätts för hand." in response.content.decode()
    response = client.post(reverse("visits:override", args=[visit.pk]),
                           {"row_key": "livssituation", "level": "3", "reason": "Arbetslös sedan i våras"}, follow=True)
    page = response.content.decode()
    assert "Nivån är satt." in page and "Satt för hand (beräknad: –)" in page and "Arbetslös sedan i våras" in page


def test_the_note_previews_suggests_codes_and_signs(client, nurse, participation):
    visit = started_visit(participation=participation, nurse=nurse)
    page = client.get(reverse("visits:note", args=[visit.pk])).content.decode()
    assert "Riktat hälsosamtal primärvården" in page and "Kontaktorsak: Hälsosamtal" in page
    assert 'value="Z00.0" id="id_diagnoses_0" checked' in page  # the main code is suggested
    assert 'value="Z72.0"' in page and "data-copy-target=\"#note-text\"" in page
    preview = client.post(reverse("visits:note", args=[visit.pk]), {
        "contact_reason": "Hälsosamtal", "diagnoses": ["Z00.0", "Z72.0"], "kva": ["DV112"],
        "advice_text": "Tipsade om Sluta-röka-linjen."}, HTTP_HX_REQUEST="true").content.decode()
    assert "Z72.0 Tobaksbruk" in preview and "DV112 Rådgivande samtal om tobaksbruk" in preview
    response = client.post(reverse("visits:note", args=[visit.pk]), {"contact_reason": "", "diagnoses": ["Z00.0"],
                                                                     "sign": "1"})
    assert "Välj kontaktorsak." in response.content.decode() and not JournalNote.objects.exists()
    response = client.post(reverse("visits:note", args=[visit.pk]), {
        "contact_reason": "Hälsosamtal", "diagnoses": ["Z00.0", "Z72.0"], "kva": ["DV112"], "sign": "1"})
    assert response.url == reverse("visits:note", args=[visit.pk])
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DOCUMENTED and visit.participation.state == ParticipationState.DOCUMENTED
    page = client.get(reverse("visits:note", args=[visit.pk])).content.decode()
    assert "Besöket är dokumenterat." in page and "Z72.0 Tobaksbruk" in page
    assert client.get(reverse("visits:visit", args=[visit.pk])).url == reverse("visits:note", args=[visit.pk])


def test_the_summary_pdf_has_the_curve_the_meanings_and_the_goals(client, nurse, participation):
    visit = started_visit(participation=participation, nurse=nurse)
    from population.services.audit import Actor
    from visits.models import Habit
    from visits.services.dialogue import dialogue_save

    dialogue_save(visit=visit, values={}, goals={Habit.PHYSICAL_ACTIVITY: {"goal": "Promenera varje lunch",
                                                                          "motivation": 9}},
                  actor=Actor.staff(nurse, visit.unit))
    response = client.get(reverse("visits:summary_pdf", args=[visit.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 3
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Ditt hälsosamtal" in reader.pages[0].extract_text() and "Fysisk aktivitet" in reader.pages[0].extract_text()
    assert "Vad dina resultat betyder" in reader.pages[1].extract_text()
    assert "Promenera varje lunch" in reader.pages[2].extract_text()
    assert "Hur viktig förändringen är för dig: 9 av 10" in text
    assert AccessLogEntry.objects.filter(action="print", detail="citizen summary PDF").count() == 1


def test_the_fhir_bundle_is_valid_r4(client, nurse, participation):
    visit = started_visit(participation=participation, nurse=nurse)
    response = client.get(reverse("visits:fhir", args=[visit.pk]))
    bundle = json.loads(response.content)
    Bundle.model_validate(bundle)
    resources = [e["resource"] for e in bundle["entry"]]
    codes = {r["code"]["coding"][0]["code"] for r in resources if r["resourceType"] == "Observation"}
    assert {"8302-2", "29463-7", "39156-5", "8280-0", "62409-8", "85354-9", "8867-4", "14771-0", "14647-2",
            "14646-4", "22748-8", "14927-8", "72166-2"} <= codes
    risk = next(r for r in resources if r["resourceType"] == "RiskAssessment")
    assert len(risk["prediction"]) == 11


def test_the_visit_list_shows_open_and_documented_visits(client, nurse, participation, django_assert_max_num_queries):
    for _ in range(3):
        started_visit(participation=participation_for_visit(unit=participation.round.unit), nurse=nurse)
    waiting = [participation_for_visit(unit=participation.round.unit) for _ in range(3)]
    with django_assert_max_num_queries(14):
        page = client.get(reverse("visits:list")).content.decode()
    assert page.count(reverse("visits:visit", args=[Visit.objects.first().pk])) == 1
    assert "Pågående besök" in page and "Väntar på sitt besök" in page
    assert all(reverse("visits:checklist", args=[p.pk]) in page for p in waiting)
    assert reverse("visits:checklist", args=[participation.pk]) in page  # the fixture's: no visit yet


def test_a_case_handler_enters_a_paper_questionnaire(client):
    participation = participation_for_visit(answers=False)
    handler = staff_with(participation.round.unit, Role.CASE_HANDLER)
    client.force_login(handler)
    url = reverse("visits:questionnaire_entry", args=[participation.pk])
    page = client.get(url).content.decode()
    assert "Frågor inför hälsosamtalet" in page and "Från personens pappersformulär" in page
    client.post(url, {"method": "staff_paper", "q_civilstand": "annat", "q_stress": "20", "action": "save"})
    from questionnaire.models import Answer

    answer = Answer.objects.get(question__key="civilstand")
    assert answer.method == "staff_paper" and answer.entered_by == handler
    page = client.get(url).content.decode()
    assert "Personal, från pappersformulär: 2" in page
    assert client.get(reverse("visits:checklist", args=[participation.pk])).status_code == 403  # not a nurse


def test_a_region_that_uses_the_stjarnprofil_sees_it_beside_the_halsokurva(client, nurse, participation):
    from visits.models import VisitSettings

    VisitSettings.objects.create(region=participation.round.unit.region, chart="both")
    visit = started_visit(participation=participation, nurse=nurse)
    page = client.get(reverse("visits:visit", args=[visit.pk])).content.decode()
    assert 'id="stjarnprofil-title"' in page and 'id="halsokurva-title"' in page
    VisitSettings.objects.filter(region=participation.round.unit.region).update(chart="stjarnprofil")
    page = client.get(reverse("visits:visit", args=[visit.pk])).content.decode()
    assert 'id="stjarnprofil-title"' in page and 'id="halsokurva-title"' not in page
