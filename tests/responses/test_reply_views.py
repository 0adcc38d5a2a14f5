"""The pages of the replies (in Swedish): answer and close on the case page, the call list, the person panel."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from invitations.models import (
    CaseStatus,
    Contact,
    ContactKind,
    ContactStatus,
    Participation,
    ParticipationState,
)
from invitations.services.cases import case_answer
from notifications.models import OutboxMessage
from population.models import AccessLogEntry
from population.services.audit import Actor
from responses.models import CallAttempt
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, staff_with
from tests.invitations.factories import case_for, contact_for
from tests.responses.factories import participation_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return CareUnitFactory()


@pytest.fixture
def handler(client, unit):
    user = staff_with(unit, Role.CASE_HANDLER)
    client.force_login(user)
    return user


def answered(unit, answer="self_book"):
    case = case_for(unit=unit, status=CaseStatus.READ)
    return case_answer(case=case, answer=answer, actor=Actor.citizen(case.participation.person))


def test_an_answered_case_is_answered_and_closed_from_its_page(client, unit, handler):
    case = answered(unit)
    url = reverse("invitations:case_detail", args=[case.pk])
    page = client.get(url).content.decode()
    assert "Besvara och avsluta" in page and "Standardsvar" in page
    assert 'data-insert-target="#reply-text"' in page and "Välkommen på ett hälsosamtal" in page
    assert "Ta med legitimation" in page  # the region's standard texts too
    post = reverse("responses:case_reply_close", args=[case.pk])
    response = client.post(post, {"text": "Välkommen! Boka din tid."}, follow=True)
    assert "Ärendet är besvarat och avslutat. Ett bokningsunderlag är klart" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    response = client.post(post, {"text": "Igen"}, follow=True)
    assert "Ärendet är redan avslutat" in response.content.decode()
    assert OutboxMessage.objects.filter(kind="reply").count() == 1
    assert "Besvara och avsluta" not in client.get(url).content.decode()


def test_an_empty_reply_is_refused_with_a_message(client, unit, handler):
    case = answered(unit, "decline")
    response = client.post(reverse("responses:case_reply_close", args=[case.pk]), {"text": ""}, follow=True)
    assert "Skriv svaret (infoga en standardtext med +)." in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED


def test_an_answer_by_phone_is_recorded_from_the_case_page(client, unit, handler):
    case = case_for(unit=unit, status=CaseStatus.SENT_UNREAD, template="invitation_phone")
    url = reverse("invitations:case_detail", args=[case.pk])
    page = client.get(url).content.decode()
    assert "Svar i telefon eller med svarsbrev" in page
    assert 'value="self_book"' not in page  # the phone template has no self-book answer
    response = client.post(
        reverse("responses:participation_answer", args=[case.participation_id]),
        {"answer": "call_me", "channel": "phone", "next": url},
        follow=True,
    )
    assert "Svaret är registrerat. Besvara och avsluta ärendet" in response.content.decode()
    case.refresh_from_db()
    assert (case.status, case.answer_channel) == (CaseStatus.ANSWERED, "phone")
    response = client.post(
        reverse("responses:participation_answer", args=[case.participation_id]),
        {"answer": "call_me", "next": url},
        follow=True,
    )
    assert "Ange hur svaret kom." in response.content.decode()


def test_the_call_list_shows_the_script_numbers_and_logs_each_person(
    client, unit, django_assert_max_num_queries
):
    nurse = staff_with(unit, Role.DIALOGUE_LEADER)
    client.force_login(nurse)
    contacts = [contact_for(unit=unit) for _ in range(3)]
    contact_for(unit=unit, kind=ContactKind.LETTER)
    contact_for(unit=CareUnitFactory(region=unit.region))
    with django_assert_max_num_queries(25):
        response = client.get(reverse("responses:call_list"))
    page = response.content.decode()
    assert "<h1>Ring upp</h1>" in page
    assert [c.pk for c in response.context["page_obj"]] == [c.pk for c in contacts]
    assert "070-174 06 10" in page
    assert "Samtalsstöd – inbjudan via telefon" in page and "Hur skyddas mina data?" in page
    assert "Nådd – ring senare" in page and "Inte uppringd än" in page
    logged = AccessLogEntry.objects.filter(action="view", detail="call list")
    assert sorted(logged.values_list("person_id", flat=True)) == sorted(
        c.participation.person_id for c in contacts
    )


def test_a_call_is_logged_with_a_required_outcome(client, unit, handler):
    contact = contact_for(unit=unit)
    url = reverse("responses:call_log", args=[contact.pk])
    response = client.post(url, {"outcome": "", "number": 1}, follow=True)
    assert "Välj vad samtalet ledde till." in response.content.decode()
    response = client.post(url, {"outcome": "call_later", "number": 1}, follow=True)
    assert "Ange när du ska ringa upp igen." in response.content.decode()
    assert not CallAttempt.objects.exists()
    response = client.post(url, {"outcome": "no_answer", "number": 1, "note": "Röstbrevlåda"}, follow=True)
    assert "Samtalet till" in response.content.decode() and "inget svar" in response.content.decode()
    response = client.post(url, {"outcome": "no_answer", "number": 1}, follow=True)  # the same form again
    assert "Någon annan" in response.content.decode()
    call_back = timezone.localtime() + dt.timedelta(days=1)
    response = client.post(
        url,
        {"outcome": "call_later", "number": 2, "call_back_at": call_back.strftime("%Y-%m-%dT%H:%M")},
        follow=True,
    )
    assert "ring upp igen" in response.content.decode()
    assert contact.pk not in [c.pk for c in response.context["page_obj"]]
    assert "1 person visas inte förrän" in response.content.decode()
    assert "Avtalade tider att ringa upp" in response.content.decode()
    assert list(CallAttempt.objects.values_list("outcome", flat=True)) == ["no_answer", "call_later"]


def test_reached_and_booked_asks_for_the_booking_first(client, unit, handler):
    contact = contact_for(unit=unit)
    response = client.post(
        reverse("responses:call_log", args=[contact.pk]), {"outcome": "booked", "number": 1}, follow=True
    )
    assert "Boka tiden först" in response.content.decode()
    contact.refresh_from_db()
    assert contact.status == ContactStatus.OPEN


def test_the_person_page_shows_answers_and_calls_and_reopens_a_decline(client, unit, handler):
    participation = participation_in(unit, state=ParticipationState.DECLINED)
    Participation.objects.filter(pk=participation.pk).update(answer="decline", answer_channel="portal")
    url = reverse("population:person_detail", args=[participation.person_id])
    page = client.get(url).content.decode()
    assert "Svar och samtal" in page and "Invånaren har ändrat sig" in page
    assert "ändrade sig efteråt" not in page
    reopen = reverse("responses:participation_reopen", args=[participation.pk])
    response = client.post(reopen, {"note": "", "next": url}, follow=True)
    assert "Skriv varför deltagandet öppnas igen." in response.content.decode()
    response = client.post(reopen, {"note": "Ringde 3 maj", "call_list": "on", "next": url}, follow=True)
    assert "Deltagandet är öppet igen" in response.content.decode()
    # The earlier "no thanks" stays in the record, marked as changed.
    assert "ändrade sig efteråt: deltagandet öppnades igen" in response.content.decode()
    participation.refresh_from_db()
    assert participation.state == ParticipationState.ANSWERED
    assert Contact.objects.filter(participation=participation, kind=ContactKind.PHONE).exists()


def test_the_navigation_and_the_start_page_lead_to_the_call_list(client, unit, handler):
    contact_for(unit=unit)
    page = client.get(reverse("dashboard")).content.decode()
    assert reverse("responses:call_list") in page and "att ringa upp" in page
