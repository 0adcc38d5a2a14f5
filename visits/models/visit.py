"""The health dialogue visit: one per participation, with the measurements in the manual's order.

Values are kept as entered (decimal, as the nurse read them); the Hälsokurva is recomputed
from them, the questionnaire and the lab values whenever they change, until the journal note
is signed (the visit is then documented and nothing changes any more).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rhs_portal.statemachine import StateMachine, StatusHistory


class VisitStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", pgettext_lazy("visit", "In progress")
    DOCUMENTED = "documented", pgettext_lazy("visit", "Documented")


def _decimal(label, digits=5, places=1):
    return models.DecimalField(label, max_digits=digits, decimal_places=places, null=True, blank=True)


def _small(label):
    return models.PositiveSmallIntegerField(label, null=True, blank=True)


class Visit(models.Model):
    participation = models.OneToOneField("invitations.Participation", on_delete=models.PROTECT,
                                         related_name="visit", verbose_name=_("participation"))
    unit = models.ForeignKey("population.CareUnit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("care unit"))
    person = models.ForeignKey("population.Person", on_delete=models.PROTECT, related_name="visits",
                               verbose_name=_("person"))
    status = models.CharField(_("status"), max_length=12, choices=VisitStatus.choices,
                              default=VisitStatus.IN_PROGRESS, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed"))
    started_at = models.DateTimeField(_("started"))
    nurse = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("dialogue leader"))
    updated_at = models.DateTimeField(_("last change"))
    sex_used = models.CharField(
        _("sex for the sex-specific rules"), max_length=6, blank=True,
        help_text=_("From the personal identity number unless staff record otherwise; empty: not used."),
    )
    sex_recorded_by_staff = models.BooleanField(_("sex recorded by staff"), default=False)

    # Measurements (manual step 3), blood pressure after rest (steps 6–7).
    height_cm = _decimal(_("height (cm)"))
    weight_kg = _decimal(_("weight (kg)"))
    waist_cm = _decimal(_("waist (cm)"))
    hip_cm = _decimal(_("hip (cm)"))
    rest_started_at = models.DateTimeField(_("rest started"), null=True, blank=True)
    systolic_1 = _small(_("systolic, 1st reading"))
    diastolic_1 = _small(_("diastolic, 1st reading"))
    systolic_2 = _small(_("systolic, 2nd reading"))
    diastolic_2 = _small(_("diastolic, 2nd reading"))
    heart_rate = _small(_("heart rate (beats/min)"))
    bp_measured_at = models.DateTimeField(_("blood pressure measured"), null=True, blank=True)

    # Optional extra questions on physical activity (manual step 5): exact minutes replace the questionnaire's.
    exercise_minutes = _small(_("exercise that makes you out of breath (minutes/week)"))
    everyday_minutes = _small(_("everyday activity (minutes/week)"))
    activity_note = models.TextField(_("notes on physical activity"), blank=True)

    # Lab values entered by the nurse when no lab source has them.
    lab_taken_on = models.DateField(_("lab samples taken"), null=True, blank=True)
    fp_glucose = _decimal(_("fasting plasma glucose (mmol/l)"), 4, 2)
    nonfasting_glucose = _decimal(_("non-fasting plasma glucose (mmol/l)"), 4, 2)
    hba1c = _decimal(_("HbA1c (mmol/mol)"), 4, 1)
    total_cholesterol = _decimal(_("total cholesterol (mmol/l)"), 4, 2)
    hdl = _decimal(_("HDL (mmol/l)"), 4, 2)
    ldl = _decimal(_("LDL (mmol/l)"), 4, 2)
    triglycerides = _decimal(_("triglycerides (mmol/l)"), 4, 2)

    # Set in the dialogue.
    livssituation = _small(_("life situation (level 1–4)"))
    confirmed_values = models.JSONField(
        _("values confirmed outside the usual range"), default=dict, blank=True,
        help_text=_("Field → the value the nurse confirmed."),
    )
    discussed_areas = models.JSONField(_("areas discussed"), default=list, blank=True)
    follow_up = models.JSONField(_("follow-up plan"), default=list, blank=True)
    follow_up_note = models.TextField(_("follow-up, details"), blank=True)
    closing_asked = models.BooleanField(_("closing question asked"), default=False)
    closing_note = models.TextField(_("closing question, answer"), blank=True)

    result = models.OneToOneField("halsokurva.HalsokurvaResult", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="visit", verbose_name=_("Hälsokurva"))

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["unit", "status", "-started_at"], name="visit_unit_status")]

    def __str__(self) -> str:
        return f"{self.person} {self.started_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.status == VisitStatus.IN_PROGRESS

    @property
    def systolic_readings(self) -> list[int]:
        return [v for v in (self.systolic_1, self.systolic_2) if v is not None]

    @property
    def diastolic_readings(self) -> list[int]:
        return [v for v in (self.diastolic_1, self.diastolic_2) if v is not None]


class VisitEvent(StatusHistory):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusHistory.Meta):
        verbose_name = _("visit event")
        verbose_name_plural = _("visit events")


VISIT_MACHINE = StateMachine(
    model=Visit,
    field="status",
    changed_at_field="status_changed_at",
    history_model=VisitEvent,
    history_fk="visit",
    table={VisitStatus.IN_PROGRESS: frozenset({VisitStatus.DOCUMENTED}), VisitStatus.DOCUMENTED: frozenset()},
)
