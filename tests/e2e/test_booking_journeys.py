"""Booking in the browser: staff create web times, a citizen books, changes and cancels, a handler books on the phone."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from invitations.models import ParticipationState
from invitations.services.links import link_for_participation, link_url
from responses.models import Appointment, AppointmentStatus
from rhs_portal.roles import Role
from scheduling.models import Slot, SlotStatus
from tests.e2e.conftest import assert_accessible, login
from tests.factories import CareUnitFactory, StaffUserFactory
from tests.responses.factories import BookingBasisFactory, participation_in
from tests.scheduling.factories import RoomFactory, SlotFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _next_weekday(day: dt.date, isoweekday: int) -> dt.date:
    return day + dt.timedelta(days=(isoweekday - day.isoweekday()) % 7 or 7)


def _find_time(page, label: str) -> None:
    """Go forward week by week until the time is offered."""
    for _week in range(4):
        if page.get_by_role("link", name=label).count():
            return
        page.get_by_role("link", name="Senare").click()


def _slot_at(unit, nurse, room, day: dt.date, hour: int):
    start = dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_default_timezone())
    return SlotFactory(unit=unit, nurse=nurse, room=room, start=start)


def test_staff_create_a_series_of_web_times(page):
    unit = CareUnitFactory(name="Vårdcentralen Norr")
    StaffUserFactory(username="elsa", unit=unit, roles=[Role.UNIT_ADMIN])
    StaffUserFactory(username="sara", first_name="Sara", last_name="Samtalsledare", unit=unit,
                     roles=[Role.DIALOGUE_LEADER])
    login(page, "elsa")
    page.get_by_role("link", name="Webbtider").first.click()
    expect(page.get_by_role("heading", name="Webbtider", level=1)).to_be_visible()
    assert_accessible(page, context="web times week")

    subnav = page.get_by_role("navigation", name="Webbtider")
    subnav.get_by_role("link", name="Rum").click()
    page.get_by_label("Rummets namn").fill("Rum 2")
    page.get_by_label("Vägbeskrivning för invånaren (frivilligt)").fill("Plan 2, till vänster")
    page.get_by_role("button", name="Lägg till rummet").click()
    expect(page.get_by_text("Rummet Rum 2 lades till.")).to_be_visible()
    assert_accessible(page, context="rooms")

    first = _next_weekday(timezone.localdate(), 2)  # the coming Tuesday
    page.get_by_role("navigation", name="Webbtider").get_by_role("link", name="Ny serie av tider").click()
    page.get_by_label("Sjuksköterska").select_option(label="Sara Samtalsledare")
    page.get_by_label("Rum", exact=True).select_option(label="Rum 2")
    page.get_by_label("Tisdag").check()
    page.get_by_label("Från", exact=True).fill("08:00")
    page.get_by_label("Till", exact=True).fill("16:00")
    page.get_by_label("Första dag").fill(first.isoformat())
    page.get_by_label("Antal veckor").fill("8")
    assert_accessible(page, context="new series form")
    page.get_by_role("button", name="Skapa tiderna").click()

    created = Slot.objects.filter(unit=unit, status=SlotStatus.FREE).count()
    holidays = 8 * 6 - created
    expect(page.get_by_text(f"{created} tider skapades.")).to_be_visible()
    assert 0 <= holidays <= 12  # Tuesdays that are public holidays are left out
    expect(page.locator(".slot")).to_have_count(6)
    expect(page.get_by_text("Sara Samtalsledare · Rum 2").first).to_be_visible()
    assert_accessible(page, context="week with the new times")

    # Block the first Tuesday's first time.
    page.locator('input[name="slots"]').first.check()
    page.get_by_label("Vad ska göras med de markerade tiderna").select_option("block")
    page.get_by_label("Anledning till spärr").fill("Utbildning")
    page.get_by_role("button", name="Ändra", exact=True).click()
    expect(page.get_by_text("Spärrade 1 tid.")).to_be_visible()
    assert Slot.objects.filter(status=SlotStatus.BLOCKED, block_reason="Utbildning").count() == 1


def test_a_citizen_books_changes_and_cancels_their_time(page):
    unit = CareUnitFactory(name="Vårdcentralen Norr")
    nurse = StaffUserFactory(first_name="Sara", last_name="S", unit=unit, roles=[Role.DIALOGUE_LEADER])
    room = RoomFactory(unit=unit, name="Rum 2", directions="Plan 2")
    participation = participation_in(unit, state=ParticipationState.ANSWERED)
    BookingBasisFactory(participation=participation)
    day = _next_weekday(timezone.localdate() + dt.timedelta(days=7), 2)
    first = _slot_at(unit, nurse, room, day, 8)
    second = _slot_at(unit, nurse, room, day + dt.timedelta(days=1), 13)
    link = link_for_participation(participation=participation)

    page.goto(link_url(link).replace("http://127.0.0.1:8000", page.base_url))
    expect(page.get_by_role("heading", name="Bekräfta vem du är")).to_be_visible()
    page.get_by_label("Ditt födelsedatum").fill(participation.person.birth_date.isoformat())
    page.get_by_role("button", name="Fortsätt").click()
    expect(page.get_by_role("heading", name="Din tid")).to_be_visible()
    assert_accessible(page, context="citizen home with the booking section")

    page.get_by_role("link", name="Boka din tid").click()
    _find_time(page, "08:00")
    assert_accessible(page, context="citizen chooses a time")
    page.get_by_role("link", name="08:00").click()
    expect(page.get_by_role("heading", name="Bekräfta din tid")).to_be_visible()
    assert_accessible(page, context="citizen confirms the time")
    page.get_by_role("button", name="Ja, boka den här tiden").click()
    expect(page.get_by_text("Din tid är bokad:")).to_be_visible()
    assert Appointment.objects.get(status=AppointmentStatus.BOOKED).slot == first
    assert_accessible(page, context="citizen's booked time")

    page.get_by_role("link", name="Ändra tid").click()
    _find_time(page, "13:00")
    page.get_by_role("link", name="13:00").click()
    page.get_by_role("button", name="Ja, byt till den här tiden").click()
    expect(page.get_by_text("Din tid är ändrad till")).to_be_visible()
    assert Appointment.objects.get(status=AppointmentStatus.BOOKED).slot == second
    assert Slot.objects.get(pk=first.pk).status == SlotStatus.FREE

    page.get_by_role("link", name="Avboka din tid").click()
    assert_accessible(page, context="citizen cancels")
    page.get_by_role("button", name="Ja, avboka min tid").click()
    expect(page.get_by_text("Din tid är avbokad.")).to_be_visible()
    assert not Appointment.objects.filter(status=AppointmentStatus.BOOKED).exists()


def test_a_case_handler_books_on_the_phone_for_a_citizen(page):
    unit = CareUnitFactory(name="Vårdcentralen Norr")
    StaffUserFactory(username="hugo", unit=unit, roles=[Role.CASE_HANDLER])
    nurse = StaffUserFactory(first_name="Sara", last_name="S", unit=unit, roles=[Role.DIALOGUE_LEADER])
    room = RoomFactory(unit=unit, name="Rum 2")
    participation = participation_in(unit, state=ParticipationState.ANSWERED)
    person = participation.person
    slot = _slot_at(unit, nurse, room, timezone.localdate() + dt.timedelta(days=3), 10)

    login(page, "hugo")
    page.get_by_role("link", name="Personer").click()
    page.get_by_label("Personnummer eller namn").fill(person.personnummer_display)
    page.keyboard.press("Enter")
    page.get_by_role("link", name=person.last_name).first.click()
    expect(page.get_by_role("heading", name="Bokning och labbprover")).to_be_visible()
    page.get_by_role("link", name="Boka eller ändra tiden").click()
    expect(page.get_by_role("heading", name=f"Bokning för {person.full_name}")).to_be_visible()
    assert_accessible(page, context="booking page")

    page.get_by_label("Tolk behövs på (språk)").fill("arabiska")
    page.get_by_role("button", name="Spara behoven").click()
    expect(page.get_by_text("Behoven sparades.")).to_be_visible()
    expect(page.get_by_text("Tolk: arabiska").first).to_be_visible()

    if not page.get_by_label("10:00–11:15", exact=False).count():
        page.get_by_role("link", name="Nästa vecka").click()
    page.get_by_label("10:00–11:15", exact=False).check()
    page.get_by_label("Längd i minuter (frivilligt)").fill("105")
    page.get_by_role("button", name="Boka den valda tiden").click()
    expect(page.get_by_text("Tiden är bokad. Invånaren får en bekräftelse.")).to_be_visible()
    assert_accessible(page, context="booking page with the booked time")
    appointment = Appointment.objects.get(participation=participation)
    assert appointment.slot == slot and Slot.objects.get(pk=slot.pk).minutes == 105

    page.get_by_role("link", name="Dagsvy").first.click()
    page.get_by_label("Dag", exact=True).fill(timezone.localtime(slot.starts_at).date().isoformat())
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("table", name="Dagens samtal")).to_contain_text(person.full_name)
    expect(page.get_by_role("table", name="Dagens samtal")).to_contain_text("Tolk: arabiska")
    assert_accessible(page, context="day view")
