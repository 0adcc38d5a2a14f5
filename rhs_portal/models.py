"""Abstract building blocks shared by the apps (the project package has no tables)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ProgressTracked(models.Model):
    """A long job that shows a progress bar: done of total, and a message on failure."""

    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    failure_message = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def progress_percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))


class ImportStatus(models.TextChoices):
    PREVIEWING = "previewing", _("Checking the file")
    PREVIEWED = "previewed", _("Ready to review")
    REFUSED = "refused", _("The file cannot be read")
    COMMITTING = "committing", _("Importing")
    COMMITTED = "committed", _("Imported")
    DISCARDED = "discarded", _("Discarded")
    FAILED = "failed", _("Failed")


class ReviewedImport(ProgressTracked):
    """An uploaded file that is previewed as a changeset, then committed or discarded (rhs_portal/imports.py).

    Concrete models add the unit and the users (`unit`, `uploaded_by`, `committed_by`).
    """

    file = models.FileField(upload_to="imports/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(_("status"), max_length=12, choices=ImportStatus.choices, db_index=True)
    skip_invalid = models.BooleanField(_("import valid rows only"), default=False)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def error_count(self) -> int:
        return self.summary.get("error_count", 0)

    @property
    def is_busy(self) -> bool:
        return self.status in (ImportStatus.PREVIEWING, ImportStatus.COMMITTING)
