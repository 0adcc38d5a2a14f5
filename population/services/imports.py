"""The population import as a job: upload → preview (Celery) → review → commit (Celery) or discard.

The job's life cycle is the shared `rhs_portal.imports.ImportFlow`; this
module says what the population import runs.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import UploadedFile

from population.models import CareUnit, PopulationImport, StaffUser
from population.services.audit import Actor
from population.services.population_import import population_import_run
from rhs_portal.imports import ImportFlow, ImportStateError

__all__ = [
    "ImportStateError",
    "import_commit_job",
    "import_commit_request",
    "import_discard",
    "import_preview_job",
    "import_upload",
    "imports_purge_files",
    "imports_purge_stale",
]


def _tasks():
    from population.tasks import commit_import, preview_import

    return preview_import, commit_import


def _run(imp: PopulationImport, source, commit: bool, now: dt.datetime | None, progress):
    return population_import_run(
        unit=imp.unit,
        source=source,
        commit=commit,
        skip_invalid=imp.skip_invalid,
        actor=Actor.staff(imp.committed_by or imp.uploaded_by, imp.unit),
        now=now,
        progress=progress,
    )


FLOW = ImportFlow(model=PopulationImport, run=_run, tasks=_tasks, file_prefix="unit")


def import_upload(*, unit: CareUnit, user: StaffUser, upload: UploadedFile) -> PopulationImport:
    """Store the uploaded list and queue its preview."""
    return FLOW.upload(unit=unit, user=user, upload=upload)


def import_preview_job(*, import_id: int, now: dt.datetime | None = None) -> PopulationImport | None:
    return FLOW.preview_job(import_id=import_id, now=now)


def import_commit_request(*, imp: PopulationImport, user: StaffUser, skip_invalid: bool) -> PopulationImport:
    """Ask for the commit of a previewed import; the work happens in a job."""
    return FLOW.commit_request(imp=imp, user=user, skip_invalid=skip_invalid)


def import_commit_job(*, import_id: int, now: dt.datetime | None = None) -> PopulationImport | None:
    return FLOW.commit_job(import_id=import_id, now=now)


def import_discard(*, imp: PopulationImport, user: StaffUser) -> PopulationImport:
    return FLOW.discard(imp=imp, user=user)


def imports_purge_stale(*, now: dt.datetime | None = None, max_age: dt.timedelta = dt.timedelta(days=2)) -> dict:
    """Discard reviews left open for days (their files go) and re-queue jobs whose message was lost."""
    return FLOW.purge_stale(now=now, max_age=max_age)


def imports_purge_files(*, before: dt.datetime, now: dt.datetime) -> int:
    """Retention: uploaded lists and the names in their previews go once the import is this old."""
    return FLOW.purge_files(before=before, keep=("new", "changed", "unchanged", "removed", "error_count", "moved",
                                                 "rows_read", "committed"))
