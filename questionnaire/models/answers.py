"""A citizen's answers to one questionnaire version, for one participation.

The questionnaire app sits below invitations (it depends on population only), so a response
names its participation by id and carries the unit and person it belongs to; scoping reads
the unit. Each answer records who entered it and how (citizen online, staff from a paper
form, staff with the citizen on site).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rhs_portal.statemachine import StateMachine, StatusHistory

from .definition import Question, QuestionnaireVersion


class ResponseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", pgettext_lazy("questionnaire response", "In progress")
    SUBMITTED = "submitted", pgettext_lazy("questionnaire response", "Answered")
    LOCKED = "locked", pgettext_lazy("questionnaire response", "Closed after the visit")


class EntryMethod(models.TextChoices):
    CITIZEN_ONLINE = "citizen_online", _("Citizen online")
    STAFF_PAPER = "staff_paper", _("Staff, from a paper form")
    STAFF_ON_SITE = "staff_on_site", _("Staff, with the citizen on site")


class QuestionnaireResponse(models.Model):
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.PROTECT, related_name="responses",
                                verbose_name=_("version"))
    participation_id = models.BigIntegerField(
        _("participation"), unique=True, help_text=_("The invitations participation the answers belong to."))
    person = models.ForeignKey("population.Person", on_delete=models.PROTECT, related_name="questionnaire_responses",
                               verbose_name=_("person"))
    unit = models.ForeignKey("population.CareUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("care unit"))
    status = models.CharField(_("status"), max_length=12, choices=ResponseStatus.choices,
                              default=ResponseStatus.IN_PROGRESS, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed"))
    started_at = models.DateTimeField(_("started"))
    updated_at = models.DateTimeField(_("last answer"))
    submitted_at = models.DateTimeField(_("answered"), null=True, blank=True)
    last_page = models.PositiveSmallIntegerField(_("last page"), default=1)

    class Meta:
        verbose_name = _("questionnaire response")
        verbose_name_plural = _("questionnaire responses")
        indexes = [models.Index(fields=["unit", "status"], name="qresponse_unit_status")]

    def __str__(self) -> str:
        return f"{self.version.version} – {self.person}"

    @property
    def is_answered(self) -> bool:
        return self.status in (ResponseStatus.SUBMITTED, ResponseStatus.LOCKED)


class ResponseEvent(StatusHistory):
    response = models.ForeignKey(QuestionnaireResponse, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusHistory.Meta):
        verbose_name = _("questionnaire response event")
        verbose_name_plural = _("questionnaire response events")


_S = ResponseStatus
RESPONSE_MACHINE = StateMachine(
    model=QuestionnaireResponse,
    field="status",
    changed_at_field="status_changed_at",
    history_model=ResponseEvent,
    history_fk="response",
    table={
        _S.IN_PROGRESS: frozenset({_S.SUBMITTED, _S.LOCKED}),
        _S.SUBMITTED: frozenset({_S.LOCKED}),
        _S.LOCKED: frozenset(),
    },
)


class Answer(models.Model):
    """The current answer to one question; ``value`` is an option key, a list of keys, a number or text."""

    response = models.ForeignKey(QuestionnaireResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    value = models.JSONField(_("answer"))
    method = models.CharField(_("entered how"), max_length=16, choices=EntryMethod.choices)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("entered by"))
    entered_at = models.DateTimeField(_("entered"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_response_question")]

    def __str__(self) -> str:
        return f"{self.question.key} = {self.value}"
