"""Call attempts on the call list ("Ring upp"): every call is logged with a required outcome."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from invitations.models import Contact, Participation


class CallOutcome(models.TextChoices):
    BOOKED = "booked", pgettext_lazy("call outcome", "Reached and booked")
    CALL_LATER = "call_later", pgettext_lazy("call outcome", "Reached – call later")
    NO_ANSWER = "no_answer", pgettext_lazy("call outcome", "No answer")
    WRONG_NUMBER = "wrong_number", pgettext_lazy("call outcome", "Wrong number")
    DECLINED = "declined", pgettext_lazy("call outcome", "Declined on the phone")


# Outcomes that count towards the region's phone attempts (the person was not reached).
NOT_REACHED_OUTCOMES = frozenset({CallOutcome.NO_ANSWER, CallOutcome.WRONG_NUMBER})


class CallAttempt(models.Model):
    """One call to a person on the call list. Append-only; `number` counts the calls of the contact."""

    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, related_name="call_attempts", verbose_name=_("contact")
    )
    participation = models.ForeignKey(Participation, on_delete=models.PROTECT, related_name="call_attempts")
    number = models.PositiveSmallIntegerField(_("call number"))
    at = models.DateTimeField(_("time"))
    outcome = models.CharField(_("outcome"), max_length=14, choices=CallOutcome.choices)
    call_back_at = models.DateTimeField(_("call back"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("called by"),
    )
    by_name = models.CharField(_("called by"), max_length=150)

    class Meta:
        verbose_name = _("call attempt")
        verbose_name_plural = _("call attempts")
        ordering = ["at", "id"]
        constraints = [
            # A double submit of the same call (the form posts the number it expects) logs it once.
            models.UniqueConstraint(fields=["contact", "number"], name="callattempt_contact_number"),
            models.CheckConstraint(
                condition=~models.Q(outcome="call_later") | models.Q(call_back_at__isnull=False),
                name="callattempt_call_later_has_time",
            ),
        ]
        indexes = [models.Index(fields=["participation", "at"], name="callattempt_participation")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_outcome_display()}"
