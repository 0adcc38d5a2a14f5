"""The citizen answers the questionnaire through the personal link: page by page, as they type, resumable."""

from __future__ import annotations

import pytest
from django.urls import reverse

from invitations.models import ParticipationState
from invitations.services.links import link_for_participation, link_token
from population.models import AccessLogEntry
from population.services.audit import Actor
from questionnaire.models import Answer, EntryMethod, QuestionnaireResponse, ResponseStatus
from questionnaire.services.responses import answers_current, response_lock
from tests.factories import ParticipationFactory
from tests.questionnaire.factories import COMPLETE_ANSWERS, answered_response, national_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def participation():
    return ParticipationFactory(state=ParticipationState.ANSWERED)


@pytest.fixture
def token(client, participation):
    token = link_token(link_for_participation(participation=participation))
    client.post(reverse("citizen:confirm", kwargs={"token": token}),
                {"birth_date": participation.person.birth_date.isoformat()})
    return token


def url(name, token, **kwargs):
    return reverse(f"citizen:{name}", kwargs={"token": token, **kwargs})


def page_answers(number):
    from questionnaire.structure import load_structure

    page = load_structure(national_version()).page(number)
    return {f"q_{q.key}": COMPLETE_ANSWERS[q.key] for q in page.questions if q.key in COMPLETE_ANSWERS}


def test_the_home_page_invites_to_the_questions_and_the_start_page_begins(client, token, participation):
    home = client.get(url("home", token)).content.decode()
    assert "Frågor inför hälsosamtalet" in home and "Börja svara" in home
    start = client.get(url("questionnaire", token)).content.decode()
    assert "ungefär 20 minuter" in start and "10 korta delar" in start
    assert not QuestionnaireResponse.objects.exists()  # looking starts nothing
    response = client.post(url("questionnaire", token))
    assert response.url == url("questionnaire_page", token, number=1)
    assert QuestionnaireResponse.objects.get().participation_id == participation.pk


def test_a_page_saves_and_goes_on_or_shows_what_is_missing(client, token):
    client.post(url("questionnaire", token))
    page = client.get(url("questionnaire_page", token, number=1)).content.decode()
    assert "Del 1 av 10" in page and "Vilket är ditt civilstånd?" in page
    response = client.post(url("questionnaire_page", token, number=1), {"q_civilstand": "annat", "action": "next"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Något behöver rättas" in body and "Svara på frågan." in body and 'href="#fraga-utbildning"' in body
    assert answers_current(QuestionnaireResponse.objects.get()) == {"civilstand": "annat"}
    response = client.post(url("questionnaire_page", token, number=1), {**page_answers(1), "action": "next"})
    assert response.url == url("questionnaire_page", token, number=2)


def test_autosave_keeps_valid_answers_and_answers_with_a_status(client, token):
    client.post(url("questionnaire", token))
    response = client.post(url("questionnaire_page", token, number=3),
                           {"q_stress": "60", "q_sjalvskattad_halsa": "bra", "action": "autosave"},
                           HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="autosave-status"' in body and "Sparat kl." in body and "behöver kontrolleras" in body
    saved = QuestionnaireResponse.objects.get()
    assert answers_current(saved) == {"sjalvskattad_halsa": "bra"}
    assert saved.last_page == 3
    answer = Answer.objects.get()
    assert answer.method == EntryMethod.CITIZEN_ONLINE and answer.entered_by is None


def test_pause_and_resume_on_the_page_left(client, token, participation):
    client.post(url("questionnaire", token))
    for number in (1, 2):
        client.post(url("questionnaire_page", token, number=number), {**page_answers(number), "action": "next"})
    response = client.post(url("questionnaire_page", token, number=3), {"q_stress": "25", "action": "pause"})
    assert response.url == url("home", token)
    home = client.get(url("home", token)).content.decode()
    assert "Dina svar är sparade" in home and "Du har svarat på 2 av 10 delar." in home
    client.get(url("leave", token))
    client.post(url("confirm", token), {"birth_date": participation.person.birth_date.isoformat()})
    response = client.post(url("questionnaire", token))
    assert response.url == url("questionnaire_page", token, number=3)
    page = client.get(response.url).content.decode()
    assert 'value="25"' in page


def test_the_skip_rule_is_on_the_page_and_the_server_applies_it(client, token):
    client.post(url("questionnaire", token))
    page = client.get(url("questionnaire_page", token, number=8)).content.decode()
    assert 'data-skip-when="[{&quot;q&quot;: &quot;audit_frekvens&quot;, &quot;in&quot;: [&quot;never&quot;]}]"' in page
    response = client.post(url("questionnaire_page", token, number=8),
                           {"q_audit_frekvens": "never", "action": "next"})
    assert response.url == url("questionnaire_page", token, number=9)


def test_review_lists_what_is_missing_and_hands_in_when_complete(client, token):
    client.post(url("questionnaire", token))
    response = client.post(url("questionnaire_review", token))
    body = response.content.decode()
    assert "Några frågor är inte besvarade än" in body and "fraga-civilstand" in body
    for number in range(1, 11):
        client.post(url("questionnaire_page", token, number=number), {**page_answers(number), "action": "next"})
    review = client.get(url("questionnaire_review", token)).content.decode()
    assert "Gift, sambo eller registrerad partner" in review and "Skicka in dina svar" in review
    response = client.post(url("questionnaire_review", token))
    assert response.url == url("home", token)
    assert QuestionnaireResponse.objects.get().status == ResponseStatus.SUBMITTED
    home = client.get(url("home", token)).content.decode()
    assert "Tack! Dina svar har skickats till din vårdcentral." in home
    assert AccessLogEntry.objects.filter(actor_kind="citizen", detail="questionnaire handed in").count() == 1


def test_the_questions_follow_the_citizens_language(client, token):
    client.post(url("questionnaire", token))
    page = client.get(url("questionnaire_page", token, number=1) + "?sprak=ar").content.decode()
    assert "ما هي حالتك الاجتماعية؟" in page and 'dir="rtl"' in page
    page = client.get(url("questionnaire_page", token, number=1) + "?sprak=en").content.decode()
    assert "What is your marital status?" in page


def test_locked_answers_are_not_shown_for_changes(client, token, participation):
    response = answered_response(participation)
    response_lock(response=response, actor=Actor.system("test"))
    assert "Frågor inför hälsosamtalet" not in client.get(url("home", token)).content.decode()
    assert client.get(url("questionnaire_page", token, number=1)).url == url("questionnaire_review", token)
    response = client.post(url("questionnaire_page", token, number=1), {"q_civilstand": "annat", "action": "next"})
    assert answers_current(QuestionnaireResponse.objects.get())["civilstand"] == "gift_sambo"


def test_people_who_declined_get_no_questionnaire(client, participation, token):
    participation.state = ParticipationState.DECLINED
    participation.save()
    assert "Frågor inför hälsosamtalet" not in client.get(url("home", token)).content.decode()
    assert client.get(url("questionnaire", token)).status_code == 404
