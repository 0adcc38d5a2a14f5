"""The citizen's invitation page and inbox: read in their language, answer, audited as the citizen."""

import datetime as dt

import pytest
from django.urls import reverse

from invitations.models import CaseStatus, ParticipationState
from invitations.services.batches import participation_invite
from invitations.services.links import link_for_participation, link_token
from notifications.models import OutboxMessage
from notifications.services import Recipient, message_deliver, message_enqueue
from population.models import AccessLogEntry
from population.services.audit import Actor
from tests.factories import staff_with
from tests.invitations.factories import participation_in

pytestmark = pytest.mark.django_db


def invite(participation, template="invitation_phone", now=None):
    case = participation_invite(participation=participation, template_kind=template, message_text="",
                                actor=Actor.system("test"), now=now or dt.datetime.now(dt.UTC)).case
    message_deliver(message_id=OutboxMessage.objects.get(subject_ref=case.subject_ref).pk)
    return case


def url(name, participation, **kwargs):
    token = link_token(link_for_participation(participation=participation))
    return reverse(f"citizen:{name}", kwargs={"token": token, **kwargs})


def confirm(client, participation):
    response = client.post(url("confirm", participation), {"birth_date": participation.person.birth_date.isoformat()})
    assert response.status_code == 302


@pytest.fixture
def participation():
    return participation_in(reachability="digital", first_name="Anna")


def test_fetching_the_link_does_not_read_the_invitation(client, participation):
    case = invite(participation)
    response = client.get(url("invitation", participation))
    assert response.status_code == 302 and "/bekrafta/" in response.url
    case.refresh_from_db()
    assert case.status == CaseStatus.SENT_UNREAD and case.read_at is None
    assert not OutboxMessage.objects.filter(read_at__isnull=False).exists()


def test_the_confirmed_citizen_reads_the_invitation_and_the_case_becomes_read(client, participation):
    case = invite(participation)
    staff_with(participation.round.unit)
    confirm(client, participation)
    home = client.get(url("home", participation)).content.decode()
    assert "Din inbjudan" in home and "Läs inbjudan" in home
    page = client.get(url("invitation", participation)).content.decode()
    assert "Inbjudan – Välkommen på hälsosamtal" in page and "Hej Anna!" in page
    assert "Ja, jag vill ha ett hälsosamtal och vill bli uppringd för att få en tid." in page
    assert "Nej, jag vill inte ha något hälsosamtal." in page
    assert "boka in tiden själv" not in page  # the phone template has no self-booking
    case.refresh_from_db()
    assert case.status == CaseStatus.READ and case.read_at is not None
    assert OutboxMessage.objects.get().read_at is not None
    views = AccessLogEntry.objects.filter(person=participation.person, action="view")
    assert views.exists() and set(views.values_list("actor_kind", flat=True)) == {"citizen"}
    assert case.events.get(to_status="read").actor_name == "citizen"


def test_answering_call_me_marks_the_case_answered(client, participation):
    case = invite(participation)
    confirm(client, participation)
    response = client.post(url("invitation", participation), {"answer": "call_me"}, follow=True)
    page = response.content.decode()
    assert "Tack för ditt svar." in page and "Vi ringer dig för att komma överens om en tid." in page
    case.refresh_from_db()
    assert (case.status, case.answer) == (CaseStatus.ANSWERED, "call_me")
    participation.refresh_from_db()
    assert participation.state == ParticipationState.ANSWERED
    assert case.events.get(to_status="answered").actor_name == "citizen"
    assert AccessLogEntry.objects.filter(actor_kind="citizen", action="change").count() == 1
    # A second answer (double submit) changes nothing.
    response = client.post(url("invitation", participation), {"answer": "decline"}, follow=True)
    case.refresh_from_db()
    assert case.answer == "call_me"
    assert "<form" not in response.content.decode().split("Ditt svar")[1].split("</section>")[0]


def test_an_option_the_template_lacks_is_refused(client, participation):
    case = invite(participation)
    confirm(client, participation)
    response = client.post(url("invitation", participation), {"answer": "self_book"})
    assert response.status_code == 200
    assert "Det är något som inte stämmer" in response.content.decode() or "giltigt" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.READ


def test_the_web_template_offers_three_answers(client, participation):
    invite(participation, template="invitation_web")
    confirm(client, participation)
    page = client.get(url("invitation", participation)).content.decode()
    assert "Ja, jag vill ha ett hälsosamtal och vill boka in tiden själv." in page
    assert "Ja, jag vill ha ett hälsosamtal men vill bli uppringd för att få en tid." in page


def test_no_staff_data_is_shown(client, participation):
    case = invite(participation)
    handler = staff_with(participation.round.unit, first_name="Handläggarnamnet")
    case.assignee = handler
    case.save()
    confirm(client, participation)
    page = client.get(url("invitation", participation)).content.decode()
    assert "Handläggarnamnet" not in page and "invitations.invitationcase" not in page


def test_a_closed_case_can_be_read_but_not_answered(client, participation):
    case = invite(participation)
    case.status, case.close_reason = CaseStatus.CLOSED, "auto_closed"
    case.save()
    confirm(client, participation)
    page = client.get(url("invitation", participation)).content.decode()
    assert "går inte längre att svara på" in page
    assert OutboxMessage.objects.get().read_at is not None  # staff see that it was read, also when closed
    client.post(url("invitation", participation), {"answer": "call_me"})
    case.refresh_from_db()
    assert case.answer == ""


def test_the_invitation_is_shown_in_the_persons_language(client):
    participation = participation_in(reachability="digital", preferred_language="ar", first_name="Amira")
    invite(participation)
    confirm(client, participation)
    page = client.get(url("invitation", participation)).content.decode()
    assert 'lang="ar"' in page and 'dir="rtl"' in page
    assert "مرحباً Amira" in page
    assert "نعم، أريد حواراً صحياً وأريد أن يُتصل بي لتحديد موعد." in page  # the answer, in Arabic


def test_the_inbox_lists_messages_and_opens_one_that_belongs_to_no_case(client, participation):
    invite(participation)
    other = message_enqueue(
        kind="booking_confirmation", channel="inbox", subject="Bokningsbekräftelse – hälsosamtal",
        body="Du har en tid 12 maj.", idempotency_key="booking:1", subject_ref="responses.appointment:1",
        recipient=Recipient(person_id=participation.person_id, name="Anna"),
    )
    message_deliver(message_id=other.pk)
    confirm(client, participation)
    page = client.get(url("inbox", participation)).content.decode()
    assert "Bokningsbekräftelse – hälsosamtal" in page and "Inbjudan – Välkommen på hälsosamtal" in page
    assert "Inte läst" in page
    response = client.get(url("message", participation, pk=other.pk))
    assert "Du har en tid 12 maj." in response.content.decode()
    other.refresh_from_db()
    assert other.read_at is not None
    invitation_message = OutboxMessage.objects.exclude(pk=other.pk).get()
    response = client.get(url("message", participation, pk=invitation_message.pk))
    assert response.url == url("invitation", participation)
    foreign = participation_in(reachability="digital")
    invite(foreign)
    foreign_message = OutboxMessage.objects.get(person_id=foreign.person_id)
    assert client.get(url("message", participation, pk=foreign_message.pk)).status_code == 404
