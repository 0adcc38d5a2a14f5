"""The outbox: every message to a citizen is a row, written in the caller's transaction.

The app is infrastructure: it knows no domain model. A message names its
recipient by value (person id, name, addresses, how an inbox message is
announced) and what it belongs to by `subject_ref` ("app_label.model:pk").
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rhs_portal.statemachine import StateMachine, StatusHistory


class MessageKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    REMINDER = "reminder", _("Reminder")
    REPLY = "reply", _("Reply")
    BOOKING_CONFIRMATION = "booking_confirmation", _("Booking confirmation")
    BOOKING_REMINDER = "booking_reminder", _("Booking reminder")
    LAB_REMINDER = "lab_reminder", _("Lab test reminder")
    PREVISIT_REMINDER = "previsit_reminder", _("Reminder before the visit")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    INBOX = "inbox", _("Citizen inbox")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class NotifyBy(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Mobile")
    EMAIL_SMS = "email_sms", _("E-mail and mobile")
    MISSING = "", _("Missing")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("message status", "Queued")
    SENDING = "sending", pgettext_lazy("message status", "Sending")
    SENT = "sent", pgettext_lazy("message status", "Delivered")
    FAILED = "failed", pgettext_lazy("message status", "Failed")
    CANCELLED = "cancelled", pgettext_lazy("message status", "Cancelled")


class OutboxMessage(models.Model):
    kind = models.CharField(_("kind"), max_length=24, choices=MessageKind.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    # The recipient, by value (no foreign key: this app imports no domain app).
    person_id = models.BigIntegerField(_("person id"), db_index=True)
    recipient_name = models.CharField(_("recipient"), max_length=200)
    recipient_email = models.CharField(_("e-mail"), max_length=254, blank=True)
    recipient_phone = models.CharField(_("phone"), max_length=20, blank=True)
    notify_by = models.CharField(_("notification"), max_length=10, choices=NotifyBy.choices, blank=True)
    language = models.CharField(_("language"), max_length=8, default="sv")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    link_url = models.CharField(_("link"), max_length=500, blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    template_version_id = models.BigIntegerField(_("template version"), null=True, blank=True)
    subject_ref = models.CharField(_("belongs to"), max_length=100, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED)
    status_changed_at = models.DateTimeField(_("status changed"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(pgettext_lazy("message", "created"))
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    read_at = models.DateTimeField(_("read by the citizen"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    external_id = models.CharField(
        _("id in the inbox service"), max_length=100, blank=True,
        help_text=_("The id a real inbox integration (1177) gave the message."),
    )

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_status_due"),
            # "Which reminders did this person get, and when?" (the statistics' reminder breakdown).
            models.Index(fields=["person_id", "template_version_id", "created_at"], name="outbox_person_template"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_name} ({self.get_status_display()})"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class OutboxEvent(StatusHistory):
    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusHistory.Meta):
        verbose_name = _("outbox event")
        verbose_name_plural = _("outbox events")


_M = MessageStatus
OUTBOX_MACHINE = StateMachine(
    model=OutboxMessage,
    field="status",
    changed_at_field="status_changed_at",
    history_model=OutboxEvent,
    history_fk="message",
    table={
        _M.QUEUED: frozenset({_M.SENDING, _M.CANCELLED}),
        # Back to queued: a failed attempt to retry later, or a worker that died mid-send.
        _M.SENDING: frozenset({_M.SENT, _M.QUEUED, _M.FAILED}),
        _M.FAILED: frozenset({_M.QUEUED, _M.CANCELLED}),
        _M.SENT: frozenset(),
        _M.CANCELLED: frozenset(),
    },
)


class Medium(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class Dispatch(models.Model):
    """One e-mail or SMS that went out: the message itself, or the notice of a new inbox message."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="dispatches")
    medium = models.CharField(_("medium"), max_length=5, choices=Medium.choices)
    address = models.CharField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    sent_at = models.DateTimeField(_("sent"))
    copy_path = models.CharField(_("copy"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("e-mail or SMS sent")
        verbose_name_plural = _("e-mails and SMS sent")
        ordering = ["-sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["message", "medium"], name="dispatch_once_per_medium")]

    def __str__(self) -> str:
        return f"{self.get_medium_display()} → {self.address}"
