"""The reviewed import as a job, shared by every import (population lists, lab results).

upload → preview (a Celery job) → review → commit (a Celery job) or discard.
The preview and the commit run the same `run` function (commit=False/True),
so a commit recomputes the changeset against the database as it is then; a
commit that finds new problems goes back to review. The uploaded file holds
personal data: it is deleted once committed, refused or discarded, and a
daily job discards reviews left open and re-queues jobs whose message was lost.

An app describes its import with an `ImportFlow` (its model, its run function
and its two Celery tasks) and calls the flow's methods from its services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rhs_portal.models import ImportStatus, ReviewedImport
from rhs_portal.statemachine import TransitionConflict
from rhs_portal.tasks import enqueue


class ImportStateError(Exception):
    pass


class ImportResultLike(Protocol):
    refused: str
    committed: bool

    def as_summary(self) -> dict: ...


# run(imp, source, commit, now, progress) -> result
RunFunction = Callable[[Any, Any, bool, "dt.datetime | None", Callable[[int, int], None]], ImportResultLike]


@dataclass(frozen=True)
class ImportFlow:
    model: type[ReviewedImport]
    run: RunFunction
    tasks: Callable[[], tuple[Any, Any]]  # () -> (preview task, commit task); imported late (tasks import services)
    file_prefix: str

    def _manager(self):
        return self.model._default_manager

    def _with_relations(self):
        return self._manager().select_related("unit", "uploaded_by", "committed_by")

    def upload(self, *, unit, user, upload: UploadedFile) -> ReviewedImport:
        """Store the uploaded file and queue its preview."""
        preview_task, _commit_task = self.tasks()
        with transaction.atomic():
            imp = self.model(unit=unit, uploaded_by=user, original_name=upload.name[:255],
                             status=ImportStatus.PREVIEWING)
            imp.file.save(f"{self.file_prefix}{unit.pk}-{timezone.now():%Y%m%d%H%M%S}.csv", upload, save=False)
            imp.save()
            enqueue(preview_task, imp.pk)
        return imp

    def progress_writer(self, imp: ReviewedImport) -> Callable[[int, int], None]:
        def write(done: int, total: int) -> None:
            self._manager().filter(pk=imp.pk).update(progress_done=done, progress_total=max(total, done))

        return write

    def _run(self, imp: ReviewedImport, *, commit: bool, now: dt.datetime | None):
        with imp.file.open("rb") as source:
            return self.run(imp, source, commit, now, self.progress_writer(imp))

    def preview_job(self, *, import_id: int, now: dt.datetime | None = None) -> ReviewedImport | None:
        imp = self._with_relations().filter(pk=import_id).first()
        if imp is None or imp.status != ImportStatus.PREVIEWING:
            return imp
        try:
            result = self._run(imp, commit=False, now=now)
        except Exception as exc:
            self._manager().filter(pk=imp.pk).update(status=ImportStatus.FAILED, failure_message=str(exc))
            raise
        status = ImportStatus.REFUSED if result.refused else ImportStatus.PREVIEWED
        self._manager().filter(pk=imp.pk, status=ImportStatus.PREVIEWING).update(
            status=status, summary=result.as_summary(), failure_message=result.refused
        )
        if status == ImportStatus.REFUSED:
            self.delete_file(imp)
        imp.refresh_from_db()
        return imp

    def commit_request(self, *, imp: ReviewedImport, user, skip_invalid: bool) -> ReviewedImport:
        """Ask for the commit of a previewed import; the work happens in a job."""
        _preview_task, commit_task = self.tasks()
        if imp.status != ImportStatus.PREVIEWED:
            raise ImportStateError(_("This import cannot be committed now (it is %(status)s).")
                                   % {"status": imp.get_status_display().lower()})
        if imp.error_count and not skip_invalid:
            raise ImportStateError(
                _("The file has rows with errors. Tick 'import only the valid rows' to import the rest.")
            )
        with transaction.atomic():
            updated = self._manager().filter(pk=imp.pk, status=ImportStatus.PREVIEWED).update(
                status=ImportStatus.COMMITTING, skip_invalid=skip_invalid, committed_by=user,
                progress_done=0, progress_total=0,
            )
            if not updated:
                raise TransitionConflict()
            enqueue(commit_task, imp.pk)
        imp.refresh_from_db()
        return imp

    def commit_job(self, *, import_id: int, now: dt.datetime | None = None) -> ReviewedImport | None:
        imp = self._with_relations().filter(pk=import_id).first()
        if imp is None or imp.status != ImportStatus.COMMITTING:
            return imp
        now = now or timezone.now()
        try:
            result = self._run(imp, commit=True, now=now)
        except Exception as exc:
            self._manager().filter(pk=imp.pk).update(status=ImportStatus.FAILED, failure_message=str(exc))
            raise
        if result.committed:
            self._manager().filter(pk=imp.pk).update(
                status=ImportStatus.COMMITTED, summary=result.as_summary(), committed_at=now
            )
            self.delete_file(imp)
        else:
            # Back to review: the file changed meaning since the preview (e.g. new errors).
            self._manager().filter(pk=imp.pk).update(
                status=ImportStatus.PREVIEWED, summary=result.as_summary(), failure_message=result.refused
            )
        imp.refresh_from_db()
        return imp

    def discard(self, *, imp: ReviewedImport, user) -> ReviewedImport:
        updated = self._manager().filter(
            pk=imp.pk, status__in=[ImportStatus.PREVIEWED, ImportStatus.REFUSED]
        ).update(status=ImportStatus.DISCARDED)
        if not updated:
            raise ImportStateError(_("Only an import waiting for review can be discarded."))
        self.delete_file(imp)
        imp.refresh_from_db()
        return imp

    def delete_file(self, imp: ReviewedImport) -> None:
        """The uploaded file holds personal data: keep it no longer than the review needs."""
        if imp.file:
            imp.file.delete(save=False)
            self._manager().filter(pk=imp.pk).update(file="")

    def purge_stale(self, *, now: dt.datetime | None = None, max_age: dt.timedelta = dt.timedelta(days=2)) -> dict:
        """Discard reviews left open for days (their files go) and re-queue jobs whose message was lost."""
        preview_task, commit_task = self.tasks()
        now = now or timezone.now()
        stale = self._manager().filter(
            status__in=[ImportStatus.PREVIEWED, ImportStatus.REFUSED], created_at__lt=now - max_age
        )
        discarded = 0
        for imp in stale:
            self.delete_file(imp)
            discarded += self._manager().filter(pk=imp.pk).update(status=ImportStatus.DISCARDED)
        requeued = 0
        stuck = self._manager().filter(
            status__in=[ImportStatus.PREVIEWING, ImportStatus.COMMITTING],
            created_at__lt=now - dt.timedelta(minutes=30),
            progress_done=0,
        )
        for imp in stuck:
            task = preview_task if imp.status == ImportStatus.PREVIEWING else commit_task
            task.delay(imp.pk)
            requeued += 1
        return {"discarded": discarded, "requeued": requeued}

    def purge_files(self, *, before: dt.datetime, keep: tuple[str, ...]) -> int:
        """Retention: the files of imports created before `before` go, and their summaries keep only `keep`."""
        removed = 0
        for imp in self._manager().filter(created_at__lt=before).exclude(file="", summary__has_key="thinned"):
            self.delete_file(imp)
            counts = {k: v for k, v in imp.summary.items() if k in keep}
            self._manager().filter(pk=imp.pk).update(summary={**counts, "thinned": True})
            removed += 1
        return removed
