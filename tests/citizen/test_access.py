"""The citizen's personal link and identity check."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from invitations.models import ParticipationState
from invitations.services.links import (
    LinkProblem,
    link_for_participation,
    link_resolve,
    link_revoke,
    link_token,
    link_url,
)
from population.models import AccessLogEntry
from population.services.audit import Actor
from tests.factories import ParticipationFactory, staff_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def participation():
    return ParticipationFactory(state=ParticipationState.INVITED)


def home_url(link):
    return reverse("citizen:home", kwargs={"token": link_token(link)})


def confirm(client, link, birth_date):
    return client.post(reverse("citizen:confirm", kwargs={"token": link_token(link)}),
                       {"birth_date": birth_date.isoformat()})


def test_one_link_per_participation_until_revoked(participation):
    link = link_for_participation(participation=participation)
    assert link_for_participation(participation=participation) == link
    assert link_url(link).startswith("http://127.0.0.1:8000/invanare/")
    assert link_resolve(link_token(link)).participation == participation


def test_a_tampered_token_is_invalid(participation):
    token = link_token(link_for_participation(participation=participation))
    with pytest.raises(LinkProblem) as problem:
        link_resolve(token[:-2] + "xx")
    assert problem.value.reason == "invalid"


def test_a_revoked_link_stops_working_and_a_new_one_is_made(participation):
    link = link_for_participation(participation=participation)
    staff = staff_with(participation.round.unit)
    link_revoke(link=link, actor=Actor.staff(staff, participation.round.unit))
    with pytest.raises(LinkProblem) as problem:
        link_resolve(link_token(link))
    assert problem.value.reason == "revoked"
    assert link_for_participation(participation=participation) != link


def test_the_link_lasts_thirty_days_after_the_participation_closes(participation, now):
    link = link_for_participation(participation=participation)
    participation.state = ParticipationState.DECLINED
    participation.state_changed_at = now
    participation.save()
    assert link_resolve(link_token(link), now=now + dt.timedelta(days=30)).link == link
    with pytest.raises(LinkProblem) as problem:
        link_resolve(link_token(link), now=now + dt.timedelta(days=31))
    assert problem.value.reason == "expired"


def test_the_page_asks_who_you_are_before_showing_anything(client, participation):
    link = link_for_participation(participation=participation)
    response = client.get(home_url(link))
    assert response.status_code == 302
    assert "/bekrafta/" in response.url
    page = client.get(response.url).content.decode()
    assert participation.person.last_name not in page
    assert AccessLogEntry.objects.count() == 0  # fetching a link (e.g. by a mail scanner) is no access


def test_the_right_birth_date_opens_the_home_page_logged_with_the_citizen_as_actor(client, participation):
    link = link_for_participation(participation=participation)
    response = confirm(client, link, participation.person.birth_date)
    assert response.status_code == 302
    page = client.get(home_url(link))
    assert page.status_code == 200
    assert participation.round.unit.name in page.content.decode()
    actors = set(AccessLogEntry.objects.filter(person=participation.person).values_list("actor_kind", flat=True))
    assert actors == {"citizen"}


def test_five_wrong_birth_dates_lock_the_link_for_a_while(client, participation, now):
    link = link_for_participation(participation=participation)
    wrong = participation.person.birth_date + dt.timedelta(days=1)
    with time_machine.travel(now, tick=False):
        for _ in range(4):
            assert confirm(client, link, wrong).status_code == 200
        assert confirm(client, link, wrong).status_code == 429
        assert confirm(client, link, participation.person.birth_date).status_code == 429  # locked even if right
    with time_machine.travel(now + dt.timedelta(minutes=31), tick=False):
        assert confirm(client, link, participation.person.birth_date).status_code == 302


def test_a_bad_link_shows_a_plain_page_with_the_units_phone(client, participation):
    link = link_for_participation(participation=participation)
    link_revoke(link=link, actor=Actor.system("test"))
    response = client.get(home_url(link))
    assert response.status_code == 410
    assert "070-174 06 05" in response.content.decode()
    assert client.get("/invanare/nonsense/").status_code == 404


def test_pages_follow_the_persons_language_and_the_citizens_choice(client, participation):
    participation.person.preferred_language = "ar"
    participation.person.save()
    link = link_for_participation(participation=participation)
    confirm(client, link, participation.person.birth_date)
    page = client.get(home_url(link)).content.decode()
    assert 'dir="rtl"' in page and 'lang="ar"' in page
    page = client.get(home_url(link) + "?sprak=sv").content.decode()
    assert 'lang="sv"' in page


def test_leaving_ends_the_confirmed_session(client, participation):
    link = link_for_participation(participation=participation)
    confirm(client, link, participation.person.birth_date)
    client.get(reverse("citizen:leave", kwargs={"token": link_token(link)}))
    assert client.get(home_url(link)).status_code == 302
