"""The case status machine (DESIGN.md §4), reading, answering and assigning."""

import datetime as dt

import pytest

from invitations.models import CASE_MACHINE, CaseAssignment, CaseStatus, InvitationCase, ParticipationState
from invitations.selectors.cases import case_messages
from invitations.services.batches import participation_invite
from invitations.services.cases import (
    CaseError,
    case_answer,
    case_assign,
    case_mark_read,
    case_transition,
    cases_assign,
)
from notifications.models import OutboxMessage
from notifications.services import message_deliver
from population.models import AccessLogEntry
from population.services.audit import Actor
from rhs_portal.roles import Role
from rhs_portal.statemachine import TransitionConflict, TransitionNotAllowed
from tests.factories import CareUnitFactory, staff_with
from tests.invitations.factories import case_for, participation_in

pytestmark = pytest.mark.django_db
S = CaseStatus
ALL = [(a, b) for a in S.values for b in S.values if a != b]
SYSTEM = Actor.system("test")


def test_the_labels_are_the_1177_staff_tools():
    from django.utils import translation

    with translation.override("sv"):
        assert [str(s.label) for s in S] == [
            "Fråga till invånare",
            "Tilldelat (fråga till invånare, läst av invånare)",
            "Tilldelat (svar från invånare)",
            "Avslutat",
        ]


@pytest.mark.parametrize(("from_status", "to_status"), ALL)
def test_every_transition_follows_the_table(from_status, to_status, now):
    case = case_for(status=from_status)
    reason = "cancelled" if to_status == S.CLOSED else ""
    if CASE_MACHINE.allowed(from_status, to_status):
        case_transition(case=case, to_status=to_status, actor=SYSTEM, now=now, close_reason=reason)
        case.refresh_from_db()
        assert (case.status, case.status_changed_at) == (to_status, now)
        event = case.events.get()
        assert (event.from_status, event.to_status, event.actor_name, event.at) == (from_status, to_status, "test", now)
    else:
        with pytest.raises(TransitionNotAllowed):
            case_transition(case=case, to_status=to_status, actor=SYSTEM, now=now, close_reason=reason)
        case.refresh_from_db()
        assert case.status == from_status and not case.events.exists()


@pytest.mark.parametrize(("from_status", "reason", "allowed"), [
    (S.ANSWERED, "answered_closed", True),
    (S.ANSWERED, "auto_closed", True),
    (S.ANSWERED, "cancelled", True),
    (S.SENT_UNREAD, "auto_closed", True),
    (S.READ, "auto_closed", True),
    (S.READ, "cancelled", True),
    (S.SENT_UNREAD, "answered_closed", False),  # nothing was answered
    (S.READ, "answered_closed", False),
])
def test_close_reasons(from_status, reason, allowed, now):
    case = case_for(status=from_status)
    if allowed:
        case_transition(case=case, to_status=S.CLOSED, actor=SYSTEM, now=now, close_reason=reason)
        case.refresh_from_db()
        assert (case.status, case.close_reason) == (S.CLOSED, reason)
    else:
        with pytest.raises(TransitionNotAllowed):
            case_transition(case=case, to_status=S.CLOSED, actor=SYSTEM, now=now, close_reason=reason)


def test_closing_needs_a_reason_and_only_closing_takes_one(now):
    case = case_for(status=S.ANSWERED)
    with pytest.raises(ValueError, match="reason"):
        case_transition(case=case, to_status=S.CLOSED, actor=SYSTEM, now=now)
    with pytest.raises(ValueError, match="only closing"):
        case_transition(case=case_for(), to_status=S.READ, actor=SYSTEM, now=now, close_reason="cancelled")


def test_a_stale_case_object_is_a_conflict_not_a_second_change(now):
    case = case_for(status=S.ANSWERED)
    stale = InvitationCase.objects.get(pk=case.pk)
    case_transition(case=case, to_status=S.CLOSED, actor=SYSTEM, now=now, close_reason="answered_closed")
    with pytest.raises(TransitionConflict):
        case_transition(case=stale, to_status=S.CLOSED, actor=SYSTEM, now=now, close_reason="cancelled")
    assert InvitationCase.objects.get(pk=case.pk).close_reason == "answered_closed"


