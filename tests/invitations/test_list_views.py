"""The letter list, the person page's invitations panel, and the help pages."""

import pytest
from django.urls import reverse

from invitations.models import ContactKind
from population.models import AccessLogEntry
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, staff_with
from tests.invitations.factories import case_for, contact_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return CareUnitFactory()


@pytest.fixture
def handler(client, unit):
    user = staff_with(unit, Role.CASE_HANDLER)
    client.force_login(user)
    return user


def test_the_letter_list_shows_addresses_but_never_a_protected_identitys(client, unit, handler):
    plain = contact_for(unit=unit, kind=ContactKind.LETTER, reachability="missing", no_phone=True)
    protected = contact_for(unit=unit, kind=ContactKind.LETTER, reachability="missing", no_phone=True,
                            protected_identity=True, street_address="Hemliga vägen 9")
    response = client.get(reverse("invitations:letter_list"))
    page = response.content.decode()
    assert plain.participation.person.street_address in page
    assert "Hemliga vägen 9" not in page
    assert "Via Skatteverkets vidarebefordran – ingen adress skrivs ut" in page
    assert AccessLogEntry.objects.filter(action="view", detail="letter list").count() == 2
    assert protected.via_forwarding


def test_the_person_page_shows_cases_and_contacts_to_case_handlers_only(client, unit, handler):
    case = case_for(unit=unit)
    contact_for(unit=unit, participation=case.participation, kind=ContactKind.PHONE)
    url = reverse("population:person_detail", args=[case.participation.person_id])
    page = client.get(url).content.decode()
    assert "Inbjudningar och kontakter" in page and "Fråga till invånare" in page and "Telefonsamtal" in page
    client.force_login(staff_with(unit, Role.DIALOGUE_LEADER))
    assert "Inbjudningar och kontakter" not in client.get(url).content.decode()


def test_the_help_pages(client, unit):
    staff_page = client.get(reverse("help:staff")).content.decode()
    assert "Tilldelat (svar från invånare)" in staff_page and "Saknas" in staff_page
    citizen_page = client.get(reverse("help:citizen")).content.decode()
    assert "Hur svarar jag?" in citizen_page and "Support 070-174 06 99" in citizen_page
    arabic = client.get(reverse("help:citizen") + "?sprak=ar").content.decode()
    assert 'dir="rtl"' in arabic and "كيف أجيب؟" in arabic
    assert 'href="/hjalp/invanare/"' in arabic  # linked from the citizen layout too


def test_the_start_page_shows_the_work_waiting(client, unit, handler):
    case_for(unit=unit, assignee=handler)
    case_for(unit=unit, status="answered")
    contact_for(unit=unit, kind=ContactKind.PHONE)
    contact_for(unit=unit, kind=ContactKind.LETTER)
    contact_for(unit=unit, kind=ContactKind.LETTER)
    response = client.get(reverse("dashboard"))
    assert response.context["work"] == {"mine": 1, "answered": 1, "to_call": 1, "to_print": 2}
    assert "svar från invånare" in response.content.decode()
    client.force_login(staff_with(unit, Role.DIALOGUE_LEADER))
    assert "work" not in client.get(reverse("dashboard")).context
