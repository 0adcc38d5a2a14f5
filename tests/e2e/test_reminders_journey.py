"""A case handler sends the day-12 reminder from the "Påminnelser" queue; axe on the queue and the preview.

The sweep (as the beat job runs it) has put two unanswered invitations in the
queue; the handler opens Påminnelser from the navigation, checks what the next
sweep would do, and sends one reminder with one click.
"""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from notifications.models import OutboxMessage
from reminders.models import Reminder, ReminderStatus
from reminders.services.sweep import run_sweep
from rhs_portal.roles import Role
from tests.e2e.conftest import assert_accessible, login
from tests.factories import CareUnitFactory, StaffUserFactory
from tests.reminders.factories import invited_case

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_case_handler_sends_the_day_12_reminder_from_the_queue(page):
    unit = CareUnitFactory(name="Vårdcentralen Syd")
    StaffUserFactory(username="hanna", unit=unit, roles=[Role.CASE_HANDLER])
    sent = timezone.now() - dt.timedelta(days=13)
    erik = invited_case(unit=unit, sent=sent, status="read", first_name="Erik", last_name="Ek")
    invited_case(unit=unit, sent=sent, first_name="Frida", last_name="Fura")
    assert run_sweep()["manual_reminder_tasks"] == 2

    login(page, "hanna")
    page.get_by_role("navigation").get_by_role("link", name="Påminnelser").first.click()
    expect(page.get_by_role("heading", name="Påminnelser")).to_be_visible()
    expect(page.get_by_role("cell", name="Ek, Erik")).to_be_visible()
    assert_accessible(page, context="the reminder queue")

    page.get_by_role("link", name="Vad nästa körning kommer att göra").click()
    expect(page.get_by_role("heading", name="Vad nästa körning kommer att göra")).to_be_visible()
    assert_accessible(page, context="the policy preview")
    page.go_back()

    page.get_by_role("button", name="Skicka påminnelse Erik Ek").click()
    expect(page.get_by_text("1 påminnelse skickad.")).to_be_visible()
    expect(page.get_by_role("cell", name="Ek, Erik")).to_have_count(0)
    expect(page.get_by_role("cell", name="Fura, Frida")).to_be_visible()
    assert_accessible(page, context="the queue after sending")

    task = Reminder.objects.get(case=erik)
    assert task.status == ReminderStatus.SENT and task.sent_by.username == "hanna"
    assert OutboxMessage.objects.get(kind="reminder").subject == "Du missar väl inte ditt hälsosamtal"
