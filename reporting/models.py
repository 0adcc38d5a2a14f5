from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from invitations.models import Round
from population.models import Region
from rhs_portal.models import JobStatus, ProgressTracked


class AreaIndex(models.Model):
    """Reference data: an area's deprivation index (e.g. a DeSO area's Care Need Index), per region.

    Higher values mean greater need. `quintile` 1–5 is computed over the region's
    areas at import (5 = the fifth of areas with the highest index).
    """

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="area_indexes")
    area_code = models.CharField(_("area code"), max_length=20)
    index = models.DecimalField(_("deprivation index"), max_digits=10, decimal_places=3)
    quintile = models.PositiveSmallIntegerField(_("quintile"))
    imported_at = models.DateTimeField()

    class Meta:
        verbose_name = _("area deprivation index")
        verbose_name_plural = _("area deprivation indexes")
        constraints = [models.UniqueConstraint(fields=["region", "area_code"], name="areaindex_region_area")]

    def __str__(self) -> str:
        return f"{self.area_code}: {self.index} (Q{self.quintile})"


class ResearchProject(models.Model):
    """A research project that may receive pseudonymised extracts (ethics approval required)."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="research_projects")
    name = models.CharField(_("project name"), max_length=200)
    ethics_reference = models.CharField(
        _("ethics approval reference"), max_length=100, help_text=_("E.g. the Ethical Review Authority's Dnr.")
    )
    principal_investigator = models.CharField(_("principal investigator"), max_length=200, blank=True)
    # Keys the project's pseudonyms and date shifts: two projects cannot link their extracts.
    secret = models.CharField(max_length=128, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("research project")
        verbose_name_plural = _("research projects")

    def __str__(self) -> str:
        return f"{self.name} ({self.ethics_reference})"


class DateMode(models.TextChoices):
    SHIFT = "shift", _("Shift each person's dates by a random offset")
    YEAR_MONTH = "year_month", _("Reduce dates to year and month")


class ResearchExport(ProgressTracked):
    """One extract: which rounds, which fields, how dates are protected; run as a job, downloaded once."""

    project = models.ForeignKey(ResearchProject, on_delete=models.PROTECT, related_name="exports")
    rounds = models.ManyToManyField(Round, related_name="+", verbose_name=_("rounds"))
    fields = models.JSONField(_("fields"), default=list)
    date_mode = models.CharField(_("dates"), max_length=12, choices=DateMode.choices, default=DateMode.YEAR_MONTH)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    row_count = models.PositiveIntegerField(default=0, validators=[MinValueValidator(0)])
    encrypted_file = models.FileField(upload_to="research-exports/", blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)
    downloaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("research export")
        verbose_name_plural = _("research exports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.project.name} #{self.pk}"
