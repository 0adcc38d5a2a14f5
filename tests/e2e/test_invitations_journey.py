"""A case handler sends a batch of 25, a citizen answers "ring mig" through the link, the letters are printed.

The journey of issue 3: the recipient check shows "Saknas" highlighted, Skicka
invites through the right channels, the citizen follows the link from the demo
outbox (phone-width screen), confirms and answers, the case shows "Tilldelat
(svar från invånare)", and the letter batch's PDF is downloaded and checked.
axe runs on every page.
"""

import io
import re

import pytest
from playwright.sync_api import expect

from invitations.models import CaseStatus, InvitationCase, Participation
from rhs_portal.roles import Role
from tests.e2e.conftest import assert_accessible, login
from tests.factories import CareUnitFactory, StaffUserFactory
from tests.invitations.factories import participation_in, round_for

pytestmark = pytest.mark.django_db(transaction=True)


def mixed_round(unit):
    """25 people in the round's order: the first one digital, then a mix of every reachability."""
    anna = participation_in(unit=unit, reachability="digital", first_name="Anna", last_name="Andersson",
                            notification="sms")
    kinds = ["digital", "missing", "digital", "never_logged_in", "sms", "locked", "digital", "missing"]
    for i in range(20):
        participation_in(unit=unit, reachability=kinds[i % len(kinds)])
    letters = [
        participation_in(unit=unit, reachability="missing", no_phone=True, first_name="Bertil",
                         last_name="Brevsson", street_address="Brevgatan 12", postal_code="11122",
                         postal_town="Brevby"),
        participation_in(unit=unit, reachability="locked", no_phone=True, first_name="Cecilia",
                         last_name="Citron", street_address="Citronvägen 3", postal_code="33344",
                         postal_town="Citronby", preferred_language="ar"),
        participation_in(unit=unit, reachability="never_logged_in", no_phone=True, protected_identity=True,
                         first_name="Doris", last_name="Dold", street_address="Hemliga gränd 7",
                         postal_code="55566", postal_town="Hemby"),
    ]
    participation_in(unit=unit, reachability="digital", deceased=True)
    return anna, letters


