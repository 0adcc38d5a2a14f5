from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rhs_portal.models import ProgressTracked

from .org import CareUnit


class ImportStatus(models.TextChoices):
    PREVIEWING = "previewing", _("Checking the file")
    PREVIEWED = "previewed", _("Ready to review")
    REFUSED = "refused", _("The file cannot be read")
    COMMITTING = "committing", _("Importing")
    COMMITTED = "committed", _("Imported")
    DISCARDED = "discarded", _("Discarded")
    FAILED = "failed", _("Failed")


class PopulationImport(ProgressTracked):
    """An uploaded list: previewed as a changeset, then committed or discarded."""

    unit = models.ForeignKey(CareUnit, on_delete=models.PROTECT, related_name="imports", verbose_name=_("unit"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    file = models.FileField(upload_to="imports/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(_("status"), max_length=12, choices=ImportStatus.choices, db_index=True)
    skip_invalid = models.BooleanField(_("import valid rows only"), default=False)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("population import")
        verbose_name_plural = _("population imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def error_count(self) -> int:
        return self.summary.get("error_count", 0)

    @property
    def is_busy(self) -> bool:
        return self.status in (ImportStatus.PREVIEWING, ImportStatus.COMMITTING)
