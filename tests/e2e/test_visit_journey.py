"""A nurse runs a visit from the day view to the signed note; the summary PDF is checked."""

import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from invitations.models import ParticipationState
from rhs_portal.roles import Role
from tests.e2e.conftest import assert_accessible, login
from tests.factories import StaffUserFactory
from tests.reference_data import ensure_reference_data
from tests.responses.factories import AppointmentFactory
from tests.scheduling.factories import SlotFactory
from tests.visits.factories import participation_for_visit
from visits.models import JournalNote, Visit, VisitStatus

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    ensure_reference_data()  # an earlier browser test flushed what the migrations seeded


def field(page, section_id, label):
    return page.locator(f"#{section_id}").get_by_label(label, exact=True)


def test_a_nurse_holds_the_visit_and_signs_the_note(page):
    participation = participation_for_visit(state=ParticipationState.BOOKED)
    unit = participation.round.unit
    sara = StaffUserFactory(username="sara", first_name="Sara", last_name="Samtalsledare", unit=unit,
                            roles=[Role.DIALOGUE_LEADER])
    person = participation.person
    starts = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
    AppointmentFactory(participation=participation, slot=SlotFactory(unit=unit, nurse=sara, start=starts))

    login(page, "sara")
    page.goto(f"{page.base_url}/personer/{person.pk}/")
    expect(page.get_by_role("heading", name="Hälsosamtal", exact=True)).to_be_visible()
    assert_accessible(page, context="person page with the health dialogue panel")
    # The day view lists Sara's dialogues of the day and leads to the visit.
    page.get_by_role("link", name="Dagsvy").click()
    expect(page.get_by_role("table")).to_contain_text(person.full_name)
    page.get_by_role("link", name=f"Hälsosamtal {person.full_name}").click()
    expect(page.get_by_text("Frågeformuläret besvarat?")).to_be_visible()
    assert_accessible(page, context="pre-visit checklist")
    page.get_by_role("button", name="Starta besöket").click()

    expect(page.get_by_role("heading", name=re.compile("Hälsosamtal: "))).to_be_visible()
    assert_accessible(page, context="visit page")
    participation.refresh_from_db()
    assert participation.state == ParticipationState.VISITED

    # Measurements: BMI and the waist-hip ratio appear as soon as the values are there.
    field(page, "matt", "Längd").fill("178")
    field(page, "matt", "Vikt").fill("82")
    field(page, "matt", "Vikt").press("Tab")
    expect(page.locator("#derived-measurements")).to_contain_text("25,9 kg/m²")
    field(page, "matt", "Midja").fill("94")
    field(page, "matt", "Stuss").fill("250")
    field(page, "matt", "Stuss").press("Tab")
    expect(page.locator("#msg-hip_cm")).to_contain_text("utanför det vanliga intervallet")
    page.get_by_label("Värdet stämmer: spara det").check()
    expect(page.locator("#derived-measurements")).to_contain_text("0,38")
    field(page, "matt", "Stuss").fill("100")
    field(page, "matt", "Stuss").press("Tab")
    expect(page.locator("#derived-measurements")).to_contain_text("0,94")

    # Rest, then blood pressure: two readings and their mean.
    page.get_by_role("button", name="Starta vilan (5 minuter)").click()
    expect(page.locator("[data-rest-clock]")).to_have_text(re.compile(r"[45]:\d\d"))
    bp = page.locator("#blodtryck")
    bp.locator("fieldset").nth(0).get_by_label("Systoliskt").fill("146")
    bp.locator("fieldset").nth(0).get_by_label("Diastoliskt").fill("92")
    bp.locator("fieldset").nth(1).get_by_label("Systoliskt").fill("142")
    bp.locator("fieldset").nth(1).get_by_label("Diastoliskt").fill("88")
    bp.locator("fieldset").nth(1).get_by_label("Diastoliskt").press("Tab")
    expect(page.locator("#derived-bp")).to_contain_text("144/90 mmHg")
    expect(page.locator("#status-blood_pressure")).to_contain_text("vila")  # measured before 5 minutes

    # The session ends while the nurse is away: what she types is kept and saved after she logs in again.
    # First let every save already triggered finish (the typing delay is 1.2 s): a response still on
    # its way would set the session cookie again after it was cleared.
    page.wait_for_timeout(1_500)
    expect(page.locator(".htmx-request")).to_have_count(0)
    page.context.clear_cookies()
    field(page, "blodtryck", "Puls").fill("68")
    field(page, "blodtryck", "Puls").press("Tab")
    expect(page.get_by_text("Det du skrev sist har inte sparats.")).to_be_visible()
    expect(field(page, "blodtryck", "Puls")).to_have_value("68")
    other = page.context.new_page()
    other.base_url = page.base_url
    other.goto(f"{page.base_url}/konto/logga-in/")
    expect(other.get_by_label("Användarnamn")).to_be_visible(timeout=30_000)  # a busy machine can be slow here
    login(other, "sara")
    expect(other.get_by_role("button", name="Logga ut")).to_be_visible(timeout=30_000)
    other.close()
    page.get_by_role("button", name="Försök spara igen").click()
    expect(page.get_by_text("Det du skrev sist har inte sparats.")).to_be_hidden()
    expect(page.locator("#status-blood_pressure")).to_contain_text("Sparat kl.")

    # Lab values entered by the nurse (no lab source in this installation).
    lab = page.locator("#lab")
    lab.get_by_label("Fastande plasmaglukos (fP-glukos)").fill("5,4")
    lab.get_by_label("Totalkolesterol").fill("6,8")
    lab.get_by_label("Totalkolesterol").press("Tab")
    expect(page.locator("#profile-chart")).to_contain_text("6,80 mmol/l")

    # The Hälsokurva: life situation set in the dialogue, and a level set by hand with a reason.
    page.locator("#halsokurva").get_by_role("radio", name="2", exact=True).check()
    expect(page.locator("#status-profile")).to_contain_text("Sparat kl.")
    page.get_by_text("Sätt en nivå för hand").click()
    page.get_by_label("Område", exact=True).select_option(label="Psykisk hälsa")
    page.locator("#override-level").select_option("3")
    page.get_by_label("Motivering (obligatorisk)").fill("Mycket stress på jobbet just nu")
    page.get_by_role("button", name="Sätt nivån").click()
    expect(page.get_by_text("Nivån är satt.")).to_be_visible()
    expect(page.locator("#profile-chart")).to_contain_text("Mycket stress på jobbet just nu")

    # The dialogue: goals in the person's words, motivation and confidence, advice and follow-up.
    talk = page.locator("#samtal")
    talk.get_by_label("Tobak", exact=True).check()
    tobacco = talk.locator("fieldset.goal-card").filter(has_text="Tobak")
    tobacco.get_by_label("Min målsättning, med personens egna ord").fill("Sluta röka innan sommaren")
    tobacco.get_by_label("Motivation (0–10)").select_option("8")
    tobacco.get_by_label("Tilltro (0–10)").select_option("5")
    tobacco.get_by_label("Givet råd").select_option(label="Rådgivande samtal om tobaksbruk (DV112)")
    talk.get_by_label("Nytt samtal (återbesök eller telefon)").check()
    talk.get_by_label("Frågat: ”Har vi pratat om det du förväntade dig?”").check()
    expect(page.locator("#status-dialogue")).to_contain_text("Sparat kl.")
    assert_accessible(page, context="visit page filled in")

    # The summary for the person: three pages, checked one by one.
    visit = Visit.objects.get()
    pdf = page.request.get(f"{page.base_url}/besok/{visit.pk}/sammanfattning.pdf")
    reader = PdfReader(io.BytesIO(pdf.body()))
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) == 3
    assert "Ditt hälsosamtal" in pages[0] and "Hälsokurva" in pages[0] and "Kolesterol" in pages[0]
    assert "Vad dina resultat betyder" in pages[1] and "Trycket i dina blodkärl" in pages[1]
    assert "Dina mätvärden" in pages[2] and "Sluta röka innan sommaren" in pages[2]
    assert "Hur viktig förändringen är för dig: 8 av 10" in pages[2]

    # The journal note: check, copy, sign.
    page.get_by_role("link", name="Skriv och signera journalanteckningen").click()
    expect(page.locator("#note-text")).to_contain_text("Kontaktorsak: Hälsosamtal")
    expect(page.locator("#note-text")).to_contain_text("DV112 Rådgivande samtal om tobaksbruk")
    expect(page.locator("#note-text")).to_contain_text("Z72.0 Tobaksbruk")
    assert_accessible(page, context="journal note")
    page.get_by_label("Givna råd och övriga anteckningar").fill("Broschyr om rökstopp.")
    expect(page.locator("#note-text")).to_contain_text("Broschyr om rökstopp.")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Signera anteckningen").click()
    expect(page.get_by_text("Anteckningen är signerad och besöket är dokumenterat.")).to_be_visible()
    assert_accessible(page, context="signed note")

    visit.refresh_from_db()
    participation.refresh_from_db()
    assert visit.status == VisitStatus.DOCUMENTED and participation.state == ParticipationState.DOCUMENTED
    note = JournalNote.objects.get()
    assert visit.heart_rate == 68 and "Puls: 68/min" in note.text
    assert "Psykisk hälsa: nivå 3" in note.text
