"""The region's contact timeline (reminders, auto-close, phone attempts) as data.

Read by the reminder sweep (`reminders`) and by the call list (`responses`):
both take the timings through `invitations.selectors.timings.contact_timings`,
which falls back to the manual's defaults when the region has no row.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from population.models import Region

DEFAULT_TIMINGS = {
    "auto_reminder_days": 5,
    "manual_reminder_days": 12,
    "auto_close_days": 30,
    "phone_attempts": 3,
    "letter_answer_days": 30,
    "booking_reminder_working_days": 2,
    "lab_reminder_days": 7,
}


def _days(label, help_text, default, maximum=120):
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        help_text=help_text,
        validators=[MinValueValidator(1), MaxValueValidator(maximum)],
    )


class ContactTimings(models.Model):
    """One row per region; days are calendar days in Europe/Stockholm from the day the invitation was sent."""

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="contact_timings", verbose_name=_("region")
    )
    auto_reminder_days = _days(
        _("automatic reminder after (days)"),
        _("Sent when the invitation is still unread."),
        DEFAULT_TIMINGS["auto_reminder_days"],
    )
    manual_reminder_days = _days(
        _("manual reminder after (days)"),
        _("A task for the case handlers when there is still no answer."),
        DEFAULT_TIMINGS["manual_reminder_days"],
    )
    auto_close_days = _days(
        _("close automatically after (days)"),
        _("The case closes, read or not; without an answer the person is to be phoned."),
        DEFAULT_TIMINGS["auto_close_days"],
    )
    phone_attempts = _days(
        _("phone attempts"),
        _("Attempts without reaching the person before a letter is sent instead."),
        DEFAULT_TIMINGS["phone_attempts"],
        maximum=20,
    )
    letter_answer_days = _days(
        _("days to answer the letter"),
        _("Without an answer to the letter in this time, the person is 'not reached'."),
        DEFAULT_TIMINGS["letter_answer_days"],
    )
    booking_reminder_working_days = _days(
        _("booking reminder (working days before the visit)"),
        "",
        DEFAULT_TIMINGS["booking_reminder_working_days"],
        maximum=20,
    )
    lab_reminder_days = _days(
        _("lab reminder (days before the visit)"), "", DEFAULT_TIMINGS["lab_reminder_days"], maximum=60
    )

    class Meta:
        verbose_name = _("contact timings")
        verbose_name_plural = _("contact timings")

    def __str__(self) -> str:
        return str(self.region)

    def clean(self):
        if not self.auto_reminder_days < self.manual_reminder_days < self.auto_close_days:
            raise ValidationError(
                _("The automatic reminder comes before the manual one, and both before the case closes.")
            )
