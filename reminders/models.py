"""One row per reminder step taken: per (case, kind) for the invitation timeline, per (appointment, kind) for bookings.

The unique constraints are what makes the sweep safe to re-run and to run on
two workers at once: a step is claimed by inserting its row (ON CONFLICT DO
NOTHING), and only the worker whose insert went through sends anything.
`sent_at` is when the step was taken (the message queued, the case closed,
the phone follow-up created, the manual reminder sent by staff): statistics
compare it with `InvitationCase.answered_at`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from invitations.models import InvitationCase, Participation
from population.models import CareUnit
from responses.models import Appointment
from rhs_portal.statemachine import StateMachine, StatusHistory


class ReminderKind(models.TextChoices):
    AUTO_REMINDER = "auto_reminder", _("Automatic reminder")
    MANUAL_TASK = "manual_task", _("Manual reminder")
    AUTO_CLOSE = "auto_close", _("Closed automatically")
    PHONE_FOLLOWUP = "phone_followup", _("Phone follow-up")
    BOOKING_REMINDER = "booking_reminder", _("Booking reminder")
    LAB_REMINDER = "lab_reminder", _("Lab test reminder")
    PREVISIT_REMINDER = "previsit_reminder", _("Pre-visit reminder")


CASE_KINDS = (
    ReminderKind.AUTO_REMINDER,
    ReminderKind.MANUAL_TASK,
    ReminderKind.AUTO_CLOSE,
    ReminderKind.PHONE_FOLLOWUP,
)
APPOINTMENT_KINDS = (ReminderKind.BOOKING_REMINDER, ReminderKind.LAB_REMINDER, ReminderKind.PREVISIT_REMINDER)


class ReminderStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("reminder status", "To send")
    SENT = "sent", pgettext_lazy("reminder status", "Sent")
    DONE = "done", pgettext_lazy("reminder status", "Done")
    CANCELLED = "cancelled", pgettext_lazy("reminder status", "Cancelled")


class Reminder(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=ReminderStatus.choices, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed"))
    case = models.ForeignKey(
        InvitationCase, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    appointment = models.ForeignKey(
        Appointment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    participation = models.ForeignKey(Participation, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(CareUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    created_at = models.DateTimeField(_("created"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    reasons = models.CharField(_("reasons"), max_length=60, blank=True)  # previsit: "questionnaire,lab"
    run = models.CharField(max_length=32, blank=True, db_index=True)  # the sweep run that created the row

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind"], condition=Q(case__isnull=False), name="reminder_case_kind_unique"
            ),
            models.UniqueConstraint(
                fields=["appointment", "kind"],
                condition=Q(appointment__isnull=False),
                name="reminder_appointment_kind_unique",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind__in=CASE_KINDS, case__isnull=False, appointment__isnull=True)
                    | Q(kind__in=APPOINTMENT_KINDS, appointment__isnull=False, case__isnull=True)
                ),
                name="reminder_subject_matches_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "kind", "status", "created_at"], name="reminder_unit_kind_status"),
            models.Index(fields=["participation", "status"], name="reminder_participation"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"


class ReminderEvent(StatusHistory):
    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusHistory.Meta):
        verbose_name = _("reminder event")
        verbose_name_plural = _("reminder events")


_S = ReminderStatus
REMINDER_MACHINE = StateMachine(
    model=Reminder,
    field="status",
    changed_at_field="status_changed_at",
    history_model=ReminderEvent,
    history_fk="reminder",
    table={
        # Only manual tasks are open: sent by staff, or cancelled by an answer or the close.
        _S.OPEN: frozenset({_S.SENT, _S.CANCELLED}),
        _S.SENT: frozenset(),
        _S.DONE: frozenset(),
        _S.CANCELLED: frozenset(),
    },
)
