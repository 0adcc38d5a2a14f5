"""Answers: saved page by page or as typed, skip rules, who entered what and how, handing in, status."""

from __future__ import annotations

import pytest

from invitations.models import ParticipationState
from population.models import AccessLogEntry
from population.services.audit import Actor
from questionnaire.models import Answer, EntryMethod, QuestionnaireResponse, ResponseStatus
from questionnaire.selectors import questionnaire_status, questionnaire_statuses
from questionnaire.services.responses import (
    IncompleteResponse,
    ResponseLocked,
    answers_current,
    answers_save,
    response_lock,
    response_start,
    response_submit,
)
from questionnaire.structure import load_structure
from rhs_portal.roles import Role
from tests.factories import ParticipationFactory, staff_with
from tests.questionnaire.factories import COMPLETE_ANSWERS, answered_response, national_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def participation():
    return ParticipationFactory(state=ParticipationState.ANSWERED)


@pytest.fixture
def structure():
    return load_structure(national_version())


def start(participation, structure, actor=None):
    actor = actor or Actor.citizen(participation.person, participation.round.unit)
    return response_start(participation_id=participation.pk, person=participation.person,
                          unit=participation.round.unit, version=structure.version, actor=actor)


def save(response, structure, values, *, method=EntryMethod.CITIZEN_ONLINE, actor=None, **kwargs):
    actor = actor or Actor.citizen(response.person, response.unit)
    return answers_save(response=response, structure=structure, values=values, method=method, actor=actor, **kwargs)


def test_starting_twice_gives_the_same_response(participation, structure):
    first = start(participation, structure)
    assert start(participation, structure) == first
    assert QuestionnaireResponse.objects.count() == 1
    assert first.status == ResponseStatus.IN_PROGRESS and first.version == structure.version


def test_answers_are_saved_with_who_and_how_and_unchanged_ones_keep_their_author(participation, structure, now):
    response = start(participation, structure)
    result = save(response, structure, {"civilstand": "ensamstaende", "stress": "35"}, page=3, now=now)
    assert sorted(result.saved) == ["civilstand", "stress"] and not result.errors
    assert answers_current(response) == {"civilstand": "ensamstaende", "stress": 35}
    response.refresh_from_db()
    assert response.last_page == 3 and response.updated_at == now
    nurse = staff_with(participation.round.unit, Role.DIALOGUE_LEADER)
    save(response, structure, {"civilstand": "ensamstaende", "stress": 40}, method=EntryMethod.STAFF_ON_SITE,
         actor=Actor.staff(nurse, participation.round.unit))
    civil = Answer.objects.get(question__key="civilstand")
    stress = Answer.objects.get(question__key="stress")
    assert (civil.method, civil.entered_by) == (EntryMethod.CITIZEN_ONLINE, None)
    assert (stress.method, stress.entered_by, stress.value) == (EntryMethod.STAFF_ON_SITE, nurse, 40)
    log = AccessLogEntry.objects.filter(object_type="questionnaire.questionnaireresponse", action="change")
    assert log.count() == 2 and log.filter(actor_user=nurse, detail__contains="stress").exists()


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("civilstand", "maybe", "Choose one of the answers."),
        ("stress", "51", "Write a number from 0 to 50."),
        ("stress", "12,5", "Write a whole number."),
        ("stress", "mycket", "Write a number."),
        ("ovrigt", "x" * 2001, "Write at most 2000 characters."),
        ("nonsense", "x", "Unknown question."),
    ],
)
def test_a_bad_answer_is_reported_and_the_good_ones_are_saved(participation, structure, key, raw, message):
    response = start(participation, structure)
    result = save(response, structure, {key: raw, "utbildning": "gymnasium"})
    assert result.errors == {key: message}
    assert answers_current(response) == {"utbildning": "gymnasium"}


def test_never_drinks_skips_and_removes_the_other_alcohol_answers(participation, structure):
    response = start(participation, structure)
    save(response, structure, {"audit_frekvens": "2_3_a_week", "audit_mangd": "5_6", "audit_tillfalle": "weekly"})
    result = save(response, structure, {"audit_frekvens": "never", "audit_mangd": "5_6"})
    assert sorted(result.removed) == ["audit_mangd", "audit_tillfalle"]
    assert answers_current(response) == {"audit_frekvens": "never"}
    assert structure.missing_required({"audit_frekvens": "never"}, ["audit_frekvens", "audit_mangd"]) == []


def test_a_page_with_require_reports_unanswered_required_questions_but_keeps_the_rest(participation, structure):
    response = start(participation, structure)
    keys = [q.key for q in structure.page(2).questions]
    result = save(response, structure, {"hjartkarl_slakt": "ja"}, require=keys)
    assert result.errors == {"hjartkarl_tidig": "Answer the question.", "diabetes_slakt": "Answer the question."}
    result = save(response, structure, {"hjartkarl_slakt": "nej", "diabetes_slakt": "nej"}, require=keys)
    assert not result.errors  # the early-onset question is skipped when no one was ill


def test_handing_in_needs_every_asked_required_answer(participation, structure, now):
    response = start(participation, structure)
    answers = {k: v for k, v in COMPLETE_ANSWERS.items() if k not in ("trivsel", "forandring_tobak", "ovrigt")}
    save(response, structure, answers)
    with pytest.raises(IncompleteResponse) as error:
        response_submit(response=response, structure=structure, actor=Actor.citizen(response.person), now=now)
    assert [q.key for q in error.value.missing] == ["trivsel"]  # the others are optional
    save(response, structure, {"trivsel": "mycket_bra"})
    response_submit(response=response, structure=structure, actor=Actor.citizen(response.person), now=now)
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED and response.submitted_at == now
    assert response.events.get().to_status == ResponseStatus.SUBMITTED
    response_submit(response=response, structure=structure, actor=Actor.citizen(response.person), now=now)
    assert response.events.count() == 1  # a second click changes nothing


def test_a_locked_response_cannot_be_changed(participation, structure):
    response = answered_response(participation)
    response_lock(response=response, actor=Actor.system("test"))
    with pytest.raises(ResponseLocked):
        save(response, structure, {"civilstand": "annat"})
    assert answers_current(response)["civilstand"] == "gift_sambo"


def test_status_for_one_and_for_many_in_one_query(structure, django_assert_num_queries):
    fresh, started, done = (ParticipationFactory(state=ParticipationState.ANSWERED) for _ in range(3))
    start(started, structure)
    assert questionnaire_status(participation=started) == "not_started"  # opened, nothing answered yet
    save(QuestionnaireResponse.objects.get(participation_id=started.pk), structure, {"civilstand": "annat"})
    answered_response(done)
    with django_assert_num_queries(1):
        statuses = questionnaire_statuses(participation_ids=[fresh.pk, started.pk, done.pk])
    assert statuses == {fresh.pk: "not_started", started.pk: "in_progress", done.pk: "answered"}
    assert questionnaire_status(participation=done) == "answered"
