"""The pre-visit reminder goes through the outbox with the region's `previsit_reminder` template.

The outbox (notifications) and the message templates arrive with the invitations stream; until
then these tests stand in for them with the agreed interfaces (interfaces.md).
"""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass

import pytest
from django.urls import reverse

from population.models import AccessLogEntry
from population.services.audit import Actor
from tests.visits.factories import nurse_of, participation_for_visit
from visits.models import PrevisitReminder
from visits.services.reminders import ReminderNotPossible, previsit_reminder_send, reminder_channel

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox(monkeypatch):
    """Fake notifications.services and invitations.services.templates with the agreed signatures."""
    if "notifications.services" in sys.modules and not hasattr(sys.modules["notifications.services"], "_fake"):
        pytest.skip("the real outbox is installed: tests/visits/test_reminders_outbox.py covers it")
    sent = []

    @dataclass(frozen=True)
    class Recipient:
        person_id: int
        name: str
        email: str = ""
        phone: str = ""
        notify_by: str = ""

    def message_enqueue(*, kind, channel, recipient, subject, body, idempotency_key, template_version_id=None,
                        subject_ref="", link_url="", now=None):
        for message in sent:
            if message.idempotency_key == idempotency_key:
                return message
        message = types.SimpleNamespace(pk=len(sent) + 1, kind=kind, channel=channel, recipient=recipient,
                                        subject=subject, body=body, idempotency_key=idempotency_key,
                                        template_version_id=template_version_id, subject_ref=subject_ref,
                                        link_url=link_url)
        sent.append(message)
        return message

    @dataclass(frozen=True)
    class RenderedMessage:
        subject: str
        body: str
        language: str
        template_version_id: int

    def template_render(*, kind, unit, language, context):
        assert kind == "previsit_reminder"
        return RenderedMessage(f"Påminnelse från {context['unit']}", f"Hej {context['name']}! {context['link']}",
                               language, 7)

    services = types.ModuleType("notifications.services")
    services._fake = True
    services.Recipient, services.message_enqueue = Recipient, message_enqueue
    package = types.ModuleType("notifications")
    package.services = services
    templates = types.ModuleType("invitations.services.templates")
    templates.template_render = template_render
    monkeypatch.setitem(sys.modules, "notifications", package)
    monkeypatch.setitem(sys.modules, "notifications.services", services)
    monkeypatch.setitem(sys.modules, "invitations.services.templates", templates)
    return sent


def test_a_reminder_is_sent_once_a_day_through_the_outbox(outbox, now):
    participation = participation_for_visit(answers=False)
    nurse = nurse_of(participation.round.unit)
    reminder = previsit_reminder_send(participation=participation, actor=Actor.staff(nurse), now=now)
    assert reminder.channel == "inbox" and reminder.reasons == ["questionnaire", "lab"]
    [message] = outbox
    assert message.kind == "previsit_reminder" and message.channel == "inbox"
    assert message.recipient.person_id == participation.person.pk and message.template_version_id == 7
    assert message.subject_ref == f"invitations.participation:{participation.pk}"
    assert "/invanare/" in message.link_url and message.link_url in message.body
    assert reminder.message_id == message.pk and reminder.sent_by == nurse
    with pytest.raises(ReminderNotPossible, match="sent today"):
        previsit_reminder_send(participation=participation, actor=Actor.staff(nurse), now=now)
    assert PrevisitReminder.objects.count() == 1 and len(outbox) == 1
    assert AccessLogEntry.objects.filter(detail__startswith="pre-visit reminder (inbox)").count() == 1


def test_nothing_to_remind_about_and_no_way_to_reach(outbox, now):
    from decimal import Decimal

    from tests.visits.factories import started_visit

    visit = started_visit(values={"fp_glucose": Decimal("5"), "total_cholesterol": Decimal("5"),
                                  "hdl": Decimal("1.5"), "ldl": Decimal("2"), "triglycerides": Decimal("1")}, now=now)
    with pytest.raises(ReminderNotPossible, match="nothing to remind about"):
        previsit_reminder_send(participation=visit.participation, actor=Actor.staff(visit.nurse), now=now)
    person = types.SimpleNamespace(eservice_status="never_logged_in", notification="", phone="", email="")
    with pytest.raises(ReminderNotPossible, match="call them"):
        reminder_channel(person)
    assert reminder_channel(types.SimpleNamespace(eservice_status="", notification="", phone="+46701740610",
                                                  email="")) == "sms"


def test_the_checklist_button_sends_and_says_so(client, outbox):
    participation = participation_for_visit(answers=False)
    client.force_login(nurse_of(participation.round.unit))
    response = client.post(reverse("visits:reminder", args=[participation.pk]), follow=True)
    assert "Påminnelsen är på väg (inbox)." in response.content.decode()
    page = client.get(reverse("visits:checklist", args=[participation.pk])).content.decode()
    assert "Skickade påminnelser" in page
