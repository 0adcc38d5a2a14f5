"""The reminder breakdown: answered before any reminder, after the automatic one, after the manual one, on the phone."""

import datetime as dt

import pytest
from django.urls import reverse

from invitations.models import PARTICIPATION_MACHINE, InvitationCase, Participation, ParticipationState
from invitations.services.batches import BatchFilters, batch_create, batch_send
from invitations.services.cases import case_answer
from invitations.services.cohort import cohort_select
from invitations.services.contacts import contact_create
from invitations.services.recipients import recipient_for
from invitations.services.templates import TemplateCache
from notifications.services import message_enqueue
from population.services.audit import Actor
from reminders.answer_timing import answer_timings_stamp
from reporting.services.funnel import funnel, participations_in_scope
from responses.services.answers import participation_answer_record
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, PersonFactory, RoundFactory, StaffUserFactory, staff_with
from tests.reporting.factories import participation_at

pytestmark = pytest.mark.django_db
S = ParticipationState


def _reminder(case, kind: str, at: dt.datetime) -> None:
    """An outbox row rendered from the reminder template, as the reminder engine writes it."""
    person = case.participation.person
    version = TemplateCache(case.unit).version(kind, "sv")
    message_enqueue(kind="reminder", channel="inbox", recipient=recipient_for(person), subject=version.subject,
                    body=version.body, idempotency_key=f"test-{kind}-{case.pk}", template_version_id=version.pk,
                    subject_ref=case.subject_ref, now=at)


def test_answers_are_grouped_by_the_last_reminder_or_contact_before_them(now):
    unit = CareUnitFactory()
    for _ in range(7):
        PersonFactory(unit=unit, age=50, reachability="digital")
    actor = Actor.staff(staff_with(unit), unit)
    round_, _added = cohort_select(unit=unit, year=2026, actor=actor, now=now)
    batch = batch_create(round_=round_, template_kind="invitation_phone", size=25, filters=BatchFilters(),
                         actor=actor, now=now)
    batch_send(batch=batch, actor=actor, now=now)
    before, after_auto, after_manual, by_phone, silent, declined_late, by_letter = (
        InvitationCase.objects.order_by("pk"))
    citizen = Actor.system("citizen test")
    day = dt.timedelta(days=1)

    case_answer(case=before, answer="call_me", actor=citizen, now=now + 2 * day)
    # The reply letter came in before any reminder; staff record it with its channel.
    participation_answer_record(participation=by_letter.participation, answer="call_me", channel="letter",
                                actor=actor, now=now + 4 * day)
    for case in (after_auto, after_manual, by_phone, silent, declined_late):
        _reminder(case, "reminder_auto", now + 5 * day)
    case_answer(case=after_auto, answer="call_me", actor=citizen, now=now + 7 * day)
    for case in (after_manual, by_phone, silent, declined_late):
        _reminder(case, "reminder_manual", now + 12 * day)
    case_answer(case=after_manual, answer="call_me", actor=citizen, now=now + 13 * day)
    case_answer(case=declined_late, answer="decline", actor=citizen, now=now + 14 * day)
    # After the case closed: the phone follow-up reaches the person, who books on the phone.
    contact_create(participation=by_phone.participation, kind="phone", reason="no_answer", case=by_phone,
                   idempotency_key="test-phone", actor=actor, now=now + 30 * day)
    PARTICIPATION_MACHINE.transition(by_phone.participation, ParticipationState.BOOKED, actor_name="nurse",
                                     now=now + 32 * day)

    table = funnel(participations_in_scope(unit_ids=[unit.pk]), dimension="reminder")
    answered = {row["group"]: row["answered"] for row in table.rows}
    invited = {row["group"]: row["invited"] for row in table.rows}
    assert invited == {"before_reminder": 1, "after_auto_reminder": 1, "after_manual_reminder": 2,
                       "by_phone": 1, "by_letter": 1, "no_answer": 1}
    # The decline counts as an answer in time, not in the "answered" step.
    assert answered == {"before_reminder": 1, "after_auto_reminder": 1, "after_manual_reminder": 1,
                        "by_phone": 1, "by_letter": 1, "no_answer": 0}
    assert [row["group"] for row in table.rows] == [
        "before_reminder", "after_auto_reminder", "after_manual_reminder", "by_phone", "by_letter", "no_answer"]

    # The daily task keeps each answered participation's timing; the breakdown then reads it, the same.
    assert answer_timings_stamp() == 6
    assert answer_timings_stamp() == 0  # kept once
    assert dict(Participation.objects.filter(pk=before.participation_id).values_list("pk", "answer_timing")) == {
        before.participation_id: "before_reminder"}
    stamped = funnel(participations_in_scope(unit_ids=[unit.pk]), dimension="reminder")
    assert stamped.rows == table.rows
    # What is kept wins over the history: a reminder recorded afterwards, dated before the answer, changes nothing.
    _reminder(before, "reminder_manual", now + dt.timedelta(days=1))
    again = funnel(participations_in_scope(unit_ids=[unit.pk]), dimension="reminder")
    assert {r["group"]: r["invited"] for r in again.rows} == invited
    # An answer since the stamping is worked out from the history, beside the kept ones.
    case_answer(case=silent, answer="call_me", actor=citizen, now=now + 20 * day)
    mixed = funnel(participations_in_scope(unit_ids=[unit.pk]), dimension="reminder")
    expected = {**invited, "after_manual_reminder": 3}
    del expected["no_answer"]  # nobody left without an answer: no row
    assert {r["group"]: r["invited"] for r in mixed.rows} == expected
    assert mixed.total["invited"] == 7 and [r["group"] for r in mixed.rows][0] == "before_reminder"


def test_the_reminder_breakdown_page_names_the_groups_in_swedish_in_timeline_order(client, now):
    unit = CareUnitFactory()
    round_ = RoundFactory(unit=unit, year=2026)
    for _ in range(6):
        participation_at(round_, S.ANSWERED, start=now)
    for _ in range(5):
        participation_at(round_, S.INVITED, start=now)
    client.force_login(StaffUserFactory(unit=unit, roles=[Role.UNIT_ADMIN]))
    response = client.get(reverse("reporting:breakdown"), {"dim": "reminder"})
    assert response.status_code == 200
    groups = [(r["group"], r["raw"]["invited"]) for r in response.context["rows"]]
    assert groups == [("Svarade före påminnelse", 6), ("Inget svar", 5)]
