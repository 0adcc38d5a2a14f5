"""After the visit the citizen sees their own results: the Hälsokurva, what it means, their goals, the PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from invitations.services.links import link_for_participation, link_token
from population.models import AccessLogEntry
from population.services.audit import Actor
from tests.visits.factories import started_visit
from visits.journal import NoteContent
from visits.models import Habit
from visits.services.dialogue import dialogue_save
from visits.services.note import note_sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    """Real time: the personal link stays valid for 30 days after the participation closes."""
    from django.utils import timezone

    return timezone.now()


@pytest.fixture
def visit(now):
    return started_visit(now=now)


def sign(visit, now):
    actor = Actor.staff(visit.nurse, visit.unit)
    dialogue_save(visit=visit, values={}, goals={Habit.DIET: {"goal": "Frukt till frukost", "confidence": 7}},
                  actor=actor)
    note_sign(visit=visit, content=NoteContent("Hälsosamtal", [("Z00.0", "")], [], "", "Sara", dt.date(2026, 3, 2)),
              actor=actor, now=now)


def login(client, visit):
    token = link_token(link_for_participation(participation=visit.participation))
    client.post(reverse("citizen:confirm", kwargs={"token": token}),
                {"birth_date": visit.person.birth_date.isoformat()})
    return token


def test_results_appear_only_once_the_note_is_signed(client, visit, now):
    token = login(client, visit)
    assert "Dina resultat" not in client.get(reverse("citizen:home", kwargs={"token": token})).content.decode()
    assert client.get(reverse("citizen:results", kwargs={"token": token})).status_code == 404
    sign(visit, now)
    home = client.get(reverse("citizen:home", kwargs={"token": token})).content.decode()
    assert "Dina resultat" in home and "Se dina resultat" in home
    page = client.get(reverse("citizen:results", kwargs={"token": token})).content.decode()
    assert "<svg" in page and "Vad dina resultat betyder" in page and "Frukt till frukost" in page
    assert "Hur säker du är på att du klarar det: 7 av 10" in page
    assert "Ditt fastande blodsocker var lite högt" in page
    assert AccessLogEntry.objects.filter(actor_kind="citizen", detail="citizen results page").count() == 1
    response = client.get(reverse("citizen:results_pdf", kwargs={"token": token}))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Frukt till frukost" in text


def test_results_ask_for_the_results_level_of_identity_check(client, visit, now, settings):
    sign(visit, now)
    token = login(client, visit)
    settings.RHS_CITIZEN_RESULTS_LEVEL = "strong"
    response = client.get(reverse("citizen:results", kwargs={"token": token}))
    assert response.status_code == 302 and "niva=strong" in response.url


def test_results_in_arabic(client, visit, now):
    sign(visit, now)
    token = login(client, visit)
    page = client.get(reverse("citizen:results", kwargs={"token": token}) + "?sprak=ar").content.decode()
    assert 'dir="rtl"' in page and "المنحنى الصحي" in page
