"""The sending pages: build a batch, the recipient check table, message with standard texts, preview, send."""

import pytest
from django.urls import reverse

from invitations.models import InvitationCase, Participation, SendBatch, StandardText
from notifications.models import OutboxMessage
from population.models import AccessLogEntry
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, staff_with
from tests.invitations.factories import participation_in, round_for
from tests.scheduling.factories import SlotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return CareUnitFactory(name="Vårdcentralen Norr")


@pytest.fixture
def handler(client, unit):
    user = staff_with(unit, Role.CASE_HANDLER)
    client.force_login(user)
    return user


def people(unit, n=3):
    kinds = ["digital", "missing", "locked"]
    return [participation_in(unit=unit, reachability=kinds[i % 3], no_phone=i % 3 == 2) for i in range(n)]


def test_without_web_times_only_the_phone_template_can_be_chosen(client, unit, handler):
    people(unit)
    url = reverse("invitations:batch_new", args=[round_for(unit).pk])
    page = client.get(url).content.decode()
    assert "Inga webbtider" in page
    assert 'value="invitation_web"' in page and "disabled" in page.split('value="invitation_web"')[1][:80]
    response = client.post(url, {"template_kind": "invitation_web", "size": 25})
    assert response.status_code == 200
    assert "inga lediga webbtider" in response.content.decode()
    assert not SendBatch.objects.exists()


def test_a_batch_of_more_than_25_asks_for_confirmation(client, unit, handler):
    people(unit, 27)
    url = reverse("invitations:batch_new", args=[round_for(unit).pk])
    response = client.post(url, {"template_kind": "invitation_phone", "size": 26})
    assert "Fler än 25 personer" in response.content.decode()
    response = client.post(url, {"template_kind": "invitation_phone", "size": 26, "confirm_large": "on"})
    batch = SendBatch.objects.get()
    assert response.url == reverse("invitations:batch_detail", args=[batch.pk])
    assert batch.items.count() == 26


def test_the_check_table_shows_what_the_staff_tool_shows_and_highlights_missing_notification(
    client, unit, handler, django_assert_max_num_queries
):
    people(unit)
    participation_in(unit=unit, reachability="never_logged_in", preferred_language="ar")
    client.post(reverse("invitations:batch_new", args=[round_for(unit).pk]),
                {"template_kind": "invitation_phone", "size": 25})
    batch = SendBatch.objects.get()
    page = client.get(reverse("invitations:batch_detail", args=[batch.pk])).content.decode()
    assert '<span class="missing">Saknas</span>' in page
    assert "Låst inloggning – kan inte ta emot" in page and "Aldrig inloggad" in page
    assert "Digitalt (inkorg)" in page and "Telefon" in page and "Brev" in page
    # The preview shows each channel's text: inbox message, notice, phone list, letter and reply letter.
    assert "Inbjudan – Välkommen på hälsosamtal" in page
    assert "Du har fått ett nytt meddelande från din vårdcentral" in page
    assert "Samtalsstöd – inbjudan via telefon" in page
    assert "Inbjudan till hälsosamtal" in page and "Svarsbrev" in page
    assert "Ja, jag vill ha ett hälsosamtal och vill bli uppringd för att få en tid." in page
    assert AccessLogEntry.objects.filter(action="search", detail__startswith=f"send batch {batch.pk}").count() == 1


def test_the_check_page_runs_a_fixed_number_of_queries(client, unit, handler, django_assert_max_num_queries):
    round_ = round_for(unit)
    people(unit, 3)
    client.post(reverse("invitations:batch_new", args=[round_.pk]), {"template_kind": "invitation_phone", "size": 3})
    small = SendBatch.objects.get()
    people(unit, 25)
    client.post(reverse("invitations:batch_new", args=[round_.pk]), {"template_kind": "invitation_phone",
                                                                     "size": 25})
    large = SendBatch.objects.exclude(pk=small.pk).get()
    with django_assert_max_num_queries(40) as small_queries:
        client.get(reverse("invitations:batch_detail", args=[small.pk]))
    with django_assert_max_num_queries(len(small_queries.captured_queries)):
        client.get(reverse("invitations:batch_detail", args=[large.pk]))


def test_a_standard_text_is_inserted_with_one_click_and_kept(client, unit, handler):
    people(unit)
    client.post(reverse("invitations:batch_new", args=[round_for(unit).pk]),
                {"template_kind": "invitation_phone", "size": 25})
    batch = SendBatch.objects.get()
    text = StandardText.objects.get(region=unit.region, title="Ta med legitimation")
    page = client.get(reverse("invitations:batch_detail", args=[batch.pk])).content.decode()
    assert f'data-insert-text="{text.text}"' in page
    client.post(reverse("invitations:batch_detail", args=[batch.pk]), {"message": "Välkommen!", "insert": text.pk})
    batch.refresh_from_db()
    assert batch.message == "Välkommen!\n\nTa med legitimation när du kommer till hälsosamtalet."
    page = client.get(reverse("invitations:batch_detail", args=[batch.pk])).content.decode()
    assert "Ta med legitimation när du kommer till hälsosamtalet." in page.split("forhandsgranskning")[1]


def test_send_invites_once_even_when_clicked_twice(client, unit, handler):
    people(unit)
    client.post(reverse("invitations:batch_new", args=[round_for(unit).pk]),
                {"template_kind": "invitation_phone", "size": 25})
    batch = SendBatch.objects.get()
    url = reverse("invitations:batch_send", args=[batch.pk])
    response = client.post(url, {"message": "Hälsningar från oss"}, follow=True)
    assert "Skickat. Digitalt: 1, telefonlista: 1, brevlista: 1, uteslutna: 0." in response.content.decode()
    response = client.post(url, {"message": "Hälsningar från oss"}, follow=True)
    assert "Utskicket var redan skickat" in response.content.decode()
    assert OutboxMessage.objects.count() == 1 and InvitationCase.objects.count() == 1
    assert OutboxMessage.objects.get().body.endswith("Hälsningar från oss")
    page = response.content.decode()
    assert "Öppna ärendet" in page and "Ta bort" not in page


def test_a_person_can_be_taken_out_and_a_batch_discarded(client, unit, handler):
    first, second, _third = people(unit)
    client.post(reverse("invitations:batch_new", args=[round_for(unit).pk]),
                {"template_kind": "invitation_phone", "size": 25})
    batch = SendBatch.objects.get()
    client.post(reverse("invitations:batch_remove", args=[batch.pk]), {"participation": second.pk})
    assert list(batch.items.values_list("participation", flat=True)) == [first.pk, _third.pk]
    response = client.post(reverse("invitations:batch_discard", args=[batch.pk]))
    assert response.url == reverse("invitations:batch_new", args=[batch.round_id])
    assert SendBatch.objects.get().status == "discarded"
    assert set(Participation.objects.values_list("state", flat=True)) == {"selected"}


def test_the_web_template_with_web_times(client, unit, handler):
    SlotFactory(unit=unit)
    people(unit)
    client.post(reverse("invitations:batch_new", args=[round_for(unit).pk]),
                {"template_kind": "invitation_web", "size": 25})
    batch = SendBatch.objects.get()
    page = client.get(reverse("invitations:batch_detail", args=[batch.pk])).content.decode()
    assert "Ja, jag vill ha ett hälsosamtal och vill boka in tiden själv." in page