def test_send_answer_and_print(page, browser, live_server, settings):
    settings.PUBLIC_BASE_URL = live_server.url
    unit = CareUnitFactory(name="Vårdcentralen Norr")
    StaffUserFactory(username="hanna", unit=unit, roles=[Role.CASE_RECEIVER, Role.CASE_HANDLER])
    anna, letters = mixed_round(unit)
    round_ = round_for(unit)

    # The case handler builds a batch of 25 from the round.
    login(page, "hanna")
    page.goto(f"{page.base_url}/omgangar/{round_.pk}/")
    page.get_by_role("link", name="Skicka inbjudan").click()
    expect(page.get_by_role("heading", name=re.compile("Skicka inbjudan – omgång"))).to_be_visible()
    expect(page.get_by_text(re.compile("^Inga webbtider: enheten har inga lediga webbtider"))).to_be_visible()
    expect(page.get_by_label("Inbjudan med webbtider – inga webbtider")).to_be_disabled()
    assert_accessible(page, context="build a batch")
    page.get_by_label("Inbjudan via telefon").check()
    page.get_by_label("Antal personer").fill("25")
    page.get_by_role("button", name="Kontrollera mottagarna").click()

    # The recipient check: "Saknas" highlighted in yellow, the channel per person.
    table = page.get_by_role("table", name="Mottagare")
    expect(table.get_by_role("row")).to_have_count(26)
    missing = table.locator(".missing", has_text="Saknas").first
    expect(missing).to_be_visible()
    assert missing.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 244, 194)"
    expect(table).to_contain_text("Digitalt (inkorg)")
    expect(table).to_contain_text("Telefon")
    expect(table).to_contain_text("Brev")
    expect(page.get_by_role("heading", name="Förhandsgranskning: det här skickas i varje kanal")).to_be_visible()
    assert_accessible(page, context="recipient check")

    # A standard text in one click, then Skicka.
    page.get_by_role("button", name="Ta med legitimation").click()
    expect(page.get_by_label("Meddelande till mottagarna")).to_have_value(re.compile("Ta med legitimation"))
    page.get_by_role("button", name="Skicka", exact=True).click()
    expect(page.get_by_text(re.compile(r"Skickat\. Digitalt: \d+, telefonlista: \d+, brevlista: 3"))).to_be_visible()
    assert_accessible(page, context="sent batch")
    assert Participation.objects.filter(state="invited").count() == 24
    assert Participation.objects.get(state="excluded").exit_reason == "deceased"

    # The demo outbox shows the SMS Anna got, with her personal link.
    page.get_by_role("link", name="Utkorg (demo)").click()
    assert_accessible(page, context="demo outbox")
    row = page.get_by_role("row").filter(has_text="Anna Andersson")
    link = row.get_by_role("link").first.get_attribute("href")
    assert link.startswith(live_server.url + "/invanare/")

    # The citizen, on a phone, follows the link, confirms and answers "ring mig".
    phone = browser.new_context(bypass_csp=True, locale="sv-SE", viewport={"width": 375, "height": 740})
    citizen = phone.new_page()
    citizen.goto(link)
    expect(citizen.get_by_role("heading", name="Bekräfta vem du är")).to_be_visible()
    assert_accessible(citizen, context="citizen confirm")
    citizen.get_by_label("Ditt födelsedatum").fill(anna.person.birth_date.isoformat())
    citizen.get_by_role("button", name="Fortsätt").click()
    expect(citizen.get_by_role("heading", name="Din inbjudan")).to_be_visible()
    assert_accessible(citizen, context="citizen home")
    citizen.get_by_role("link", name="Läs inbjudan").click()
    expect(citizen.get_by_role("heading", name="Inbjudan – Välkommen på hälsosamtal")).to_be_visible()
    expect(citizen.get_by_text("Ta med legitimation när du kommer till hälsosamtalet.")).to_be_visible()
    assert_accessible(citizen, context="citizen invitation")
    assert InvitationCase.objects.get(participation=anna).status == CaseStatus.READ
    citizen.get_by_label("Ja, jag vill ha ett hälsosamtal och vill bli uppringd för att få en tid.").check()
    citizen.get_by_role("button", name="Skicka ditt svar").click()
    expect(citizen.get_by_text("Tack för ditt svar.")).to_be_visible()
    assert_accessible(citizen, context="citizen answered")
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 375  # fits a phone
    phone.close()

    # The case shows the citizen's answer.
    page.get_by_role("link", name="Ärenden").click()
    page.get_by_role("link", name=re.compile("Alla ärenden")).click()
    case_row = page.get_by_role("row").filter(has_text="Andersson, Anna")
    expect(case_row).to_contain_text("Tilldelat (svar från invånare)")
    assert_accessible(page, context="case queue")
    case_row.get_by_role("link", name="Andersson, Anna").click()
    expect(page.get_by_text("Ring mig").first).to_be_visible()
    assert_accessible(page, context="case page")

    # The people invited by phone are on the call list, with the call guide.
    page.get_by_role("link", name="Ring upp").first.click()
    expect(page.get_by_role("table", name="Ring upp").get_by_role("row")).to_have_count(1 + 10)
    assert_accessible(page, context="call list")

    # The letters: one batch, one PDF, checked page by page.
    page.get_by_role("link", name="Brev", exact=True).click()
    expect(page.get_by_role("table", name="Brev att skriva ut").get_by_role("row")).to_have_count(4)
    assert_accessible(page, context="letter list")
    page.get_by_role("button", name="Gör en brevomgång").click()
    expect(page.get_by_role("heading", name=re.compile("Brevomgång BREV-"))).to_be_visible()
    assert_accessible(page, context="letter batch")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner PDF-filen").click()
    pdf_bytes = download_info.value.path().read_bytes()
    check_letter_pdf(pdf_bytes, letters)


def check_letter_pdf(pdf_bytes, letters):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_bytes))
    texts = [p.extract_text() for p in reader.pages]
    assert len(texts) >= 2 * len(letters)  # an invitation page and a reply letter per person
    everything = "\n".join(texts)
    assert "Brevgatan 12" in everything and "111 22 Brevby" in everything
    assert "Citronvägen 3" in everything
    assert "Hemliga gränd 7" not in everything and "555 66" not in everything  # protected identity
    assert "Doris Dold" in everything
