"""The "Påminnelser" queue (scoped, audited, one-click and bulk send) and the policy preview page."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from invitations.services.cases import case_answer
from notifications.models import OutboxMessage
from population.models import AccessLogEntry
from population.services.audit import Actor
from reminders.models import Reminder, ReminderKind, ReminderStatus
from reminders.services.sweep import run_sweep
from rhs_portal.roles import Role
from tests.conftest import aware
from tests.factories import CareUnitFactory, staff_with
from tests.invitations.factories import participation_in as invited_participation
from tests.reminders.factories import invited_case, manual_task_for
from tests.responses.factories import AppointmentFactory, participation_in
from tests.scheduling.factories import SlotFactory

pytestmark = pytest.mark.django_db
SENT = aware(2026, 2, 2, 10, 0)
DAY_12 = aware(2026, 2, 14, 9, 0)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(DAY_12, tick=False):
        yield


@pytest.fixture
def unit():
    return CareUnitFactory()


@pytest.fixture
def handler(client, unit):
    user = staff_with(unit, Role.CASE_HANDLER)
    client.force_login(user)
    return user


def tasks(unit, n: int) -> list[Reminder]:
    return [manual_task_for(invited_case(unit=unit, sent=SENT)) for _ in range(n)]


def test_the_queue_lists_the_units_open_tasks_in_fixed_queries_and_logs_each_person(
    client, unit, handler, django_assert_max_num_queries
):
    mine = tasks(unit, 3)
    tasks(CareUnitFactory(), 1)  # another unit's
    with django_assert_max_num_queries(14):
        response = client.get(reverse("reminders:queue"))
    assert [t.pk for t in response.context["page_obj"]] == [t.pk for t in mine]
    page = response.content.decode()
    assert "Påminnelser" in page and "Skicka påminnelse" in page
    assert AccessLogEntry.objects.filter(actor_user=handler, action="view").count() == 3


def test_one_click_sends_the_manual_reminder_once(client, unit, handler):
    task = tasks(unit, 1)[0]
    response = client.post(reverse("reminders:send"), {"only": task.pk}, follow=True)
    assert response.status_code == 200
    task.refresh_from_db()
    assert (task.status, task.sent_by, task.sent_at) == (ReminderStatus.SENT, handler, DAY_12)
    message = OutboxMessage.objects.get(kind="reminder")
    assert message.subject == "Du missar väl inte ditt hälsosamtal"
    assert message.idempotency_key == f"reminder_manual:case-{task.case_id}"
    client.post(reverse("reminders:send"), {"only": task.pk})  # a double click
    assert OutboxMessage.objects.count() == 1


def test_sending_the_selected_ignores_other_units_and_answered_cases(client, unit, handler):
    first, second, answered = tasks(unit, 3)
    foreign = tasks(CareUnitFactory(), 1)[0]
    case_answer(case=answered.case, answer="call_me", actor=Actor.citizen(answered.participation.person))
    answered.refresh_from_db()
    assert answered.status == ReminderStatus.CANCELLED  # the answer stopped it
    client.post(reverse("reminders:send"), {"tasks": [first.pk, second.pk, answered.pk, foreign.pk]})
    assert set(Reminder.objects.filter(status=ReminderStatus.SENT).values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert OutboxMessage.objects.filter(kind="reminder").count() == 2


def test_sending_nothing_is_a_clear_message(client, unit, handler):
    response = client.post(reverse("reminders:send"), {}, follow=True)
    assert "Välj minst en påminnelse" in response.content.decode()


def test_the_preview_shows_what_the_next_sweep_would_do_and_changes_nothing(client, unit, handler):
    due_task = invited_case(unit=unit, sent=SENT)
    closing = invited_case(unit=unit, sent=aware(2026, 1, 10, 10, 0))
    invited_case(unit=CareUnitFactory(), sent=SENT)  # another unit's
    AppointmentFactory(
        participation=invited_participation(unit=unit, state="booked"),
        slot=SlotFactory(unit=unit, start=aware(2026, 2, 17, 10, 0)),
    )
    response = client.get(reverse("reminders:preview"))
    rules = {r["key"]: r for r in response.context["rules"]}
    assert rules["manual_reminder_tasks"]["count"] == 1
    assert rules["manual_reminder_tasks"]["people"] == [due_task.participation.person]
    assert rules["auto_closed"]["people"] == [closing.participation.person]
    assert rules["booking_reminders"]["count"] == 1 and rules["lab_reminders"]["count"] == 1
    assert rules["auto_reminders"]["count"] == 0
    assert not Reminder.objects.exists()
    assert due_task.participation.person.last_name in response.content.decode()
    result = run_sweep()
    assert result["manual_reminder_tasks"] == 2 and result["auto_closed"] == 1  # the sweep covers every unit
    assert result["booking_reminders"] == 1 and result["lab_reminders"] == 1


def test_the_day_view_shows_the_previsit_flag(client, unit):
    nurse = staff_with(unit, Role.DIALOGUE_LEADER)
    client.force_login(nurse)
    appointment = AppointmentFactory(
        participation=participation_in(unit, state="booked"),
        slot=SlotFactory(unit=unit, nurse=nurse, start=aware(2026, 2, 16, 10, 0)),
    )
    assert (
        run_sweep()["previsit_reminders"] == 1
    )  # Saturday: due since Friday, the last working day before Monday
    response = client.get(reverse("responses:day"), {"datum": "2026-02-16", "skoterska": nurse.pk})
    [row] = response.context["rows"]
    assert row["appointment"] == appointment
    assert [f.label for f in row["flags"]] == ["Påmind inför besöket"]
    assert Reminder.objects.get(kind=ReminderKind.PREVISIT_REMINDER).appointment == appointment


def test_the_preview_defaults_to_the_next_run_and_looks_at_a_chosen_day(client, unit, handler):
    due_on_day_5 = invited_case(unit=unit, sent=aware(2026, 2, 11, 10, 0))
    response = client.get(reverse("reminders:preview"))
    assert response.context["at"] == aware(2026, 2, 15, 6, 0)  # 09:00 now: tomorrow's 06:00 run
    assert "Nästa påminnelsekörning sker 2026-02-15 06:00" in response.content.decode()
    rules = {r["key"]: r for r in response.context["rules"]}
    assert rules["auto_reminders"]["count"] == 0  # day 4 tomorrow
    response = client.get(reverse("reminders:preview"), {"datum": "2026-02-16"})
    rules = {r["key"]: r for r in response.context["rules"]}
    assert response.context["at"] == aware(2026, 2, 16, 6, 0)
    assert rules["auto_reminders"]["people"] == [due_on_day_5.participation.person]
    assert not Reminder.objects.exists()


@pytest.mark.parametrize("wanted", ["2026-02-13", "2026-05-01", "i morgon"])
def test_a_preview_day_in_the_past_too_far_ahead_or_not_a_date_is_a_clear_message(client, unit, handler, wanted):
    response = client.get(reverse("reminders:preview"), {"datum": wanted})
    assert response.status_code == 200
    assert "Välj ett datum från i dag till 60 dagar fram" in response.content.decode()
    assert response.context["at"] == aware(2026, 2, 15, 6, 0)
