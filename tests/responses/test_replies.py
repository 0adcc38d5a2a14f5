"""Answer and close per answer; answers taken on the phone or on paper; reopening a declined participation."""

import datetime as dt

import pytest

from invitations.models import (
    CaseStatus,
    CloseReason,
    Contact,
    ContactKind,
    ContactReason,
    ContactStatus,
    ParticipationEvent,
    ParticipationState,
)
from invitations.services.cases import case_answer
from invitations.signals import participation_answered
from notifications.models import OutboxMessage
from population.models import AccessLogEntry
from population.services.audit import Actor
from responses.models import BasisStatus, BookingBasis, LabOrder
from responses.services.answers import AnswerError, participation_answer_record, participation_reopen
from responses.services.replies import ReplyError, case_reply_and_close, reply_texts
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, staff_with
from tests.invitations.factories import case_for, contact_for, participation_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return CareUnitFactory()


@pytest.fixture
def actor(unit):
    return Actor.staff(staff_with(unit, Role.CASE_HANDLER), unit)


@pytest.fixture
def answers():
    """The participation_answered signals sent (channel and answer)."""
    seen = []

    def receiver(sender, *, participation, case, answer, channel, **kwargs):
        seen.append((participation.pk, case.pk if case else None, answer, channel))

    participation_answered.connect(receiver, dispatch_uid="test-answers")
    yield seen
    participation_answered.disconnect(dispatch_uid="test-answers")


def answered_case(unit, answer, now, **person):
    case = case_for(unit=unit, status=CaseStatus.READ, created_at=now - dt.timedelta(days=2), **person)
    citizen = Actor.citizen(case.participation.person)
    return case_answer(case=case, answer=answer, actor=citizen, now=now - dt.timedelta(days=1))


def replies_of(case):
    return OutboxMessage.objects.filter(subject_ref=case.subject_ref, kind="reply")


def test_a_portal_answer_keeps_its_channel_on_the_case_and_the_participation(unit, now, answers):
    case = answered_case(unit, "self_book", now)
    participation = case.participation
    participation.refresh_from_db()
    assert (case.answer_channel, participation.answer, participation.answer_channel) == (
        "portal",
        "self_book",
        "portal",
    )
    assert participation.answered_at == now - dt.timedelta(days=1)
    assert answers == [(participation.pk, case.pk, "self_book", "portal")]


def test_self_book_answer_and_close_creates_the_basis_sends_the_reply_and_closes(unit, actor, now):
    case = answered_case(unit, "self_book", now)
    case_reply_and_close(case=case, text="Välkommen på ett hälsosamtal.", actor=actor, now=now)
    case.refresh_from_db()
    assert (case.status, case.close_reason) == (CaseStatus.CLOSED, CloseReason.ANSWERED_CLOSED)
    basis = BookingBasis.objects.get(participation=case.participation)
    assert basis.status == BasisStatus.WAITING
    assert basis.deadline == dt.date(2026, 3, 2) + dt.timedelta(days=60)
    assert set(
        LabOrder.objects.filter(participation=case.participation).values_list("analysis", flat=True)
    ) == {"fp_glukos", "fp_lipidstatus"}
    reply = replies_of(case).get()
    assert reply.body == "Välkommen på ett hälsosamtal."
    assert reply.idempotency_key == f"reply:case-{case.pk}"
    assert reply.subject == "Välkommen på ett hälsosamtal"
    assert AccessLogEntry.objects.filter(detail="answered and closed (self_book)").count() == 1


def test_a_double_submit_never_sends_two_replies(unit, actor, now):
    case = answered_case(unit, "self_book", now)
    case_reply_and_close(case=case, text="Första", actor=actor, now=now)
    with pytest.raises(ReplyError, match="already closed"):
        case_reply_and_close(case=case_for_pk(case), text="Andra", actor=actor, now=now)
    assert replies_of(case).count() == 1
    assert replies_of(case).get().body == "Första"


def case_for_pk(case):
    """A stale copy of the case, as a second browser tab would hold it."""
    case.status = CaseStatus.ANSWERED
    return case


def test_call_me_answer_and_close_puts_the_person_on_the_call_list(unit, actor, now):
    case = answered_case(unit, "call_me", now)
    case_reply_and_close(case=case, text="Vi ringer upp dig.", actor=actor, now=now)
    contact = Contact.objects.get(participation=case.participation)
    assert (contact.kind, contact.reason, contact.status) == (
        ContactKind.PHONE,
        ContactReason.CALL_ME,
        ContactStatus.OPEN,
    )
    assert contact.idempotency_key == f"call-me:participation-{case.participation_id}"
    assert contact.case_id == case.pk
    assert replies_of(case).get().subject == "Vi ringer upp dig"
    assert not BookingBasis.objects.filter(participation=case.participation).exists()


def test_decline_answer_and_close_sends_the_thank_you(unit, actor, now):
    case = answered_case(unit, "decline", now)
    case_reply_and_close(case=case, text="Tack för ditt svar.", actor=actor, now=now)
    case.participation.refresh_from_db()
    assert case.participation.state == ParticipationState.DECLINED
    assert replies_of(case).get().subject == "Tack för ditt svar"
    assert not Contact.objects.filter(participation=case.participation).exists()


