"""The citizen books, changes and cancels their time through the personal link."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from invitations.models import ParticipationState
from invitations.services.links import link_for_participation, link_token
from population.models import AccessLogEntry
from responses.models import Appointment, AppointmentStatus, VisitNeeds
from scheduling.models import Slot, SlotStatus
from tests.conftest import aware
from tests.factories import CareUnitFactory
from tests.responses.factories import AppointmentFactory, BookingBasisFactory, participation_in
from tests.scheduling.factories import RoomFactory, SlotFactory, nurse_of

pytestmark = pytest.mark.django_db

NOW = aware(2026, 3, 2, 9, 0)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def unit():
    return CareUnitFactory(name="Vårdcentralen Norr")


@pytest.fixture
def participation(unit):
    p = participation_in(unit, state=ParticipationState.ANSWERED)
    BookingBasisFactory(participation=p, deadline=dt.date(2026, 5, 1))
    return p


@pytest.fixture
def token(client, participation):
    link = link_for_participation(participation=participation)
    token = link_token(link)
    client.post(reverse("citizen:confirm", kwargs={"token": token}),
                {"birth_date": participation.person.birth_date.isoformat()})
    return token


def url(name, token, **kwargs):
    return reverse(f"citizen:{name}", kwargs={"token": token, **kwargs})


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_the_home_page_invites_to_book_by_the_deadline(client, token):
    page = client.get(url("home", token)).content.decode()
    assert "Boka din tid" in page
    assert "1 maj" in page


def test_only_free_web_times_a_week_ahead_and_long_enough_are_offered(client, unit, participation, token):
    nurse, room = nurse_of(unit, first_name="Sara"), RoomFactory(unit=unit)
    offered = SlotFactory(unit=unit, nurse=nurse, room=room, start=aware(2026, 3, 10, 8, 0))
    SlotFactory(unit=unit, nurse=nurse, room=room, start=aware(2026, 3, 5, 8, 0))  # less than a week ahead
    SlotFactory(unit=unit, nurse=nurse, room=room, start=aware(2026, 3, 10, 10, 0), web=False)
    SlotFactory(unit=unit, nurse=nurse, room=room, start=aware(2026, 3, 10, 13, 0), status=SlotStatus.BLOCKED)
    SlotFactory(unit=CareUnitFactory(), start=aware(2026, 3, 10, 8, 0))
    response = client.get(url("booking", token), {"vecka": "2026-03-09"})
    links = [url("booking_confirm", token, slot=s.pk) for d in response.context["days"] for s in d["slots"]]
    assert links == [url("booking_confirm", token, slot=offered.pk)]
    assert AccessLogEntry.objects.filter(actor_kind="citizen", detail="citizen booking page").count() == 1

    VisitNeeds.objects.create(participation=participation, interpreter_language="arabiska", updated_at=NOW)
    response = client.get(url("booking", token), {"vecka": "2026-03-09"})
    assert response.context["days"] == []  # 75 minutes is too short with an interpreter
    long = SlotFactory(unit=unit, nurse=nurse, room=room, start=aware(2026, 3, 17, 8, 0), minutes=105)
    response = client.get(url("booking", token), {"vecka": "2026-03-09"})
    assert response.context["next_free"] == long
    assert "Nästa lediga tid är den 17 mars." in response.content.decode()


def test_booking_a_time_after_confirming_it(client, unit, participation, token):
    slot = SlotFactory(unit=unit, nurse=nurse_of(unit, first_name="Sara"), start=aware(2026, 3, 10, 8, 0))
    page = client.get(url("booking_confirm", token, slot=slot.pk))
    assert "Ja, boka den här tiden" in page.content.decode()
    assert "senast tisdag 3 mars" in page.content.decode()  # the lab test a week before
    response = client.post(url("booking_confirm", token, slot=slot.pk), follow=True)
    assert messages_of(response) == [
        "Din tid är bokad: tisdag 10 mars 08:00. Du får en bekräftelse."
    ]
    appointment = Appointment.objects.get(participation=participation)
    assert appointment.booked_via == "web"
    assert "Sara, sjuksköterska" in response.content.decode()


def test_a_time_someone_else_just_took_gives_a_plain_message(client, unit, token):
    slot = SlotFactory(unit=unit, start=aware(2026, 3, 10, 8, 0))
    AppointmentFactory(participation=participation_in(unit, state=ParticipationState.BOOKED), slot=slot)
    response = client.post(url("booking_confirm", token, slot=slot.pk), follow=True)
    assert messages_of(response) == ["Den tiden är inte längre ledig. Välj en annan tid."]
    assert response.redirect_chain[-1][0] == url("booking", token)


def test_changing_and_cancelling_the_time(client, unit, participation, token):
    first = SlotFactory(unit=unit, start=aware(2026, 3, 10, 8, 0))
    second = SlotFactory(unit=unit, start=aware(2026, 3, 12, 13, 0))
    client.post(url("booking_confirm", token, slot=first.pk))
    page = client.get(url("booking", token)).content.decode()
    assert "Ändra tid" in page and "Avboka din tid" in page
    response = client.get(url("booking", token), {"andra": "1", "vecka": "2026-03-09"})
    assert second in [s for d in response.context["days"] for s in d["slots"]]
    response = client.post(url("booking_confirm", token, slot=second.pk), follow=True)
    assert messages_of(response) == ["Din tid är ändrad till torsdag 12 mars 13:00. Du får en bekräftelse."]
    assert Slot.objects.get(pk=first.pk).status == SlotStatus.FREE

    assert "Vill du avboka den här tiden?" in client.get(url("booking_cancel", token)).content.decode()
    response = client.post(url("booking_cancel", token), follow=True)
    assert messages_of(response) == ["Din tid är avbokad. Du kan boka en ny tid när det passar dig."]
    assert not Appointment.objects.filter(status=AppointmentStatus.BOOKED).exists()
    participation.refresh_from_db()
    assert participation.state == ParticipationState.ANSWERED


def test_the_citizen_tells_us_about_an_interpreter(client, participation, token):
    client.post(url("booking_needs", token), {"interpreter_language": "tigrinja", "accessibility": ""})
    needs = VisitNeeds.objects.get(participation=participation)
    assert needs.interpreter_language == "tigrinja" and needs.updated_by_citizen


def test_without_a_booking_basis_the_citizen_is_asked_to_call(client, unit):
    participation = participation_in(unit, state=ParticipationState.ANSWERED)
    link = link_for_participation(participation=participation)
    token = link_token(link)
    client.post(reverse("citizen:confirm", kwargs={"token": token}),
                {"birth_date": participation.person.birth_date.isoformat()})
    response = client.get(url("booking", token))
    assert not response.context["choosing"]
    assert "ring oss" in response.content.decode().lower()
    assert "Din tid" not in client.get(url("home", token)).content.decode()


def test_the_booking_pages_need_the_identity_check(client, participation):
    token = link_token(link_for_participation(participation=participation))
    response = client.get(url("booking", token))
    assert response.status_code == 302 and "/bekrafta/" in response.url


def test_the_booking_pages_speak_arabic_to_an_arabic_speaker(client, unit, participation):
    participation.person.preferred_language = "ar"
    participation.person.save()
    token = link_token(link_for_participation(participation=participation))
    client.post(reverse("citizen:confirm", kwargs={"token": token}),
                {"birth_date": participation.person.birth_date.isoformat()})
    slot = SlotFactory(unit=unit, start=aware(2026, 3, 10, 8, 0))
    page = client.get(url("booking", token)).content.decode()
    assert 'dir="rtl"' in page and "احجز موعدك" in page
    AppointmentFactory(participation=participation_in(unit, state=ParticipationState.BOOKED), slot=slot)
    response = client.post(url("booking_confirm", token, slot=slot.pk), follow=True)
    assert messages_of(response) == ["هذا الموعد لم يعد متاحاً. يرجى اختيار موعد آخر."]


def test_pressing_confirm_twice_books_once_and_says_it_is_already_your_time(client, unit, participation, token):
    slot = SlotFactory(unit=unit, start=aware(2026, 3, 10, 8, 0))
    client.post(url("booking_confirm", token, slot=slot.pk))
    response = client.post(url("booking_confirm", token, slot=slot.pk), follow=True)
    assert messages_of(response)[-1] == "Det är redan din tid."
    assert Appointment.objects.filter(participation=participation).count() == 1
