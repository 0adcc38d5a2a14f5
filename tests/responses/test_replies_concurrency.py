"""Two handlers pressing "Besvara och avsluta" at once, and two nurses logging the same call, on PostgreSQL."""

import pytest

from invitations.models import CaseStatus, Contact
from invitations.services.cases import case_answer
from notifications.models import OutboxMessage
from population.services.audit import Actor
from responses.models import CallAttempt, CallOutcome
from responses.services.calls import CallError, call_attempt_log
from responses.services.replies import ReplyError, case_reply_and_close
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, staff_with
from tests.invitations.factories import case_for, contact_for
from tests.responses.test_concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_handlers_answering_the_same_case_send_one_reply():
    unit = CareUnitFactory()
    case = case_for(unit=unit, status=CaseStatus.READ)
    case_answer(case=case, answer="call_me", actor=Actor.citizen(case.participation.person))
    handlers = [Actor.staff(staff_with(unit, Role.CASE_HANDLER), unit) for _ in range(2)]
    copies = [type(case).objects.get(pk=case.pk) for _ in range(2)]
    outcomes = race(
        [
            lambda: case_reply_and_close(case=copies[0], text="Vi ringer upp dig.", actor=handlers[0]),
            lambda: case_reply_and_close(case=copies[1], text="Vi ringer dig.", actor=handlers[1]),
        ]
    )
    assert sum(isinstance(o, ReplyError) for o in outcomes) == 1, outcomes
    assert OutboxMessage.objects.filter(kind="reply").count() == 1
    assert Contact.objects.filter(participation=case.participation).count() == 1


def test_the_same_call_logged_twice_at_once_is_logged_once():
    unit = CareUnitFactory()
    contact = contact_for(unit=unit)
    nurses = [Actor.staff(staff_with(unit, Role.DIALOGUE_LEADER), unit) for _ in range(2)]
    outcomes = race(
        [
            lambda: call_attempt_log(
                contact=contact, outcome=CallOutcome.NO_ANSWER, actor=nurses[0], expected_number=1
            ),
            lambda: call_attempt_log(
                contact=contact, outcome=CallOutcome.NO_ANSWER, actor=nurses[1], expected_number=1
            ),
        ]
    )
    assert sum(isinstance(o, CallError) for o in outcomes) == 1, outcomes
    assert CallAttempt.objects.filter(contact=contact).count() == 1
