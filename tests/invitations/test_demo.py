"""The demo data shows the invitations at work: a batch sent, cases read and answered, the outbox page."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from invitations.models import CaseStatus, Contact, InvitationCase, SendBatch
from notifications.models import Dispatch
from population.models import StaffUser

pytestmark = pytest.mark.django_db


def test_seed_demo_sends_a_first_batch_in_the_demo_unit(client, settings, tmp_path):
    settings.RHS_OUTBOX_COPY_DIR = str(tmp_path / "outbox")
    call_command("seed_demo", "--persons", "300", "--quiet")
    # The first batch of 25 (the smaller earlier ones are the reminder timeline's: tests/reminders/test_demo.py),
    # then one for the people reachable by letter only, when the round's random order left any.
    batches = list(SendBatch.objects.order_by("created_at"))
    (batch,) = [b for b in batches if b.items.count() == 25]
    letter_sends = [b for b in batches if b.filters.get("reachability") == "letter"]
    assert batch.status == "sent" and batch.items.count() == 25
    assert sum(batch.counts[k] for k in ("digital", "phone", "letter", "excluded")) == 25
    statuses = set(InvitationCase.objects.values_list("status", flat=True))
    assert {CaseStatus.ANSWERED, CaseStatus.READ} <= statuses
    assert InvitationCase.objects.filter(assignee__username="handlaggare").count() == 3
    assert Contact.objects.exists()
    from invitations.models import LetterBatch

    assert all(send.counts["letter"] >= 1 for send in letter_sends)
    letter_batch = LetterBatch.objects.get()
    assert letter_batch.status == "done" and letter_batch.page_count >= 2
    assert Dispatch.objects.filter(text__contains="/invanare/").exists()
    assert any((tmp_path / "outbox").iterdir())
    client.force_login(StaffUser.objects.get(username="mottagare"))
    page = client.get(reverse("invitations:demo_outbox")).content.decode()
    assert "/invanare/" in page and "Utkorg (demo)" in page


def test_the_outbox_page_exists_in_demo_mode_only(client, settings):
    from rhs_portal.roles import Role
    from tests.factories import CareUnitFactory, staff_with

    unit = CareUnitFactory()
    client.force_login(staff_with(unit, Role.CASE_HANDLER))
    assert client.get(reverse("invitations:demo_outbox")).status_code == 200
    settings.RHS_DEMO_MODE = False
    assert client.get(reverse("invitations:demo_outbox")).status_code == 404
    assert "Utkorg (demo)" not in client.get(reverse("invitations:cases_mine")).content.decode()


def test_queued_messages_can_be_delivered_from_the_demo_outbox(client, now):
    from invitations.services.batches import participation_invite
    from notifications.models import OutboxMessage
    from population.services.audit import Actor
    from rhs_portal.roles import Role
    from tests.factories import CareUnitFactory, staff_with
    from tests.invitations.factories import participation_in

    unit = CareUnitFactory()
    participation_invite(participation=participation_in(unit=unit, reachability="digital"),
                         template_kind="invitation_phone", message_text="", actor=Actor.system("test"), now=now)
    participation_invite(participation=participation_in(reachability="digital"),  # another unit's person
                         template_kind="invitation_phone", message_text="", actor=Actor.system("test"), now=now)
    client.force_login(staff_with(unit, Role.CASE_HANDLER))
    assert "1 meddelande väntar" in client.get(reverse("invitations:demo_outbox")).content.decode()
    response = client.post(reverse("invitations:demo_outbox_deliver"), follow=True)
    assert "1 meddelande levererades." in response.content.decode()
    assert sorted(OutboxMessage.objects.values_list("status", flat=True)) == ["queued", "sent"]
