"""Letter batches: from the letter list to one PDF, printed or handed to the print shop, returned mail.

The PDF is made by a Celery job with a progress bar (`letter_batch_render_job`)
through the letter engine (`invitations.letters.render.render_letters_pdf`,
chosen by RHS_LETTER_RENDERER), in chunks, so memory stays bounded. Every
download or reprint is a print of personal data and is logged per person; the
hand-over to the print shop is logged as an export.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from invitations.models import (
    LETTER_BATCH_MACHINE,
    Contact,
    ContactKind,
    ContactReason,
    ContactStatus,
    Letter,
    LetterBatch,
    LetterBatchEvent,
    LetterBatchStatus,
)
from invitations.printing import ManifestRow, envelope_for, print_provider
from invitations.services.contacts import contact_create, contact_transition
from population.models import AccessAction, CareUnit
from population.services.audit import Actor, Auditor
from rhs_portal.statemachine import TransitionConflict

logger = logging.getLogger(__name__)
RENDER_JOB = "letter batch job"
MAX_LETTERS_PER_BATCH = 10_000
STUCK_AFTER = dt.timedelta(minutes=30)


class LetterError(Exception):
    """The letter batch cannot do that now; the message says why."""


def printable(contact: Contact) -> bool:
    """A letter can be printed with an address, or without one through the forwarding routine."""
    person = contact.participation.person
    return contact.via_forwarding or person.protected_identity or person.has_address


def letter_batch_create(*, unit: CareUnit, contacts: Iterable[Contact], actor: Actor,
                        now: dt.datetime | None = None) -> LetterBatch:
    """Put the letters in a new batch (they leave the letter list) and queue the PDF job."""
    from invitations.tasks import render_letter_batch
    from rhs_portal.tasks import enqueue

    now = now or timezone.now()
    contacts = [c for c in contacts if c.kind == ContactKind.LETTER and c.status == ContactStatus.OPEN]
    ready = [c for c in contacts if printable(c)]
    if not ready:
        raise LetterError(_("No letter on the list can be printed (letters without an address wait on the list)."))
    if len(ready) > MAX_LETTERS_PER_BATCH:
        raise LetterError(_("At most %(n)d letters per batch.") % {"n": MAX_LETTERS_PER_BATCH})
    with transaction.atomic():
        batch = LetterBatch.objects.create(unit=unit, status=LetterBatchStatus.QUEUED, status_changed_at=now,
                                           created_at=now, created_by=actor.user, progress_total=len(ready))
        LetterBatchEvent.objects.create(batch=batch, from_status="", to_status=LetterBatchStatus.QUEUED, at=now,
                                        actor_name=actor.name[:150], actor_user=actor.user)
        moved = []
        for contact in ready:
            try:
                contact_transition(contact=contact, to_status=ContactStatus.IN_BATCH, actor=actor, now=now,
                                   note=batch.reference)
            except TransitionConflict:
                continue  # another batch took it a moment ago
            moved.append(contact)
        if not moved:
            raise LetterError(_("Someone else just put these letters in a batch."))
        Letter.objects.bulk_create(
            [Letter(batch=batch, contact=c, position=i) for i, c in enumerate(moved, start=1)], batch_size=2000
        )
        LetterBatch.objects.filter(pk=batch.pk).update(progress_total=len(moved))
        enqueue(render_letter_batch, batch.pk)
    batch.refresh_from_db()
    return batch


def render_letters(rows, *, unit: CareUnit, out: Path, now: dt.datetime, workers: int = 1, progress=None):
    """Render the rows' letters to `out` through the letter engine; returns (stats, row id → versions used)."""
    from invitations.services.letter_content import letters_of_batch

    versions: dict[int, tuple[int, int, str]] = {}
    renderer = import_string(settings.RHS_LETTER_RENDERER)
    stats = renderer(letters_of_batch(rows, unit=unit, now=now, versions=versions), out, workers=workers,
                     progress=progress)
    return stats, versions


