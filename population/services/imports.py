"""The import as a job: upload → preview (Celery) → review → commit (Celery) or discard."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from population.models import CareUnit, ImportStatus, PopulationImport, StaffUser
from population.services.audit import Actor
from population.services.population_import import ImportResult, population_import_run
from rhs_portal.statemachine import TransitionConflict


class ImportStateError(Exception):
    pass


def import_upload(*, unit: CareUnit, user: StaffUser, upload: UploadedFile) -> PopulationImport:
    """Store the uploaded list and queue its preview."""
    from population.tasks import preview_import
    from rhs_portal.tasks import enqueue

    with transaction.atomic():
        imp = PopulationImport(
            unit=unit, uploaded_by=user, original_name=upload.name[:255], status=ImportStatus.PREVIEWING
        )
        imp.file.save(f"unit{unit.pk}-{timezone.now():%Y%m%d%H%M%S}.csv", upload, save=False)
        imp.save()
        enqueue(preview_import, imp.pk)
    return imp


def _progress_writer(imp: PopulationImport):
    def write(done: int, total: int) -> None:
        PopulationImport.objects.filter(pk=imp.pk).update(progress_done=done, progress_total=max(total, done))

    return write


def _run(imp: PopulationImport, *, commit: bool, now: dt.datetime | None) -> ImportResult:
    actor = Actor.staff(imp.committed_by or imp.uploaded_by, imp.unit)
    with imp.file.open("rb") as source:
        return population_import_run(
            unit=imp.unit,
            source=source,
            commit=commit,
            skip_invalid=imp.skip_invalid,
            actor=actor,
            now=now,
            progress=_progress_writer(imp),
        )


def import_preview_job(*, import_id: int, now: dt.datetime | None = None) -> PopulationImport | None:
    imp = PopulationImport.objects.select_related("unit", "uploaded_by").filter(pk=import_id).first()
    if imp is None or imp.status != ImportStatus.PREVIEWING:
        return imp
    try:
        result = _run(imp, commit=False, now=now)
    except Exception as exc:
        PopulationImport.objects.filter(pk=imp.pk).update(status=ImportStatus.FAILED, failure_message=str(exc))
        raise
    status = ImportStatus.REFUSED if result.refused else ImportStatus.PREVIEWED
    PopulationImport.objects.filter(pk=imp.pk, status=ImportStatus.PREVIEWING).update(
        status=status, summary=result.as_summary(), failure_message=result.refused
    )
    if status == ImportStatus.REFUSED:
        _delete_file(imp)
    imp.refresh_from_db()
    return imp


def import_commit_request(*, imp: PopulationImport, user: StaffUser, skip_invalid: bool) -> PopulationImport:
    """Ask for the commit of a previewed import; the work happens in a job."""
    from population.tasks import commit_import
    from rhs_portal.tasks import enqueue

    if imp.status != ImportStatus.PREVIEWED:
        raise ImportStateError(_("This import cannot be committed now (it is %(status)s).")
                               % {"status": imp.get_status_display().lower()})
    if imp.error_count and not skip_invalid:
        raise ImportStateError(
            _("The file has rows with errors. Tick 'import only the valid rows' to import the rest.")
        )
    with transaction.atomic():
        updated = PopulationImport.objects.filter(pk=imp.pk, status=ImportStatus.PREVIEWED).update(
            status=ImportStatus.COMMITTING, skip_invalid=skip_invalid, committed_by=user,
            progress_done=0, progress_total=0,
        )
        if not updated:
            raise TransitionConflict()
        enqueue(commit_import, imp.pk)
    imp.refresh_from_db()
    return imp


def import_commit_job(*, import_id: int, now: dt.datetime | None = None) -> PopulationImport | None:
    imp = PopulationImport.objects.select_related("unit", "uploaded_by", "committed_by").filter(pk=import_id).first()
    if imp is None or imp.status != ImportStatus.COMMITTING:
        return imp
    now = now or timezone.now()
    try:
        result = _run(imp, commit=True, now=now)
    except Exception as exc:
        PopulationImport.objects.filter(pk=imp.pk).update(status=ImportStatus.FAILED, failure_message=str(exc))
        raise
    if result.committed:
        PopulationImport.objects.filter(pk=imp.pk).update(
            status=ImportStatus.COMMITTED, summary=result.as_summary(), committed_at=now
        )
        _delete_file(imp)
    else:
        # Back to review: the file changed meaning since the preview (e.g. new errors).
        PopulationImport.objects.filter(pk=imp.pk).update(
            status=ImportStatus.PREVIEWED, summary=result.as_summary(), failure_message=result.refused
        )
    imp.refresh_from_db()
    return imp


def import_discard(*, imp: PopulationImport, user: StaffUser) -> PopulationImport:
    updated = PopulationImport.objects.filter(
        pk=imp.pk, status__in=[ImportStatus.PREVIEWED, ImportStatus.REFUSED]
    ).update(status=ImportStatus.DISCARDED)
    if not updated:
        raise ImportStateError(_("Only an import waiting for review can be discarded."))
    _delete_file(imp)
    imp.refresh_from_db()
    return imp


def _delete_file(imp: PopulationImport) -> None:
    """The uploaded list holds personal data: keep it no longer than the review needs."""
    if imp.file:
        imp.file.delete(save=False)
        PopulationImport.objects.filter(pk=imp.pk).update(file="")


def imports_purge_stale(*, now: dt.datetime | None = None, max_age: dt.timedelta = dt.timedelta(days=2)) -> dict:
    """Discard reviews left open for days (their files go) and re-queue jobs whose message was lost."""
    from population.tasks import commit_import, preview_import

    now = now or timezone.now()
    stale = PopulationImport.objects.filter(
        status__in=[ImportStatus.PREVIEWED, ImportStatus.REFUSED], created_at__lt=now - max_age
    )
    discarded = 0
    for imp in stale:
        _delete_file(imp)
        discarded += PopulationImport.objects.filter(pk=imp.pk).update(status=ImportStatus.DISCARDED)
    requeued = 0
    stuck = PopulationImport.objects.filter(
        status__in=[ImportStatus.PREVIEWING, ImportStatus.COMMITTING],
        created_at__lt=now - dt.timedelta(minutes=30),
        progress_done=0,
    )
    for imp in stuck:
        task = preview_import if imp.status == ImportStatus.PREVIEWING else commit_import
        task.delay(imp.pk)
        requeued += 1
    return {"discarded": discarded, "requeued": requeued}


def imports_purge_files(*, before: dt.datetime, now: dt.datetime) -> int:
    """Retention: uploaded lists and the names in their previews go once the import is this old."""
    removed = 0
    for imp in PopulationImport.objects.filter(created_at__lt=before).exclude(file="", summary__has_key="thinned"):
        _delete_file(imp)
        counts = {k: v for k, v in imp.summary.items() if k in ("new", "changed", "unchanged", "removed",
                                                                 "error_count", "moved", "rows_read", "committed")}
        PopulationImport.objects.filter(pk=imp.pk).update(summary={**counts, "thinned": True})
        removed += 1
    return removed
