"""Replies in the browser: a nurse works the call list and books on the phone; a handler answers and closes a case."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from invitations.models import CaseStatus, ContactStatus
from invitations.services.cases import case_answer
from notifications.models import OutboxMessage
from population.services.audit import Actor
from responses.models import BookingBasis, CallAttempt
from rhs_portal.roles import Role
from tests.e2e.conftest import assert_accessible, login
from tests.factories import CareUnitFactory, StaffUserFactory
from tests.invitations.factories import case_for, contact_for
from tests.scheduling.factories import RoomFactory, SlotFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_nurse_works_the_call_list_and_books_on_the_phone(page):
    unit = CareUnitFactory(name="Vårdcentralen Norr")
    nurse = StaffUserFactory(
        username="sara", first_name="Sara", last_name="S", unit=unit, roles=[Role.DIALOGUE_LEADER]
    )
    contact = contact_for(unit=unit)
    person = contact.participation.person
    start = dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=3), dt.time(10), tzinfo=timezone.get_default_timezone()
    )
    SlotFactory(unit=unit, nurse=nurse, room=RoomFactory(unit=unit, name="Rum 2"), start=start)

    login(page, "sara")
    page.get_by_role("link", name="Ring upp").first.click()
    expect(page.get_by_role("heading", name="Ring upp", level=1)).to_be_visible()
    expect(page.get_by_text("Samtalsstöd – inbjudan via telefon")).to_be_visible()
    expect(page.get_by_text("Hur skyddas mina data?", exact=True)).to_be_visible()
    assert_accessible(page, context="call list")

    # First call: no answer. Each row's form opens from "Registrera ett samtal" (the list stays one line a person).
    page.get_by_text("Registrera ett samtal").click()
    page.get_by_label(f"Hur gick samtalet till {person.full_name}?").select_option("no_answer")
    page.get_by_role("button", name="Registrera samtalet").click()
    expect(page.get_by_text(f"Samtalet till {person.full_name} är registrerat: inget svar.")).to_be_visible()
    expect(page.get_by_text("1 samtal")).to_be_visible()
    assert_accessible(page, context="call list after a call")

    # Second call: reached. Book the time on the phone, then log the call.
    page.get_by_role("link", name="Boka en tid").click()
    expect(page.get_by_role("heading", name=f"Bokning för {person.full_name}")).to_be_visible()
    if not page.get_by_label("10:00–11:15", exact=False).count():
        page.get_by_role("link", name="Nästa vecka").click()
    page.get_by_label("10:00–11:15", exact=False).check()
    page.get_by_role("button", name="Boka den valda tiden").click()
    expect(page.get_by_text("Tiden är bokad. Invånaren får en bekräftelse.")).to_be_visible()
    assert_accessible(page, context="booking on the phone")

    page.get_by_role("link", name="Ring upp").first.click()
    page.get_by_text("Registrera ett samtal").click()
    page.get_by_label(f"Hur gick samtalet till {person.full_name}?").select_option("booked")
    page.get_by_role("button", name="Registrera samtalet").click()
    expect(
        page.get_by_text(f"Samtalet till {person.full_name} är registrerat: bokad. Formuläret är skickat.")
    ).to_be_visible()
    expect(page.get_by_text("Ingen att ringa just nu.")).to_be_visible()
    assert_accessible(page, context="call list, everyone called")

    contact.refresh_from_db()
    assert contact.status == ContactStatus.DONE
    assert list(CallAttempt.objects.values_list("outcome", flat=True)) == ["no_answer", "booked"]
    questionnaire = OutboxMessage.objects.get(idempotency_key__startswith="reply-questionnaire:")
    assert "Inför ditt hälsosamtal ska du fylla i följande formulär" in questionnaire.body


def test_a_case_handler_answers_and_closes_a_self_book_case_with_a_standard_text(page):
    unit = CareUnitFactory(name="Vårdcentralen Norr")
    StaffUserFactory(username="hugo", unit=unit, roles=[Role.CASE_HANDLER])
    case = case_for(unit=unit, status=CaseStatus.READ)
    case_answer(case=case, answer="self_book", actor=Actor.citizen(case.participation.person))
    person = case.participation.person

    login(page, "hugo")
    page.goto(page.base_url + f"/arenden/{case.pk}/")
    expect(page.get_by_role("heading", name="Besvara och avsluta")).to_be_visible()
    assert_accessible(page, context="answered case")
    page.get_by_role("button", name="Infoga: Välkommen på ett hälsosamtal").click()
    reply = page.get_by_label("Svar till invånaren")
    expect(reply).not_to_have_value("")
    assert "Inför hälsosamtalet ska du följa de här 3 stegen" in reply.input_value()
    reply.press("End")
    reply.type("\n\nVälkommen!")
    page.get_by_role("button", name="Besvara och avsluta").click()
    expect(page.get_by_text("Ärendet är besvarat och avslutat.")).to_be_visible()
    assert_accessible(page, context="closed case")

    case.refresh_from_db()
    assert (case.status, case.close_reason) == (CaseStatus.CLOSED, "answered_closed")
    message = OutboxMessage.objects.get(kind="reply", subject_ref=case.subject_ref)
    assert "3 stegen" in message.body and message.body.endswith("Välkommen!")
    assert BookingBasis.objects.filter(participation__person=person).exists()
