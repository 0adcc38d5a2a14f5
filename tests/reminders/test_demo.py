"""The demo shows the reminder timeline at work: tasks in Påminnelser, people on the call list, one call logged."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from invitations.models import CaseStatus, CloseReason, Contact, ContactReason, InvitationCase
from population.models import StaffUser
from reminders.models import Reminder, ReminderKind, ReminderStatus
from responses.models import CallAttempt

pytestmark = pytest.mark.django_db


def test_seed_demo_runs_the_timeline_of_earlier_batches(client, settings, tmp_path):
    settings.RHS_OUTBOX_COPY_DIR = str(tmp_path / "outbox")
    call_command("seed_demo", "--persons", "300", "--quiet")
    assert InvitationCase.objects.filter(close_reason=CloseReason.AUTO_CLOSED).exists()
    assert InvitationCase.objects.filter(status=CaseStatus.CLOSED, close_reason=CloseReason.ANSWERED_CLOSED).exists()
    assert Reminder.objects.filter(kind=ReminderKind.AUTO_REMINDER).exists()
    assert Reminder.objects.filter(kind=ReminderKind.MANUAL_TASK, status=ReminderStatus.OPEN).exists()
    assert Contact.objects.filter(reason=ContactReason.CALL_ME).exists()
    assert Contact.objects.filter(reason=ContactReason.NO_ANSWER).exists()
    assert CallAttempt.objects.filter(outcome="no_answer").count() == 1

    client.force_login(StaffUser.objects.get(username="mottagare"))
    page = client.get(reverse("reminders:queue")).content.decode()
    task = Reminder.objects.filter(kind=ReminderKind.MANUAL_TASK).select_related("participation__person").first()
    assert task.participation.person.last_name in page
    start = client.get("/").content.decode()
    assert "påminnelser att skicka" in start
    client.force_login(StaffUser.objects.get(username="sjukskoterska"))
    call_list = client.get(reverse("responses:call_list"))
    assert call_list.status_code == 200
    attempt = CallAttempt.objects.select_related("participation__person").get()
    assert attempt.participation.person.last_name in call_list.content.decode()
