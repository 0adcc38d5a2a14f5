"""The journal note for the EHR template "Riktat hälsosamtal primärvården", and pre-visit reminders."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .visit import Visit


class JournalNote(models.Model):
    """The note as signed: its text is what the nurse copied to the EHR; codes are kept as data too."""

    visit = models.OneToOneField(Visit, on_delete=models.PROTECT, related_name="note")
    contact_reason = models.CharField(_("contact reason"), max_length=120)
    diagnosis_codes = models.JSONField(_("diagnosis codes"), default=list)
    kva_codes = models.JSONField(_("KVÅ codes"), default=list)
    advice_text = models.TextField(_("advice and other notes"), blank=True)
    text = models.TextField(_("note"))
    signed_at = models.DateTimeField(_("signed"))
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("signed by"))

    class Meta:
        verbose_name = _("journal note")
        verbose_name_plural = _("journal notes")

    def __str__(self) -> str:
        return f"{self.visit} ({self.signed_at:%Y-%m-%d})"


class PrevisitReminder(models.Model):
    """A reminder sent before the visit (questionnaire or lab samples missing)."""

    participation = models.ForeignKey("invitations.Participation", on_delete=models.PROTECT,
                                      related_name="previsit_reminders")
    sent_at = models.DateTimeField(_("sent"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("sent by"))
    channel = models.CharField(_("channel"), max_length=10)
    reasons = models.JSONField(_("reminded about"), default=list)
    message_id = models.BigIntegerField(_("outbox message"), null=True, blank=True)

    class Meta:
        verbose_name = _("pre-visit reminder")
        verbose_name_plural = _("pre-visit reminders")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.participation_id} {self.sent_at:%Y-%m-%d}"
