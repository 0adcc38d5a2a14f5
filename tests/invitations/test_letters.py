"""The letter workflow: a batch of the letter list, its PDF through the real engine, print, print shop, returns."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from invitations.models import Contact, ContactKind, ContactStatus, LetterBatch, LetterBatchStatus
from invitations.services.letters import (
    LetterError,
    letter_batch_create,
    letter_batch_discard,
    letter_batch_download,
    letter_batch_hand_over,
    letter_batch_mark_printed,
    letter_batch_render_job,
    letter_batch_retry,
    letter_batches_requeue_stuck,
    letter_mark_returned,
    letter_reprint,
)
from population.models import AccessLogEntry
from population.services.audit import Actor
from rhs_portal.roles import Role
from tests.factories import CareUnitFactory, staff_with
from tests.invitations.factories import contact_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return CareUnitFactory(name="Vårdcentralen Brevby", street_address="Vårdvägen 1", postal_code="12345",
                           postal_town="Brevby")


@pytest.fixture
def actor(unit):
    return Actor.staff(staff_with(unit, Role.CASE_HANDLER), unit)


def letter(unit, **person):
    return contact_for(unit=unit, kind=ContactKind.LETTER, reachability="missing", no_phone=True, **person)


@pytest.fixture
def three(unit):
    return [
        letter(unit, first_name="Bertil", last_name="Brevsson", street_address="Brevgatan 12", postal_code="11122",
               postal_town="Brevby"),
        letter(unit, first_name="Cecilia", last_name="Citron", street_address="Citronvägen 3", postal_code="33344",
               postal_town="Citronby", preferred_language="ar"),
        letter(unit, first_name="Doris", last_name="Dold", street_address="Hemliga gränd 7", postal_code="55566",
               postal_town="Hemby", protected_identity=True),
    ]


def pages_text(path_or_bytes):
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else str(path_or_bytes)
    return [page.extract_text() for page in PdfReader(source).pages]


def made(unit, contacts, actor, now):
    batch = letter_batch_create(unit=unit, contacts=Contact.objects.filter(pk__in=[c.pk for c in contacts]),
                                actor=actor, now=now)
    return letter_batch_render_job(batch_id=batch.pk, now=now)


def test_a_batch_takes_the_printable_letters_off_the_list_and_queues_its_pdf(
    unit, three, actor, now, django_capture_on_commit_callbacks
):
    without_address = letter(unit, street_address="", postal_code="", postal_town="")
    with django_capture_on_commit_callbacks() as callbacks:
        batch = letter_batch_create(unit=unit, contacts=Contact.objects.filter(unit=unit), actor=actor, now=now)
    assert len(callbacks) == 1
    assert (batch.status, batch.progress_total) == (LetterBatchStatus.QUEUED, 3)
    assert set(Contact.objects.filter(status=ContactStatus.IN_BATCH)) == set(three)
    without_address.refresh_from_db()
    assert without_address.status == ContactStatus.OPEN  # waits on the list for an address
    with pytest.raises(LetterError, match="No letter on the list"):
        letter_batch_create(unit=unit, contacts=Contact.objects.filter(pk=without_address.pk), actor=actor, now=now)


def test_the_job_renders_one_pdf_with_an_invitation_and_a_reply_letter_per_person(unit, three, actor, now):
    batch = made(unit, three, actor, now)
    assert batch.status == LetterBatchStatus.DONE, batch.failure_message
    letters = list(batch.letters.order_by("position"))
    assert all(row.pages >= 2 for row in letters)
    assert batch.page_count == sum(row.pages for row in letters)
    assert batch.progress_done == 3 and batch.rendered_at == now
    assert [row.language for row in letters] == ["sv", "ar", "sv"]
    assert all(row.template_version_id and row.reply_template_version_id for row in letters)
    texts = pages_text(Path(batch.pdf.path))
    assert len(texts) == batch.page_count
    everything = "\n".join(texts)
    for contact in three:
        assert contact.reference in everything
    start = 0
    per_letter = []
    for row in letters:
        per_letter.append("\n".join(texts[start:start + row.pages]))
        start += row.pages
    assert "Brevgatan 12" in per_letter[0] and "111 22 Brevby" in per_letter[0]
    assert "Svarsbrev" in per_letter[0] and "Ja, jag vill ha ett hälsosamtal" in per_letter[0]
    assert "Citronvägen 3" in per_letter[1] and any("\u0600" <= ch <= "\u06ff" for ch in per_letter[1])
    assert "Hemliga gränd 7" not in everything and "555 66" not in everything  # protected identity
    assert "Doris Dold" in per_letter[2]
    assert "Vårdcentralen Brevby" in per_letter[0] and "Vårdvägen 1" in per_letter[0]


def test_a_failing_render_is_shown_and_can_be_tried_again(unit, three, actor, now, settings):
    settings.RHS_LETTER_RENDERER = "tests.invitations.test_letters.broken_renderer"
    batch = made(unit, three, actor, now)
    assert (batch.status, batch.failure_message) == (LetterBatchStatus.FAILED, "the printer font is missing")
    settings.RHS_LETTER_RENDERER = "invitations.letters.render.render_letters_pdf"
    letter_batch_retry(batch=batch, actor=actor, now=now)
    assert letter_batch_render_job(batch_id=batch.pk, now=now).status == LetterBatchStatus.DONE


def broken_renderer(letters, out, **kwargs):
    raise RuntimeError("the printer font is missing")


def test_downloads_are_logged_as_prints_and_the_batch_is_marked_printed_once(unit, three, actor, now):
    batch = made(unit, three, actor, now)
    content = letter_batch_download(batch=batch, actor=actor, now=now)
    assert content.startswith(b"%PDF")
    letter_batch_download(batch=LetterBatch.objects.get(pk=batch.pk), actor=actor, now=now)
    prints = AccessLogEntry.objects.filter(action="print", object_type="invitations.letterbatch")
    assert prints.count() == 6
    assert prints.filter(detail__endswith="reprint of the letter batch").count() == 3
    assert LetterBatch.objects.get(pk=batch.pk).print_count == 2
    letter_batch_mark_printed(batch=batch, actor=actor, now=now)
    assert set(Contact.objects.values_list("status", flat=True)) == {ContactStatus.DONE}
    with pytest.raises(LetterError, match="already marked printed"):
        letter_batch_mark_printed(batch=LetterBatch.objects.get(pk=batch.pk), actor=actor, now=now)
    with pytest.raises(LetterError, match="printed batch cannot be discarded"):
        letter_batch_discard(batch=LetterBatch.objects.get(pk=batch.pk), actor=actor, now=now)


def test_the_print_shop_gets_the_pdf_and_a_manifest_in_one_action(unit, three, actor, now, settings, tmp_path):
    settings.RHS_PRINT_SHOP_DIR = str(tmp_path / "shop")
    batch = made(unit, three, actor, now)
    batch = letter_batch_hand_over(batch=batch, actor=actor, now=now)
    assert (batch.handed_over_at, batch.printed_at) == (now, now)
    pdf = tmp_path / "shop" / f"{batch.reference}.pdf"
    assert pdf.read_bytes() == Path(batch.pdf.path).read_bytes()
    with (tmp_path / "shop" / f"{batch.reference}.csv").open(encoding="utf-8-sig") as manifest:
        rows = list(csv.reader(manifest, delimiter=";"))
    assert rows[0] == ["referens", "sidor", "kuvert", "vidarebefordran"]
    letters = list(batch.letters.order_by("position").select_related("contact"))
    assert rows[1:] == [[row.contact.reference, str(row.pages), "C5", "ja" if i == 2 else "nej"]
                        for i, row in enumerate(letters)]
    assert AccessLogEntry.objects.filter(action="export", detail__endswith="handed to the print shop").count() == 3


def test_discarding_an_unprinted_batch_returns_its_letters_to_the_list(unit, three, actor, now):
    batch = made(unit, three, actor, now)
    letter_batch_discard(batch=batch, actor=actor, now=now)
    assert set(Contact.objects.values_list("status", flat=True)) == {ContactStatus.OPEN}
    assert not LetterBatch.objects.get(pk=batch.pk).pdf


def test_returned_mail_puts_the_person_on_the_phone_list(unit, three, actor, now):
    batch = made(unit, three, actor, now)
    letter_batch_mark_printed(batch=batch, actor=actor, now=now)
    row = batch.letters.get(contact=three[0])
    follow_up = letter_mark_returned(letter=row, actor=actor, now=now)
    assert (follow_up.kind, follow_up.reason, follow_up.status) == ("phone", "returned_mail", "open")
    three[0].refresh_from_db()
    assert three[0].status == ContactStatus.RETURNED
    row.refresh_from_db()
    assert row.returned_at == now
    with pytest.raises(LetterError):
        letter_mark_returned(letter=row, actor=actor, now=now)


def test_one_letter_can_be_printed_again(unit, three, actor, now):
    batch = made(unit, three, actor, now)
    row = batch.letters.get(contact=three[2])
    texts = pages_text(letter_reprint(letter=row, actor=actor, now=now))
    assert len(texts) == row.pages and three[2].reference in texts[0]
    assert AccessLogEntry.objects.filter(action="print", detail=f"reprint of {three[2].reference}").count() == 1


def test_render_letters_writes_the_batch_to_a_file(unit, three, actor, now, tmp_path, capsys):
    batch = made(unit, three, actor, now)
    out = tmp_path / "brev.pdf"
    call_command("render_letters", "--batch", str(batch.pk), "--out", str(out), "--json")
    result = json.loads(capsys.readouterr().out)
    assert (result["letters"], result["pages"]) == (3, batch.page_count)
    assert len(PdfReader(str(out)).pages) == batch.page_count
    with pytest.raises(SystemExit):
        call_command("render_letters", "--batch", "999999", "--out", str(out), "--json")
    assert "error" in json.loads(capsys.readouterr().out)


def test_stuck_batches_are_picked_up_again(unit, three, actor, now):
    import datetime as dt
    from unittest import mock

    from invitations.tasks import render_letter_batch

    batch = letter_batch_create(unit=unit, contacts=Contact.objects.filter(unit=unit), actor=actor, now=now)
    LetterBatch.objects.filter(pk=batch.pk).update(status=LetterBatchStatus.RUNNING)
    with mock.patch.object(render_letter_batch, "apply_async") as publish:
        assert letter_batches_requeue_stuck(now=now + dt.timedelta(minutes=10)) == {"returned": 0, "published": 0}
        result = letter_batches_requeue_stuck(now=now + dt.timedelta(minutes=31))
    assert result["returned"] == 1
    assert LetterBatch.objects.get(pk=batch.pk).status == LetterBatchStatus.QUEUED
    with mock.patch.object(render_letter_batch, "apply_async") as publish:
        assert letter_batches_requeue_stuck(now=now + dt.timedelta(minutes=40))["published"] == 1
    publish.assert_called_once_with(args=(batch.pk,), retry=False)


def test_the_letter_pages(client, unit, three, now):
    handler = staff_with(unit, Role.CASE_HANDLER)
    client.force_login(handler)
    page = client.get(reverse("invitations:letter_list")).content.decode()
    assert "Gör en brevomgång" in page
    response = client.post(reverse("invitations:letter_batch_new"), {"contacts": [three[0].pk, three[1].pk]})
    batch = LetterBatch.objects.get()
    assert response.url == reverse("invitations:letter_batch", args=[batch.pk])
    assert batch.letters.count() == 2
    fragment = client.get(reverse("invitations:letter_batch_progress", args=[batch.pk]))
    assert "PDF-filen görs" in fragment.content.decode() and "HX-Refresh" not in fragment
    letter_batch_render_job(batch_id=batch.pk, now=now)
    fragment = client.get(reverse("invitations:letter_batch_progress", args=[batch.pk]))
    assert fragment["HX-Refresh"] == "true"
    download = client.get(reverse("invitations:letter_batch_pdf", args=[batch.pk]))
    assert download["Content-Type"] == "application/pdf" and download.content.startswith(b"%PDF")
    client.post(reverse("invitations:letter_batch_printed", args=[batch.pk]))
    row = batch.letters.first()
    response = client.post(reverse("invitations:letter_returned", args=[row.pk]), follow=True)
    assert "Returpost registrerad." in response.content.decode()
    reprint = client.get(reverse("invitations:letter_reprint", args=[row.pk]))
    assert reprint["Content-Type"] == "application/pdf"
