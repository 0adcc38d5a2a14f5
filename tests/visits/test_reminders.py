"""The pre-visit reminder goes through the outbox with the region's `previsit_reminder` template."""

from __future__ import annotations

import types
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from invitations.models import ParticipationState
from notifications.models import OutboxMessage
from notifications.services import Recipient, message_enqueue
from population.models import AccessLogEntry
from population.services.audit import Actor
from tests.responses.factories import AppointmentFactory
from tests.scheduling.factories import SlotFactory
from tests.visits.factories import nurse_of, participation_for_visit, started_visit
from visits.models import PrevisitReminder
from visits.services.reminders import ReminderNotPossible, previsit_reminder_send, reminder_channel

pytestmark = pytest.mark.django_db


def booked(*, answers=False, **kwargs):
    participation = participation_for_visit(state=ParticipationState.BOOKED, answers=answers, **kwargs)
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + timezone.timedelta(days=1)
    AppointmentFactory(participation=participation, slot=SlotFactory(unit=participation.round.unit, start=start))
    return participation


def test_a_reminder_goes_through_the_outbox_once_a_day(django_capture_on_commit_callbacks):
    participation = booked()
    nurse = nurse_of(participation.round.unit)
    with django_capture_on_commit_callbacks() as callbacks:
        reminder = previsit_reminder_send(participation=participation, actor=Actor.staff(nurse))
    assert reminder.channel == "inbox" and reminder.reasons == ["questionnaire", "lab"]
    message = OutboxMessage.objects.get()
    assert message.kind == "previsit_reminder" and message.channel == "inbox"
    assert message.person_id == participation.person.pk and reminder.message_id == message.pk
    assert message.subject == "Inför ditt hälsosamtal i morgon"
    assert "klockan 09:00" in message.body and message.link_url in message.body and "/invanare/" in message.link_url
    assert message.subject_ref == f"invitations.participation:{participation.pk}"
    assert len(callbacks) == 1  # delivered by the worker after commit
    with pytest.raises(ReminderNotPossible, match="sent today"):
        previsit_reminder_send(participation=participation, actor=Actor.staff(nurse))
    assert PrevisitReminder.objects.count() == 1 and OutboxMessage.objects.count() == 1
    assert AccessLogEntry.objects.filter(detail__startswith="pre-visit reminder (inbox)").count() == 1


def test_no_second_reminder_the_day_the_daily_sweep_sent_one():
    """The reminder sweep writes its pre-visit reminders to the outbox too: the nurse's button then says so."""
    participation = booked()
    person = participation.person
    message_enqueue(kind="previsit_reminder", channel="inbox",
                    recipient=Recipient(person_id=person.pk, name=person.full_name), subject="Inför",
                    body="…", idempotency_key="sweep-previsit", now=timezone.now())
    with pytest.raises(ReminderNotPossible, match="sent today"):
        previsit_reminder_send(participation=participation, actor=Actor.staff(nurse_of(participation.round.unit)))
    assert OutboxMessage.objects.count() == 1


def test_no_reminder_without_a_reason_a_booked_time_or_a_way_to_reach(now):
    visit = started_visit(values={"fp_glucose": Decimal("5"), "total_cholesterol": Decimal("5"),
                                  "hdl": Decimal("1.5"), "ldl": Decimal("2"), "triglycerides": Decimal("1")}, now=now)
    with pytest.raises(ReminderNotPossible, match="nothing to remind about"):
        previsit_reminder_send(participation=visit.participation, actor=Actor.staff(visit.nurse), now=now)
    unbooked = participation_for_visit(answers=False)
    with pytest.raises(ReminderNotPossible, match="book the visit first"):
        previsit_reminder_send(participation=unbooked, actor=Actor.staff(nurse_of(unbooked.round.unit)))
    assert not OutboxMessage.objects.exists()
    with pytest.raises(ReminderNotPossible, match="call them"):
        reminder_channel(types.SimpleNamespace(eservice_status="never_logged_in", notification="", phone="", email=""))
    assert reminder_channel(types.SimpleNamespace(eservice_status="", notification="", phone="+46701740610",
                                                  email="")) == "sms"


def test_the_checklist_button_sends_and_says_so(client):
    participation = booked()
    client.force_login(nurse_of(participation.round.unit))
    response = client.post(reverse("visits:reminder", args=[participation.pk]), follow=True)
    assert "Påminnelsen är på väg (inbox)." in response.content.decode()
    page = client.get(reverse("visits:checklist", args=[participation.pk])).content.decode()
    assert "Skickade påminnelser" in page
