"""The Django side of the Hälsokurva: threshold tables as rows, and stored results with overrides.

The scoring itself is pure (``halsokurva.scoring``); these models keep what it reads (a
versioned threshold table per region, valid from a date) and what it produced (a result that
names the table it used, with the nurse's overrides beside the computed levels).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from halsokurva.constants import ROW_KEYS
from halsokurva.results import ScoringResult


class ThresholdTable(models.Model):
    """One version of the threshold table (JSON of schema rhs-halsokurva-table/1).

    ``region`` empty means a national table, used by every region without one of its own.
    ``version`` and ``valid_from`` are read from the JSON, so the data names itself. A table a
    result has used is never edited again: a change is a new version.
    """

    region = models.ForeignKey(
        "population.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="threshold_tables",
        verbose_name=_("region"), help_text=_("Empty: the national table, used where a region has none of its own."),
    )
    version = models.CharField(_("version"), max_length=60, unique=True)
    valid_from = models.DateField(_("valid from"))
    table = models.JSONField(_("table"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("threshold table")
        verbose_name_plural = _("threshold tables")
        ordering = ["-valid_from", "-pk"]

    def __str__(self) -> str:
        return f"{self.version} ({self.valid_from:%Y-%m-%d})"

    @property
    def needs_review_count(self) -> int:
        """How many entries of the table carry needs_clinical_review: true."""

        def count(node) -> int:
            if isinstance(node, dict):
                return int(node.get("needs_clinical_review") is True) + sum(count(v) for v in node.values())
            if isinstance(node, list):
                return sum(count(v) for v in node)
            return 0

        return count(self.table)


class HalsokurvaResult(models.Model):
    """A computed Hälsokurva: levels, values and alerts as the table version in force gave them.

    ``computed`` is ``ScoringResult.as_json()``; ``inputs`` the scoring input it was computed
    from; ``sex_used`` the sex the sex-specific rules used (empty: none). Overrides are kept
    beside it (``LevelOverride``), never written into it. Once ``frozen_at`` is set (the visit's
    note is signed) it is not recomputed.
    """

    table = models.ForeignKey(ThresholdTable, on_delete=models.PROTECT, related_name="results",
                              verbose_name=_("threshold table"))
    ruleset = models.CharField(_("rule set"), max_length=60)
    sex_used = models.CharField(_("sex used"), max_length=6, blank=True)
    inputs = models.JSONField(_("inputs"), default=dict)
    computed = models.JSONField(_("computed result"), default=dict)
    computed_at = models.DateTimeField(_("computed"))
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)

    class Meta:
        verbose_name = _("Hälsokurva result")
        verbose_name_plural = _("Hälsokurva results")

    def __str__(self) -> str:
        return f"{self.ruleset} ({self.computed_at:%Y-%m-%d %H:%M})"

    def scoring_result(self) -> ScoringResult:
        return ScoringResult.from_json(self.computed, sex_used=self.sex_used or None)


class LevelOverride(models.Model):
    """The nurse's level for one row, with the reason; append-only (the latest per row is in force).

    A row without ``level`` withdraws the row's earlier override.
    """

    result = models.ForeignKey(HalsokurvaResult, on_delete=models.CASCADE, related_name="overrides")
    row_key = models.CharField(_("row"), max_length=20, choices=[(k, k) for k in ROW_KEYS])
    level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("time"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        verbose_name = _("level override")
        verbose_name_plural = _("level overrides")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["result", "row_key", "-created_at"], name="override_result_row")]
        constraints = [
            models.CheckConstraint(condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=4),
                                   name="override_level_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.row_key}: {self.level or '–'}"
