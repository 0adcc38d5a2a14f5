from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rhs_portal.models import ImportStatus, ReviewedImport

from .org import CareUnit

__all__ = ["ImportStatus", "PopulationImport"]


class PopulationImport(ReviewedImport):
    """An uploaded list: previewed as a changeset, then committed or discarded."""

    unit = models.ForeignKey(CareUnit, on_delete=models.PROTECT, related_name="imports", verbose_name=_("unit"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta(ReviewedImport.Meta):
        verbose_name = _("population import")
        verbose_name_plural = _("population imports")
