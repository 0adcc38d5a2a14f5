"""Letter batches: the letter list printed as one PDF (an invitation and a reply letter per person)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from population.models import CareUnit
from rhs_portal.models import ProgressTracked
from rhs_portal.statemachine import StateMachine, StatusHistory

from .contacts import Contact


class LetterBatchStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("letter batch", "Waiting to be made")
    RUNNING = "running", pgettext_lazy("letter batch", "Being made")
    DONE = "done", pgettext_lazy("letter batch", "Ready")
    FAILED = "failed", pgettext_lazy("letter batch", "Failed")
    DISCARDED = "discarded", pgettext_lazy("letter batch", "Discarded")


class LetterBatch(ProgressTracked):
    unit = models.ForeignKey(CareUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    status = models.CharField(_("status"), max_length=10, choices=LetterBatchStatus.choices,
                              default=LetterBatchStatus.QUEUED)
    status_changed_at = models.DateTimeField(_("status changed"))
    created_at = models.DateTimeField(pgettext_lazy("letter batch", "created"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    pdf = models.FileField(_("PDF"), upload_to="letters/", blank=True)
    page_count = models.PositiveIntegerField(_("pages"), default=0)
    rendered_at = models.DateTimeField(_("made"), null=True, blank=True)
    printed_at = models.DateTimeField(_("printed"), null=True, blank=True)
    printed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("printed by"))
    print_count = models.PositiveIntegerField(_("times printed or downloaded"), default=0)
    handed_over_at = models.DateTimeField(_("handed to the print shop"), null=True, blank=True)
    handed_over_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name=_("handed over by"))
    handover_receipt = models.CharField(_("print shop receipt"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("letter batch")
        verbose_name_plural = _("letter batches")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"BREV-{self.created_at:%Y%m%d}-{self.pk}"

    @property
    def is_busy(self) -> bool:
        return self.status in (LetterBatchStatus.QUEUED, LetterBatchStatus.RUNNING)


class LetterBatchEvent(StatusHistory):
    batch = models.ForeignKey(LetterBatch, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusHistory.Meta):
        verbose_name = _("letter batch event")
        verbose_name_plural = _("letter batch events")


class Letter(models.Model):
    """One person's letter in a batch: the letter contact it prints, and what was printed."""

    batch = models.ForeignKey(LetterBatch, on_delete=models.CASCADE, related_name="letters")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="letters")
    position = models.PositiveIntegerField(_("order"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    pages = models.PositiveSmallIntegerField(_("pages"), default=0)
    template_version_id = models.BigIntegerField(_("letter template version"), null=True, blank=True)
    reply_template_version_id = models.BigIntegerField(_("reply letter template version"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("registered by"))

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["batch", "position"]
        constraints = [models.UniqueConstraint(fields=["batch", "contact"], name="letter_batch_contact_unique")]

    def __str__(self) -> str:
        return self.contact.reference


_L = LetterBatchStatus
LETTER_BATCH_MACHINE = StateMachine(
    model=LetterBatch,
    field="status",
    changed_at_field="status_changed_at",
    history_model=LetterBatchEvent,
    history_fk="batch",
    table={
        _L.QUEUED: frozenset({_L.RUNNING, _L.DISCARDED}),
        _L.RUNNING: frozenset({_L.DONE, _L.FAILED, _L.QUEUED}),  # queued again: a worker died mid-job
        _L.FAILED: frozenset({_L.QUEUED, _L.DISCARDED}),
        _L.DONE: frozenset({_L.DISCARDED}),
        _L.DISCARDED: frozenset(),
    },
)
