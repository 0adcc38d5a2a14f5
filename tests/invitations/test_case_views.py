"""The work queues ("Ärenden att hantera", "Mottagningens ärenden", "Alla ärenden") and the case page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from invitations.models import CaseStatus, InvitationCase
from invitations.services.batches import participation_invite
from notifications.models import OutboxMessage
from notifications.services import message_deliver, message_mark_read
from population.models import AccessLogEntry
from population.services.audit import Actor
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, staff_with
from tests.invitations.factories import case_for, participation_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return CareUnitFactory()


@pytest.fixture
def receiver(unit):
    return staff_with(unit, Role.CASE_RECEIVER)


@pytest.fixture
def handler(unit):
    return staff_with(unit, Role.CASE_HANDLER)


def names(response):
    return [c.participation.person.last_name for c in response.context["page_obj"]]


def test_the_three_queues_and_their_counts(client, unit, receiver, handler):
    mine = case_for(unit=unit, assignee=handler)
    unassigned = case_for(unit=unit)
    closed = case_for(unit=unit, status=CaseStatus.CLOSED)
    case_for(unit=CareUnitFactory(region=unit.region))  # another unit's
    client.force_login(handler)
    response = client.get(reverse("invitations:cases_mine"))
    assert [c.pk for c in response.context["page_obj"]] == [mine.pk]
    assert response.context["queues"] == {"mine": 1, "unit": 1, "all": 2}
    page = response.content.decode()
    assert "Ärenden att hantera" in page and "Mottagningens ärenden" in page and "Alla ärenden" in page
    assert [c.pk for c in client.get(reverse("invitations:cases_unit")).context["page_obj"]] == [unassigned.pk]
    assert {c.pk for c in client.get(reverse("invitations:cases_all")).context["page_obj"]} == {mine.pk, unassigned.pk}
    with_closed = client.get(reverse("invitations:cases_all"), {"include_closed": "on"})
    assert {c.pk for c in with_closed.context["page_obj"]} == {mine.pk, unassigned.pk, closed.pk}
    assert with_closed.context["statuses"]["closed"] == 1
    assert AccessLogEntry.objects.filter(action="search", detail__startswith="case queue").count() == 4


def test_filters_by_status_template_age_and_assignee(client, unit, handler):
    answered = case_for(unit=unit, status=CaseStatus.ANSWERED, template="invitation_phone", age=40)
    read = case_for(unit=unit, status=CaseStatus.READ, age=60, assignee=handler)
    client.force_login(handler)
    url = reverse("invitations:cases_all")
    assert [c.pk for c in client.get(url, {"status": "answered"}).context["page_obj"]] == [answered.pk]
    assert [c.pk for c in client.get(url, {"template": "invitation_web"}).context["page_obj"]] == [read.pk]
    assert [c.pk for c in client.get(url, {"age": "40"}).context["page_obj"]] == [answered.pk]
    assert [c.pk for c in client.get(url, {"assignee": str(handler.pk)}).context["page_obj"]] == [read.pk]
    assert [c.pk for c in client.get(url, {"assignee": "0"}).context["page_obj"]] == [answered.pk]
    response = client.get(url, {"status": "answered"})
    assert response.context["statuses"] == {"sent_unread": 0, "read": 1, "answered": 1, "closed": 0}
    assert "Tilldelat (svar från invånare)" in response.content.decode()


@pytest.mark.parametrize("column", ["name", "pnr", "age", "template", "status", "sent", "changed", "answer",
                                    "assignee"])
def test_every_column_sorts_both_ways(client, unit, handler, column):
    for i in range(3):
        case_for(unit=unit, created_at=timezone.now() - dt.timedelta(days=i), age=[40, 50, 60][i])
    client.force_login(handler)
    up = client.get(reverse("invitations:cases_all"), {"sort": column})
    down = client.get(reverse("invitations:cases_all"), {"sort": f"-{column}"})
    assert up.status_code == down.status_code == 200
    assert up.context["sort"].key == column and down.context["sort"].descending
    if column in ("age", "sent"):
        assert names(up) == list(reversed(names(down)))


def test_a_queue_page_runs_a_fixed_number_of_queries(client, unit, receiver, handler, django_assert_max_num_queries):
    for _ in range(3):
        case_for(unit=unit, assignee=handler)
    client.force_login(receiver)
    url = reverse("invitations:cases_all")
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for _ in range(30):
        case_for(unit=unit, assignee=handler, status=CaseStatus.ANSWERED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, {"per_page": 50})
    assert len(response.context["page_obj"]) == 33


def test_pagination(client, unit, handler):
    for _ in range(27):
        case_for(unit=unit)
    client.force_login(handler)
    response = client.get(reverse("invitations:cases_all"), {"page": 2})
    assert len(response.context["page_obj"]) == 2
    assert "sida 2 av 2" in response.content.decode()


def test_a_case_receiver_assigns_cases_in_bulk(client, unit, receiver, handler):
    cases = [case_for(unit=unit) for _ in range(3)]
    foreign = case_for(unit=CareUnitFactory(region=unit.region))
    client.force_login(receiver)
    response = client.post(reverse("invitations:cases_assign"), {
        "cases": [cases[0].pk, cases[1].pk, foreign.pk], "assignee": handler.pk, "next": "/arenden/mottagningens/",
    }, follow=True)
    assert "2 ärenden tilldelades." in response.content.decode()
    assert set(InvitationCase.objects.filter(assignee=handler).values_list("pk", flat=True)) == {
        cases[0].pk, cases[1].pk}
    assert InvitationCase.objects.get(pk=foreign.pk).assignee is None
    client.force_login(handler)  # a case handler handles, but does not distribute
    assert client.post(reverse("invitations:cases_assign"), {"cases": [cases[2].pk],
                                                             "assignee": handler.pk}).status_code == 403


def test_reassign_and_take_back_on_the_case_page(client, unit, receiver, handler):
    other = staff_with(unit, Role.CASE_HANDLER)
    case = case_for(unit=unit, assignee=handler)
    client.force_login(receiver)
    client.post(reverse("invitations:case_assign", args=[case.pk]), {"assignee": other.pk})
    assert InvitationCase.objects.get(pk=case.pk).assignee == other
    client.post(reverse("invitations:case_assign", args=[case.pk]), {"assignee": ""})
    assert InvitationCase.objects.get(pk=case.pk).assignee is None
    page = client.get(reverse("invitations:case_detail", args=[case.pk])).content.decode()
    assert f"Tilldelat {other}" in page and "Inte längre tilldelat" in page


def test_the_case_page_shows_person_messages_history_and_what_was_read_also_when_closed(
    client, unit, handler, now
):
    participation = participation_in(unit=unit, reachability="digital")
    case = participation_invite(participation=participation, template_kind="invitation_phone", message_text="",
                                actor=Actor.staff(handler, unit), now=now).case
    message = message_deliver(message_id=OutboxMessage.objects.get().pk, now=now)
    message_mark_read(message=message, now=now + dt.timedelta(hours=3))
    case.status = CaseStatus.CLOSED
    case.close_reason = "auto_closed"
    case.save()
    client.force_login(handler)
    page = client.get(reverse("invitations:case_detail", args=[case.pk])).content.decode()
    person = participation.person
    assert person.full_name in page
    assert "Inbjudan – Välkommen på hälsosamtal" in page
    assert "Ja, 2026-03-02 13:00" in page  # read, in Stockholm time
    assert "Fråga till invånare" in page and "Avslutat automatiskt efter 30 dagar" in page
    entry = AccessLogEntry.objects.get(action="view", actor_user=handler)
    assert (entry.person_id, entry.object_type, entry.object_id) == (person.pk, "invitations.invitationcase",
                                                                      str(case.pk))


def test_cancel_a_case(client, unit, handler):
    case = case_for(unit=unit, status=CaseStatus.READ)
    client.force_login(handler)
    response = client.post(reverse("invitations:case_cancel", args=[case.pk]), follow=True)
    assert "Ärendet makulerades." in response.content.decode()
    case.refresh_from_db()
    assert (case.status, case.close_reason) == ("closed", "cancelled")
    response = client.post(reverse("invitations:case_cancel", args=[case.pk]), follow=True)
    assert "Ärendet är redan avslutat." in response.content.decode()


def test_staff_close_the_citizens_personal_link(client, unit, handler):
    from invitations.services.links import LinkProblem, link_for_participation, link_resolve, link_token

    case = case_for(unit=unit)
    link = link_for_participation(participation=case.participation)
    client.force_login(handler)
    assert "Stäng den personliga länken" in client.get(reverse("invitations:case_detail", args=[case.pk])).content.decode()
    response = client.post(reverse("invitations:case_link_revoke", args=[case.pk]), follow=True)
    assert "Den personliga länken är stängd." in response.content.decode()
    with pytest.raises(LinkProblem):
        link_resolve(link_token(link))
    assert AccessLogEntry.objects.filter(actor_user=handler, detail="personal link revoked").exists()
    response = client.post(reverse("invitations:case_link_revoke", args=[case.pk]), follow=True)
    assert "Det finns ingen öppen personlig länk." in response.content.decode()