def letter_batch_render_job(*, batch_id: int, now: dt.datetime | None = None) -> LetterBatch | None:
    """Make the batch's PDF (run by the Celery task). Safe to run twice: only a queued batch is made."""
    now = now or timezone.now()
    batch = LetterBatch.objects.select_related("unit__region").filter(pk=batch_id).first()
    if batch is None or batch.status != LetterBatchStatus.QUEUED:
        return batch
    try:
        LETTER_BATCH_MACHINE.transition(batch, LetterBatchStatus.RUNNING, actor_name=RENDER_JOB, now=now,
                                        progress_done=0, failure_message="")
    except TransitionConflict:
        return batch
    total = batch.progress_total

    def progress(done: int, _total: int | None) -> None:
        LetterBatch.objects.filter(pk=batch.pk).update(progress_done=min(done, total))

    try:
        with tempfile.TemporaryDirectory(prefix="rhs-letters-") as workdir:
            out = Path(workdir) / "batch.pdf"
            stats, versions = render_letters(_rows(batch).iterator(chunk_size=500), unit=batch.unit, out=out,
                                             now=now, workers=settings.RHS_LETTER_WORKERS, progress=progress)
            with out.open("rb") as pdf:
                batch.pdf.save(f"unit{batch.unit_id}-{batch.reference}.pdf", File(pdf), save=False)
    except Exception as exc:  # noqa: BLE001 - the batch shows the failure; staff can try again
        logger.exception("Letter batch %s failed", batch.pk)
        LETTER_BATCH_MACHINE.transition(batch, LetterBatchStatus.FAILED, actor_name=RENDER_JOB, now=now,
                                        note=str(exc)[:300], failure_message=str(exc))
        return batch
    letters = list(batch.letters.order_by("position"))
    for letter, pages in zip(letters, stats.pages_per_letter, strict=True):
        letter.pages = pages
        letter.template_version_id, letter.reply_template_version_id, letter.language = versions[letter.pk]
    Letter.objects.bulk_update(letters, ["pages", "template_version_id", "reply_template_version_id", "language"],
                               batch_size=2000)
    return LETTER_BATCH_MACHINE.transition(
        batch, LetterBatchStatus.DONE, actor_name=RENDER_JOB, now=now, pdf=batch.pdf.name, page_count=stats.pages,
        rendered_at=now, progress_done=len(letters),
    )


def _rows(batch: LetterBatch):
    return batch.letters.select_related(
        "contact__participation__person", "contact__participation__round"
    ).order_by("position")


def letter_batch_render_to(*, batch: LetterBatch, out: Path, actor: Actor, workers: int = 1,
                           now: dt.datetime | None = None):
    """Render the batch's letters to a file of one's choice (the `render_letters` command); logged as a print."""
    now = now or timezone.now()
    if batch.status == LetterBatchStatus.DISCARDED:
        raise LetterError(_("The batch was discarded."))
    stats, _versions = render_letters(_rows(batch).iterator(chunk_size=500), unit=batch.unit, out=out, now=now,
                                      workers=workers)
    _log_batch(batch, actor=actor, now=now, action=AccessAction.PRINT, what="rendered to a file")
    return stats


def letter_batch_retry(*, batch: LetterBatch, actor: Actor, now: dt.datetime | None = None) -> LetterBatch:
    from invitations.tasks import render_letter_batch
    from rhs_portal.tasks import enqueue

    now = now or timezone.now()
    with transaction.atomic():
        LETTER_BATCH_MACHINE.transition(batch, LetterBatchStatus.QUEUED, actor_name=actor.name,
                                        actor_user=actor.user, now=now, progress_done=0)
        enqueue(render_letter_batch, batch.pk)
    return batch


def _log_batch(batch: LetterBatch, *, actor: Actor, now: dt.datetime, action: str, what: str) -> None:
    """One access-log row per person in the batch (a print or an export of their letter)."""
    person_ids = batch.letters.order_by("position").values_list("contact__participation__person_id", flat=True)
    Auditor(actor, now=now).record_many(action=action, person_ids=list(person_ids),
                                        object_type="invitations.letterbatch", detail=f"{batch.reference}: {what}")


def _move_letters(batch: LetterBatch, *, to_status: str, actor: Actor, now: dt.datetime, note: str) -> None:
    for contact in Contact.objects.filter(letters__batch=batch, status=ContactStatus.IN_BATCH):
        contact_transition(contact=contact, to_status=to_status, actor=actor, now=now, note=note)


def letter_batch_download(*, batch: LetterBatch, actor: Actor, now: dt.datetime | None = None) -> bytes:
    """The batch's PDF for printing; every download is a print of each person's letter (logged)."""
    now = now or timezone.now()
    if batch.status != LetterBatchStatus.DONE or not batch.pdf:
        raise LetterError(_("The PDF is not ready."))
    with batch.pdf.open("rb") as pdf:
        content = pdf.read()
    reprint = batch.print_count > 0
    LetterBatch.objects.filter(pk=batch.pk).update(print_count=batch.print_count + 1)
    _log_batch(batch, actor=actor, now=now, action=AccessAction.PRINT,
               what=f"{'reprint' if reprint else 'print'} of the letter batch")
    return content


def letter_batch_mark_printed(*, batch: LetterBatch, actor: Actor, now: dt.datetime | None = None) -> LetterBatch:
    """Staff confirm the letters are printed and posted: they are done on the letter list."""
    now = now or timezone.now()
    if batch.status != LetterBatchStatus.DONE:
        raise LetterError(_("Only a ready batch can be marked printed."))
    with transaction.atomic():
        updated = LetterBatch.objects.filter(pk=batch.pk, printed_at__isnull=True).update(
            printed_at=now, printed_by=actor.user
        )
        if not updated:
            raise LetterError(_("The batch is already marked printed."))
        _move_letters(batch, to_status=ContactStatus.DONE, actor=actor, now=now, note=f"printed in {batch.reference}")
    batch.refresh_from_db()
    return batch


