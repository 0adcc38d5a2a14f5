"""A send batch: a handful of a round's selected participations, checked, then invited with one 'Skicka'."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from population.models import CareUnit
from rhs_portal.statemachine import StateMachine, StatusHistory

from .cases import CASE_TEMPLATES, InvitationCase
from .contacts import Contact
from .rounds import Participation, Round


class BatchStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("batch status", "Being prepared")
    SENT = "sent", pgettext_lazy("batch status", "Sent")
    DISCARDED = "discarded", pgettext_lazy("batch status", "Discarded")


class Route(models.TextChoices):
    DIGITAL = "digital", _("Digital (inbox)")
    PHONE = "phone", _("Phone")
    LETTER = "letter", _("Letter")
    EXCLUDED = "excluded", _("Excluded")
    SKIPPED = "skipped", _("Already invited")


class SendBatch(models.Model):
    unit = models.ForeignKey(CareUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="send_batches")
    template_kind = models.CharField(_("template"), max_length=24, choices=CASE_TEMPLATES)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.DRAFT)
    status_changed_at = models.DateTimeField(_("status changed"))
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    counts = models.JSONField(_("result"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("sent by"),
    )

    class Meta:
        verbose_name = _("send batch")
        verbose_name_plural = _("send batches")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_template_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"


class SendBatchEvent(StatusHistory):
    batch = models.ForeignKey(SendBatch, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusHistory.Meta):
        verbose_name = _("send batch event")
        verbose_name_plural = _("send batch events")


class SendBatchItem(models.Model):
    batch = models.ForeignKey(SendBatch, on_delete=models.CASCADE, related_name="items")
    participation = models.ForeignKey(Participation, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(_("order"))
    route = models.CharField(_("channel"), max_length=10, choices=Route.choices, blank=True)
    route_reason = models.CharField(_("reason"), max_length=40, blank=True)
    case = models.ForeignKey(InvitationCase, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["batch", "position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "participation"], name="batch_item_participation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.position}"


_B = BatchStatus
BATCH_MACHINE = StateMachine(
    model=SendBatch,
    field="status",
    changed_at_field="status_changed_at",
    history_model=SendBatchEvent,
    history_fk="batch",
    table={_B.DRAFT: frozenset({_B.SENT, _B.DISCARDED}), _B.SENT: frozenset(), _B.DISCARDED: frozenset()},
)
