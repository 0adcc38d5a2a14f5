"""A citizen answers "Frågor inför hälsosamtalet" over two sittings through the personal link."""

import re

import pytest
from playwright.sync_api import expect

from invitations.models import ParticipationState
from invitations.services.links import link_for_participation, link_url
from questionnaire.models import Answer, EntryMethod, QuestionnaireResponse, ResponseStatus
from tests.e2e.conftest import assert_accessible
from tests.factories import ParticipationFactory
from tests.reference_data import ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    ensure_reference_data()  # an earlier browser test flushed what the migrations seeded


def open_link(page, participation):
    url = link_url(link_for_participation(participation=participation)).replace("http://127.0.0.1:8000", page.base_url)
    page.goto(url)
    expect(page.get_by_role("heading", name="Bekräfta vem du är")).to_be_visible()
    page.get_by_label("Ditt födelsedatum").fill(participation.person.birth_date.isoformat())
    page.get_by_role("button", name="Fortsätt").click()
    expect(page.get_by_role("heading", name="Ditt hälsosamtal")).to_be_visible()


def answer_page(page, overrides=None):
    """Choose the first answer of every question on the page (or the given option keys); fill numbers."""
    overrides = overrides or {}
    for question in page.locator("[data-question]").all():
        if not question.is_visible():
            continue
        key = question.get_attribute("data-question")
        radios = question.locator("input[type=radio]")
        if radios.count():
            choice = question.locator(f"input[value='{overrides[key]}']") if key in overrides else radios.first
            choice.check()
        elif question.locator("input[type=text]").count():
            question.locator("input[type=text]").fill(str(overrides.get(key, 25)))


def test_a_citizen_answers_over_two_sittings(page, browser, live_server):
    participation = ParticipationFactory(state=ParticipationState.ANSWERED)

    # First sitting: two parts, and a third begun, then a pause.
    open_link(page, participation)
    assert_accessible(page, context="citizen home")
    page.get_by_role("link", name="Börja svara").click()
    expect(page.get_by_role("heading", name="Frågor inför hälsosamtalet")).to_be_visible()
    expect(page.get_by_text("ungefär 20 minuter")).to_be_visible()
    assert_accessible(page, context="questionnaire start")
    page.get_by_role("button", name="Börja").click()

    expect(page.get_by_text("Del 1 av 10")).to_be_visible()
    page.get_by_role("button", name="Nästa").click()  # nothing answered: the page says what is missing
    expect(page.get_by_role("heading", name="Något behöver rättas")).to_be_visible()
    assert_accessible(page, context="questionnaire page with errors")
    answer_page(page, {"civilstand": "ensamstaende"})
    page.get_by_role("button", name="Nästa").click()

    expect(page.get_by_text("Del 2 av 10")).to_be_visible()
    early = page.locator('[data-question="hjartkarl_tidig"]')
    page.get_by_label("Nej").first.check()  # no heart disease in the family: the follow-up question hides
    expect(early).to_be_hidden()
    page.locator('[data-question="hjartkarl_slakt"]').get_by_label("Ja").check()
    expect(early).to_be_visible()
    answer_page(page)
    assert_accessible(page, context="questionnaire page 2")
    page.get_by_role("button", name="Nästa").click()

    expect(page.get_by_text("Del 3 av 10")).to_be_visible()
    page.locator('[data-question="sjalvskattad_halsa"]').get_by_label("Bra", exact=True).check()
    expect(page.get_by_text(re.compile(r"Sparat kl\. \d\d:\d\d"))).to_be_visible()  # saved as they answer
    page.get_by_label("Hur stressad har du känt dig den senaste tiden?").fill("32")
    expect(page.locator("input.scale-slider")).to_have_value("32")
    page.get_by_role("button", name="Spara och fortsätt senare").click()
    expect(page.get_by_text("Dina svar är sparade.")).to_be_visible()
    expect(page.get_by_text("Du har svarat på 2 av 10 delar.")).to_be_visible()
    response = QuestionnaireResponse.objects.get()
    assert response.last_page == 3 and response.answers.get(question__key="stress").value == 32

    # Second sitting, another day on another device: the questionnaire resumes on part 3.
    context = browser.new_context(bypass_csp=True, locale="sv-SE", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.base_url = page.base_url
    open_link(phone, participation)
    phone.get_by_role("link", name="Fortsätt svara").click()
    phone.get_by_role("button", name="Fortsätt").click()
    expect(phone.get_by_text("Del 3 av 10")).to_be_visible()
    expect(phone.get_by_label("Hur stressad har du känt dig den senaste tiden?")).to_have_value("32")
    assert_accessible(phone, context="questionnaire on a phone")
    for number in range(3, 11):
        expect(phone.get_by_text(f"Del {number} av 10")).to_be_visible()
        overrides = {"audit_frekvens": "never"} if number == 8 else {}
        answer_page(phone, overrides)
        if number == 8:
            expect(phone.locator('[data-question="audit_mangd"]')).to_be_hidden()
        phone.get_by_role("button", name="Nästa" if number < 10 else "Kontrollera dina svar").click()

    expect(phone.get_by_role("heading", name="Kontrollera dina svar")).to_be_visible()
    expect(phone.get_by_text("Ensamstående")).to_be_visible()
    assert_accessible(phone, context="questionnaire summary")
    phone.get_by_role("button", name="Skicka in dina svar").click()
    expect(phone.get_by_text("Tack! Dina svar har skickats till din vårdcentral.")).to_be_visible()
    assert_accessible(phone, context="citizen home after answering")
    context.close()

    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED
    assert not Answer.objects.filter(question__key__in=["audit_mangd", "audit_tillfalle"]).exists()
    assert set(Answer.objects.values_list("method", flat=True)) == {EntryMethod.CITIZEN_ONLINE}
