"""Reference data administrators maintain: KVÅ codes for advice, contact reasons, and per-region choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .dialogue import Habit


class KvaLevel(models.TextChoices):
    SIMPLE = "simple", _("Simple advice")
    ADVISORY = "advisory", _("Advisory talk")
    QUALIFIED = "qualified", _("Qualified advisory talk")
    PRESCRIPTION = "prescription", _("Physical activity on prescription")


class KvaCode(models.Model):
    """One KVÅ code (Socialstyrelsen's classification of care measures) for advice on a habit."""

    region = models.ForeignKey("population.Region", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("region"),
                               help_text=_("Empty: the national list, used in every region."))
    code = models.CharField(_("code"), max_length=10)
    text = models.CharField(_("text"), max_length=200)
    habit = models.CharField(_("habit"), max_length=20, choices=Habit.choices)
    level = models.CharField(_("kind of advice"), max_length=12, choices=KvaLevel.choices)
    needs_verification = models.BooleanField(
        _("verify"), default=False, help_text=_("Shipped as reference data that has not been checked against KVÅ."))
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("KVÅ code")
        verbose_name_plural = _("KVÅ codes")
        ordering = ["habit", "level", "code"]
        constraints = [models.UniqueConstraint(fields=["region", "code"], name="kvacode_region_code",
                                               nulls_distinct=False)]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class ContactReason(models.Model):
    """A kontaktorsak the journal note may state; reimbursement depends on it (DOMAIN.md §5)."""

    region = models.ForeignKey("population.Region", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("region"),
                               help_text=_("Empty: offered in every region without its own list."))
    text = models.CharField(_("contact reason"), max_length=120)
    is_default = models.BooleanField(_("chosen by default"), default=False)
    active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("contact reason")
        verbose_name_plural = _("contact reasons")
        ordering = ["order", "text"]

    def __str__(self) -> str:
        return self.text


class Chart(models.TextChoices):
    HALSOKURVA = "halsokurva", _("Hälsokurva")
    STJARNPROFIL = "stjarnprofil", _("Stjärnprofil")
    BOTH = "both", _("Both")


class VisitSettings(models.Model):
    """How a region runs the visit: which health profile it shows."""

    region = models.OneToOneField("population.Region", on_delete=models.CASCADE, related_name="visit_settings",
                                  verbose_name=_("region"))
    chart = models.CharField(_("health profile shown"), max_length=12, choices=Chart.choices,
                             default=Chart.HALSOKURVA)

    class Meta:
        verbose_name = _("visit settings")
        verbose_name_plural = _("visit settings")

    def __str__(self) -> str:
        return str(self.region)