@pytest.fixture
def sent_case(now):
    participation = participation_in()
    outcome = participation_invite(participation=participation, template_kind="invitation_phone", message_text="",
                                   actor=SYSTEM, now=now)
    message_deliver(message_id=OutboxMessage.objects.get().pk, now=now)
    return outcome.case


def test_the_case_is_read_when_the_citizen_sees_it_and_its_messages_are_marked_read(sent_case, now):
    citizen = Actor.citizen(sent_case.participation.person)
    later = now + dt.timedelta(hours=2)
    case_mark_read(case=sent_case, actor=citizen, now=later)
    sent_case.refresh_from_db()
    assert (sent_case.status, sent_case.read_at) == (S.READ, later)
    assert [m.read_at for m in case_messages(sent_case)] == [later]
    event = sent_case.events.get(to_status=S.READ)
    assert event.actor_name == "citizen"
    assert AccessLogEntry.objects.filter(actor_kind="citizen", object_id=str(sent_case.pk)).exists()
    case_mark_read(case=sent_case, actor=citizen, now=later + dt.timedelta(days=1))  # again: nothing changes
    assert sent_case.events.filter(to_status=S.READ).count() == 1


@pytest.mark.parametrize(("answer", "participation_state"), [
    ("call_me", ParticipationState.ANSWERED),
    ("decline", ParticipationState.DECLINED),
])
def test_answering_with_an_option_marks_the_case_answered(sent_case, now, answer, participation_state):
    citizen = Actor.citizen(sent_case.participation.person)
    case_mark_read(case=sent_case, actor=citizen, now=now)
    case_answer(case=sent_case, answer=answer, actor=citizen, now=now)
    sent_case.refresh_from_db()
    assert (sent_case.status, sent_case.answer, sent_case.answered_at) == (S.ANSWERED, answer, now)
    sent_case.participation.refresh_from_db()
    assert sent_case.participation.state == participation_state
    with pytest.raises(CaseError, match="already answered"):
        case_answer(case=sent_case, answer="decline", actor=citizen, now=now)


def test_an_option_the_template_does_not_offer_is_refused(sent_case, now):
    with pytest.raises(CaseError, match="not one of"):
        case_answer(case=sent_case, answer="self_book", actor=Actor.citizen(sent_case.participation.person), now=now)
    sent_case.refresh_from_db()
    assert sent_case.status == S.SENT_UNREAD


def test_answering_an_unread_case_reads_it_first_and_a_closed_case_cannot_be_answered(now):
    case = case_for(status=S.SENT_UNREAD, template="invitation_web")
    citizen = Actor.citizen(case.participation.person)
    case_answer(case=case, answer="self_book", actor=citizen, now=now)
    assert list(case.events.values_list("to_status", flat=True)) == [S.READ, S.ANSWERED]
    closed = case_for(status=S.CLOSED)
    with pytest.raises(CaseError, match="closed"):
        case_answer(case=closed, answer="call_me", actor=citizen, now=now)


def test_a_case_receiver_assigns_single_and_bulk_to_case_handlers(now):
    unit = CareUnitFactory()
    receiver = staff_with(unit, Role.CASE_RECEIVER)
    handler = staff_with(unit, Role.CASE_HANDLER)
    nurse = staff_with(unit, Role.DIALOGUE_LEADER)
    actor = Actor.staff(receiver, unit)
    cases = [case_for(unit=unit) for _ in range(3)]
    case_assign(case=cases[0], assignee=handler, actor=actor, now=now)
    assert InvitationCase.objects.get(pk=cases[0].pk).assignee == handler
    assert cases_assign(cases=InvitationCase.objects.filter(unit=unit), assignee=handler, actor=actor, now=now) == 2
    assert set(InvitationCase.objects.values_list("assignee", flat=True)) == {handler.pk}
    assert CaseAssignment.objects.count() == 3
    with pytest.raises(CaseError, match="does not handle cases"):
        case_assign(case=cases[1], assignee=nurse, actor=actor, now=now)
    assert cases_assign(cases=InvitationCase.objects.filter(unit=unit), assignee=None, actor=actor, now=now) == 3
    assert AccessLogEntry.objects.filter(actor_user=receiver, action="change").count() == 6
