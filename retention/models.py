from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionRule(models.Model):
    """How long one kind of data is kept (never shorter than the target's legal minimum)."""

    target = models.CharField(_("data"), max_length=60, unique=True)
    keep_days = models.PositiveIntegerField(_("keep (days)"))
    enabled = models.BooleanField(_("enabled"), default=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        ordering = ["target"]

    def __str__(self) -> str:
        return f"{self.target}: {self.keep_days} d"


class RetentionRun(models.Model):
    """What one sweep removed (target → rows or files), for the administrators to read."""

    ran_at = models.DateTimeField(_("ran at"))
    report = models.JSONField(_("removed"), default=dict)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M}"