def test_an_unanswered_case_or_an_empty_reply_changes_nothing(unit, actor, now):
    unanswered = case_for(unit=unit, status=CaseStatus.READ)
    with pytest.raises(ReplyError, match="Only an answered case"):
        case_reply_and_close(case=unanswered, text="Hej", actor=actor, now=now)
    answered = answered_case(unit, "call_me", now)
    with pytest.raises(ReplyError, match="Write the reply"):
        case_reply_and_close(case=answered, text="  ", actor=actor, now=now)
    answered.refresh_from_db()
    assert answered.status == CaseStatus.ANSWERED
    assert not OutboxMessage.objects.filter(kind="reply").exists()
    assert not Contact.objects.exists()


def test_the_standard_replies_come_in_the_persons_language_the_answers_own_first(unit, now):
    case = answered_case(unit, "call_me", now, preferred_language="en")
    texts = reply_texts(case=case, now=now)
    assert texts[0].kind == "reply_we_call"
    assert {t.kind for t in texts} == {
        "reply_self_book",
        "reply_we_call",
        "reply_questionnaire",
        "reply_declined",
    }
    assert "Välkommen" not in texts[0].title and "Hej" not in texts[0].text  # English variant
    swedish = answered_case(unit, "self_book", now)
    first = reply_texts(case=swedish, now=now)[0]
    assert first.kind == "reply_self_book" and "3 stegen" in first.text and "1 maj 2026" in first.text


def test_an_answer_on_the_phone_answers_the_open_case(unit, actor, now, answers):
    case = case_for(unit=unit, status=CaseStatus.SENT_UNREAD)
    answered = participation_answer_record(
        participation=case.participation, answer="call_me", channel="phone", actor=actor, now=now
    )
    assert answered.pk == case.pk
    case.refresh_from_db()
    assert (case.status, case.answer, case.answer_channel) == (CaseStatus.ANSWERED, "call_me", "phone")
    assert case.read_at is None  # staff answered for the citizen: the citizen did not read it
    participation = case.participation
    participation.refresh_from_db()
    assert (participation.state, participation.answer_channel) == (ParticipationState.ANSWERED, "phone")
    assert answers == [(participation.pk, case.pk, "call_me", "phone")]


def test_a_reply_letter_without_an_open_case_takes_the_next_step(unit, actor, now, answers):
    participation = participation_in(unit=unit, state=ParticipationState.INVITED)
    letter = contact_for(participation=participation, kind=ContactKind.LETTER, status=ContactStatus.DONE)
    assert (
        participation_answer_record(
            participation=participation, answer="self_book", channel="letter", actor=actor, now=now
        )
        is None
    )
    participation.refresh_from_db()
    assert (participation.state, participation.answer, participation.answer_channel) == (
        ParticipationState.ANSWERED,
        "self_book",
        "letter",
    )
    assert BookingBasis.objects.filter(participation=participation).exists()
    letter.refresh_from_db()
    assert letter.outcome == "Answered with the reply letter"
    assert answers == [(participation.pk, None, "self_book", "letter")]


def test_a_decline_on_paper_declines_and_a_call_me_goes_on_the_call_list(unit, actor, now):
    declined = participation_in(unit=unit, state=ParticipationState.INVITED)
    participation_answer_record(
        participation=declined, answer="decline", channel="letter", actor=actor, now=now
    )
    declined.refresh_from_db()
    assert declined.state == ParticipationState.DECLINED
    caller = participation_in(unit=unit, state=ParticipationState.INVITED)
    participation_answer_record(participation=caller, answer="call_me", channel="phone", actor=actor, now=now)
    assert Contact.objects.get(participation=caller).reason == ContactReason.CALL_ME
    with pytest.raises(AnswerError, match="on the phone or in a reply letter"):
        participation_answer_record(
            participation=caller, answer="call_me", channel="portal", actor=actor, now=now
        )


def test_a_declined_participation_is_reopened_with_a_note(unit, actor, now):
    participation = participation_in(unit=unit, state=ParticipationState.DECLINED)
    with pytest.raises(AnswerError, match="Write why"):
        participation_reopen(participation=participation, note=" ", actor=actor, now=now)
    participation_reopen(
        participation=participation, note="Ringde och vill komma", actor=actor, now=now, call_list=True
    )
    assert participation.state == ParticipationState.ANSWERED
    event = ParticipationEvent.objects.filter(participation=participation).latest("id")
    assert (event.from_status, event.to_status) == ("declined", "answered")
    assert "Ringde och vill komma" in event.note
    assert Contact.objects.get(participation=participation).reason == ContactReason.STAFF
    assert AccessLogEntry.objects.filter(detail__startswith="declined participation opened again").exists()
    with pytest.raises(AnswerError, match="Only a declined"):
        participation_reopen(participation=participation, note="igen", actor=actor, now=now)


def test_call_me_booked_on_the_phone_first_suggests_the_questionnaire_and_skips_the_call_list(
    unit, actor, now
):
    from tests.responses.factories import AppointmentFactory
    from tests.scheduling.factories import SlotFactory

    case = answered_case(unit, "call_me", now)
    participation = case.participation
    participation.state = ParticipationState.BOOKED
    participation.save()
    AppointmentFactory(
        participation=participation, slot=SlotFactory(unit=unit, start=now + dt.timedelta(days=14))
    )
    texts = reply_texts(case=case, now=now)
    assert texts[0].kind == "reply_questionnaire" and texts[0].suggested
    assert "16 mars 2026" in texts[0].text
    case_reply_and_close(case=case, text=texts[0].text, actor=actor, now=now)
    assert not Contact.objects.filter(participation=participation).exists()
    assert "Inför ditt hälsosamtal ska du fylla i följande formulär" in replies_of(case).get().body