def letter_batch_hand_over(*, batch: LetterBatch, actor: Actor, now: dt.datetime | None = None) -> LetterBatch:
    """Send the PDF and its manifest to the print shop in one action; the batch records the hand-over."""
    now = now or timezone.now()
    if batch.status != LetterBatchStatus.DONE or not batch.pdf:
        raise LetterError(_("The PDF is not ready."))
    letters = batch.letters.select_related("contact__participation__person").order_by("position")
    manifest = [
        ManifestRow(reference=letter.contact.reference, pages=letter.pages, envelope=envelope_for(letter.pages),
                    forwarding=letter.contact.via_forwarding or letter.contact.participation.person.protected_identity)
        for letter in letters
    ]
    receipt = print_provider().hand_over(batch_reference=batch.reference, pdf_path=Path(batch.pdf.path),
                                         manifest=manifest)
    LetterBatch.objects.filter(pk=batch.pk).update(handed_over_at=now, handed_over_by=actor.user,
                                                   handover_receipt=receipt[:300])
    _log_batch(batch, actor=actor, now=now, action=AccessAction.EXPORT, what="handed to the print shop")
    batch.refresh_from_db()
    if batch.printed_at is None:
        batch = letter_batch_mark_printed(batch=batch, actor=actor, now=now)
    return batch


def letter_batch_discard(*, batch: LetterBatch, actor: Actor, now: dt.datetime | None = None) -> LetterBatch:
    """Throw away a batch that was not printed: its letters go back to the letter list."""
    now = now or timezone.now()
    if batch.printed_at is not None:
        raise LetterError(_("A printed batch cannot be discarded."))
    with transaction.atomic():
        LETTER_BATCH_MACHINE.transition(batch, LetterBatchStatus.DISCARDED, actor_name=actor.name,
                                        actor_user=actor.user, now=now)
        _move_letters(batch, to_status=ContactStatus.OPEN, actor=actor, now=now, note=f"{batch.reference} discarded")
    if batch.pdf:
        batch.pdf.delete(save=False)
        LetterBatch.objects.filter(pk=batch.pk).update(pdf="")
    return batch


def letter_reprint(*, letter: Letter, actor: Actor, now: dt.datetime | None = None) -> bytes:
    """One person's letter again (e.g. a damaged page), rendered now; logged as a print."""
    now = now or timezone.now()
    if letter.batch.printed_at is None and letter.batch.status != LetterBatchStatus.DONE:
        raise LetterError(_("The batch is not ready."))
    with tempfile.TemporaryDirectory(prefix="rhs-letter-") as workdir:
        out = Path(workdir) / "letter.pdf"
        render_letters([letter], unit=letter.batch.unit, out=out, now=now)
        content = out.read_bytes()
    Auditor(actor, now=now).record(action=AccessAction.PRINT, person=letter.contact.participation.person,
                                   obj=letter, detail=f"reprint of {letter.contact.reference}")
    return content


def letter_mark_returned(*, letter: Letter, actor: Actor, now: dt.datetime | None = None) -> Contact:
    """The letter came back: register it, and put the person on the phone list."""
    now = now or timezone.now()
    contact = letter.contact
    if contact.status != ContactStatus.DONE:
        raise LetterError(_("Only a printed letter can come back."))
    with transaction.atomic():
        contact_transition(contact=contact, to_status=ContactStatus.RETURNED, actor=actor, now=now,
                           note="returned mail")
        Letter.objects.filter(pk=letter.pk).update(returned_at=now, returned_by=actor.user)
        follow_up = contact_create(
            participation=contact.participation, kind=ContactKind.PHONE, reason=ContactReason.RETURNED_MAIL,
            idempotency_key=f"returned-mail:letter-{letter.pk}", actor=actor, now=now,
        )
    return follow_up


def letter_batches_requeue_stuck(*, now: dt.datetime | None = None) -> dict:
    """Publish batches whose job message was lost, and put back batches whose worker died mid-job."""
    from invitations.tasks import render_letter_batch

    now = now or timezone.now()
    stuck = LetterBatch.objects.filter(status=LetterBatchStatus.RUNNING, status_changed_at__lt=now - STUCK_AFTER)
    returned = LETTER_BATCH_MACHINE.bulk_transition(stuck, LetterBatchStatus.QUEUED, actor_name=RENDER_JOB, now=now,
                                                    note="stuck while being made")
    waiting = LetterBatch.objects.filter(status=LetterBatchStatus.QUEUED,
                                         status_changed_at__lt=now - dt.timedelta(minutes=5))
    published = 0
    for batch_id in waiting.values_list("pk", flat=True):
        try:
            render_letter_batch.apply_async(args=(batch_id,), retry=False)
            published += 1
        except Exception:  # noqa: BLE001 - broker down: the next run tries again
            logger.exception("Could not publish letter batch %s", batch_id)
            break
    return {"returned": len(returned), "published": published}

