"""The 1177-style case: one invitation exchange inside a participation, with its status machine."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from population.models import CareUnit
from rhs_portal.statemachine import StateMachine, StatusHistory

from .rounds import AnswerChannel, CitizenAnswer, Participation
from .templates import TemplateKind


class CaseStatus(models.TextChoices):
    # The labels are the 1177 staff tool's (DESIGN.md §4).
    SENT_UNREAD = "sent_unread", pgettext_lazy("case status", "Question to citizen")
    READ = "read", pgettext_lazy("case status", "Assigned (question to citizen, read by citizen)")
    ANSWERED = "answered", pgettext_lazy("case status", "Assigned (answer from citizen)")
    CLOSED = "closed", pgettext_lazy("case status", "Closed")


OPEN_CASE_STATUSES = (CaseStatus.SENT_UNREAD, CaseStatus.READ, CaseStatus.ANSWERED)


class CloseReason(models.TextChoices):
    NONE = "", "—"
    ANSWERED_CLOSED = "answered_closed", _("Answered and closed")
    AUTO_CLOSED = "auto_closed", _("Closed automatically after 30 days")
    CANCELLED = "cancelled", _("Cancelled")


# What the citizen can answer to each invitation template (the manual's options).
ANSWERS_BY_TEMPLATE = {
    TemplateKind.INVITATION_WEB: (CitizenAnswer.SELF_BOOK, CitizenAnswer.CALL_ME, CitizenAnswer.DECLINE),
    TemplateKind.INVITATION_PHONE: (CitizenAnswer.CALL_ME, CitizenAnswer.DECLINE),
}
CASE_TEMPLATES = [(k.value, k.label) for k in ANSWERS_BY_TEMPLATE]


class InvitationCase(models.Model):
    participation = models.ForeignKey(Participation, on_delete=models.PROTECT, related_name="cases")
    unit = models.ForeignKey(CareUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    template_kind = models.CharField(_("template"), max_length=24, choices=CASE_TEMPLATES)
    template_version_id = models.BigIntegerField(_("template version"))
    language = models.CharField(_("language variant"), max_length=8, default="sv")
    status = models.CharField(_("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.SENT_UNREAD)
    status_changed_at = models.DateTimeField(_("status changed"))
    close_reason = models.CharField(_("close reason"), max_length=16, choices=CloseReason.choices, blank=True)
    answer = models.CharField(_("answer"), max_length=10, choices=CitizenAnswer.choices, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer_channel = models.CharField(_("answered through"), max_length=8, choices=AnswerChannel.choices,
                                      blank=True)
    read_at = models.DateTimeField(_("read by the citizen"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("case handler"),
    )
    created_at = models.DateTimeField(_("sent"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("sent by"),
    )
    idempotency_key = models.CharField(max_length=200, unique=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "status", "created_at"], name="case_unit_status"),
            models.Index(fields=["assignee", "status"], name="case_assignee_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_template_kind_display()} – {self.participation.person}"

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED

    @property
    def subject_ref(self) -> str:
        return f"invitations.invitationcase:{self.pk}"

    @property
    def answer_options(self) -> tuple[str, ...]:
        return ANSWERS_BY_TEMPLATE.get(self.template_kind, ())


class CaseEvent(StatusHistory):
    case = models.ForeignKey(InvitationCase, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusHistory.Meta):
        verbose_name = _("case event")
        verbose_name_plural = _("case events")


class CaseAssignment(models.Model):
    """Who assigned the case to whom (append-only); the current assignee is on the case."""

    case = models.ForeignKey(InvitationCase, on_delete=models.CASCADE, related_name="assignments")
    at = models.DateTimeField(_("time"))
    actor_name = models.CharField(_("by"), max_length=150)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("assigned to"),
    )

    class Meta:
        verbose_name = _("case assignment")
        verbose_name_plural = _("case assignments")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} → {self.assignee or '—'}"


_C = CaseStatus
CASE_MACHINE = StateMachine(
    model=InvitationCase,
    field="status",
    changed_at_field="status_changed_at",
    history_model=CaseEvent,
    history_fk="case",
    table={
        _C.SENT_UNREAD: frozenset({_C.READ, _C.CLOSED}),
        _C.READ: frozenset({_C.ANSWERED, _C.CLOSED}),
        _C.ANSWERED: frozenset({_C.CLOSED}),
        _C.CLOSED: frozenset(),
    },
)
