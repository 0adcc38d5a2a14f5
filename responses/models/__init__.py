"""Booking bases, appointments, visit needs, lab orders and results.

- A `BookingBasis` (bokningsunderlag) is created when a citizen says they
  will book themselves: service "Prevention | Screening | Hälsosamtal, 75
  minuter", 60 days to book. Bases past their deadline without a booking
  make the watch list for a phone call.
- An `Appointment` puts a participation in one of the unit's slots
  (scheduling). At most one booked appointment per participation and per
  slot (partial unique constraints, behind the slot's own compare-and-set).
  It ends as attended, cancelled or no-show.
- `VisitNeeds`: interpreter and accessibility needs, shown at booking and on
  the day view; they can ask for a longer time.
- `LabOrder` (fP-Glukos, fP-Lipidstatus) per yes, ordered → sampled →
  results received, and its `LabResult` values.

Every status goes through its StateMachine.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from invitations.models import Participation
from population.models import CareUnit
from responses.lab.analytes import Analysis, Analyte
from rhs_portal.models import ReviewedImport
from rhs_portal.statemachine import StateMachine, StatusHistory
from scheduling.models import VISIT_MINUTES, Slot

SERVICE_NAME = "Prevention | Screening | Hälsosamtal, 75 minuter"
BOOKING_DEADLINE_DAYS = 60
INTERPRETER_EXTRA_MINUTES = 30


# --- Booking basis -----------------------------------------------------------------------


class BasisStatus(models.TextChoices):
    WAITING = "waiting", pgettext_lazy("booking basis", "Waiting for a booking")
    BOOKED = "booked", pgettext_lazy("booking basis", "Booked")
    CLOSED = "closed", pgettext_lazy("booking basis", "Closed")


class BookingBasis(models.Model):
    participation = models.OneToOneField(Participation, on_delete=models.PROTECT, related_name="booking_basis")
    service = models.CharField(_("service"), max_length=120, default=SERVICE_NAME)
    deadline = models.DateField(_("book by"))
    status = models.CharField(
        _("status"), max_length=10, choices=BasisStatus.choices, default=BasisStatus.WAITING, db_index=True
    )
    status_changed_at = models.DateTimeField(_("status changed"))
    close_reason = models.CharField(_("reason for closing"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("booking basis")
        verbose_name_plural = _("booking bases")
        indexes = [models.Index(fields=["status", "deadline"], name="basis_status_deadline")]

    def __str__(self) -> str:
        return f"{self.service} – {self.participation_id} ({self.deadline})"


class BookingBasisEvent(StatusHistory):
    basis = models.ForeignKey(BookingBasis, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusHistory.Meta):
        verbose_name = _("booking basis event")
        verbose_name_plural = _("booking basis events")


_B = BasisStatus
BASIS_MACHINE = StateMachine(
    model=BookingBasis,
    field="status",
    changed_at_field="status_changed_at",
    history_model=BookingBasisEvent,
    history_fk="basis",
    table={
        _B.WAITING: frozenset({_B.BOOKED, _B.CLOSED}),
        _B.BOOKED: frozenset({_B.WAITING, _B.CLOSED}),
        _B.CLOSED: frozenset({_B.WAITING}),
    },
)


# --- Needs -------------------------------------------------------------------------------


class VisitNeeds(models.Model):
    """What the visit needs beyond the ordinary: an interpreter, accessibility, more time."""

    participation = models.OneToOneField(Participation, on_delete=models.CASCADE, related_name="visit_needs")
    interpreter_language = models.CharField(
        _("interpreter language"), max_length=60, blank=True, help_text=_("Empty when no interpreter is needed.")
    )
    accessibility = models.CharField(
        _("accessibility needs"), max_length=300, blank=True,
        help_text=_("For example wheelchair access, hearing loop, help with reading."),
    )
    longer_visit = models.BooleanField(_("needs a longer time"), default=False)
    updated_at = models.DateTimeField(_("updated"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_by_citizen = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("visit needs")
        verbose_name_plural = _("visit needs")

    def __str__(self) -> str:
        return f"needs of {self.participation_id}"

    @property
    def any(self) -> bool:
        return bool(self.interpreter_language or self.accessibility or self.longer_visit)

    @property
    def required_minutes(self) -> int:
        extra = INTERPRETER_EXTRA_MINUTES if (self.interpreter_language or self.longer_visit) else 0
        return VISIT_MINUTES + extra


# --- Appointments ------------------------------------------------------------------------


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", pgettext_lazy("appointment", "Booked")
    ATTENDED = "attended", pgettext_lazy("appointment", "Attended")
    CANCELLED = "cancelled", pgettext_lazy("appointment", "Cancelled")
    NO_SHOW = "no_show", pgettext_lazy("appointment", "Did not come")


class BookedVia(models.TextChoices):
    WEB = "web", _("By the citizen on the web")
    STAFF = "staff", _("By staff (phone)")


class CancelReason(models.TextChoices):
    NONE = "", _("—")
    CITIZEN = "citizen", _("Cancelled by the citizen")
    STAFF = "staff", _("Cancelled by staff")
    REBOOKED = "rebooked", _("Moved to another time")
    NURSE_AWAY = "nurse_away", _("The nurse is away")
    ENDED = "ended", _("The participation ended")


class Appointment(models.Model):
    participation = models.ForeignKey(Participation, on_delete=models.PROTECT, related_name="appointments")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("time"))
    basis = models.ForeignKey(
        BookingBasis, on_delete=models.SET_NULL, null=True, blank=True, related_name="appointments"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status changed"))
    booked_at = models.DateTimeField(_("booked"))
    booked_via = models.CharField(_("booked"), max_length=8, choices=BookedVia.choices)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("booked by"),
    )
    cancel_reason = models.CharField(_("reason"), max_length=12, choices=CancelReason.choices, blank=True)
    replaced_by = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaces",
        verbose_name=_("moved to"),
    )

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        constraints = [
            # Behind the slot's compare-and-set: never two live bookings of one slot or one participation.
            models.UniqueConstraint(
                fields=["slot"], condition=Q(status="booked"), name="appointment_one_booking_per_slot"
            ),
            models.UniqueConstraint(
                fields=["participation"], condition=Q(status="booked"), name="appointment_one_booking_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participation_id} @ {self.slot_id} ({self.status})"


class AppointmentEvent(StatusHistory):
    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusHistory.Meta):
        verbose_name = _("appointment event")
        verbose_name_plural = _("appointment events")


_A = AppointmentStatus
APPOINTMENT_MACHINE = StateMachine(
    model=Appointment,
    field="status",
    changed_at_field="status_changed_at",
    history_model=AppointmentEvent,
    history_fk="appointment",
    table={
        _A.BOOKED: frozenset({_A.ATTENDED, _A.CANCELLED, _A.NO_SHOW}),
        _A.ATTENDED: frozenset(),
        _A.CANCELLED: frozenset(),
        _A.NO_SHOW: frozenset(),
    },
)


# --- Lab orders and results --------------------------------------------------------------


class LabOrderStatus(models.TextChoices):
    ORDERED = "ordered", pgettext_lazy("lab order", "Ordered")
    SAMPLED = "sampled", pgettext_lazy("lab order", "Sample taken")
    RESULTS_RECEIVED = "results", pgettext_lazy("lab order", "Results received")
    CANCELLED = "cancelled", pgettext_lazy("lab order", "Cancelled")


class LabOrder(models.Model):
    participation = models.ForeignKey(Participation, on_delete=models.PROTECT, related_name="lab_orders")
    analysis = models.CharField(_("analysis"), max_length=16, choices=Analysis.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=LabOrderStatus.choices, default=LabOrderStatus.ORDERED, db_index=True
    )
    status_changed_at = models.DateTimeField(_("status changed"))
    ordered_at = models.DateTimeField(_("ordered"))
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sampled_on = models.DateField(_("sample date"), null=True, blank=True)

    class Meta:
        verbose_name = _("lab order")
        verbose_name_plural = _("lab orders")
        ordering = ["participation", "analysis"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "analysis"], condition=~Q(status="cancelled"),
                name="laborder_one_live_per_analysis",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_analysis_display()} ({self.get_status_display()})"


class LabOrderEvent(StatusHistory):
    order = models.ForeignKey(LabOrder, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusHistory.Meta):
        verbose_name = _("lab order event")
        verbose_name_plural = _("lab order events")


_L = LabOrderStatus
LAB_ORDER_MACHINE = StateMachine(
    model=LabOrder,
    field="status",
    changed_at_field="status_changed_at",
    history_model=LabOrderEvent,
    history_fk="order",
    table={
        _L.ORDERED: frozenset({_L.SAMPLED, _L.RESULTS_RECEIVED, _L.CANCELLED}),
        _L.SAMPLED: frozenset({_L.RESULTS_RECEIVED, _L.CANCELLED}),
        _L.RESULTS_RECEIVED: frozenset(),
        _L.CANCELLED: frozenset(),
    },
)


class ResultSource(models.TextChoices):
    MANUAL = "manual", _("Entered by staff")
    IMPORT = "import", _("Imported from the lab's file")


class LabResultImport(ReviewedImport):
    """A lab's file of results: previewed, then committed or discarded (rhs_portal.imports)."""

    unit = models.ForeignKey(CareUnit, on_delete=models.PROTECT, related_name="lab_imports", verbose_name=_("unit"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta(ReviewedImport.Meta):
        verbose_name = _("lab result import")
        verbose_name_plural = _("lab result imports")


class LabResult(models.Model):
    participation = models.ForeignKey(Participation, on_delete=models.PROTECT, related_name="lab_results")
    order = models.ForeignKey(LabOrder, on_delete=models.PROTECT, related_name="results")
    analyte = models.CharField(_("analyte"), max_length=20, choices=Analyte.choices)
    value = models.DecimalField(_("value"), max_digits=7, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=12)
    sampled_on = models.DateField(_("sample date"))
    source = models.CharField(_("source"), max_length=8, choices=ResultSource.choices)
    lab_import = models.ForeignKey(
        LabResultImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="results"
    )
    entered_at = models.DateTimeField(_("recorded"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("recorded by"),
    )
    superseded_at = models.DateTimeField(_("replaced"), null=True, blank=True)

    class Meta:
        verbose_name = _("lab result")
        verbose_name_plural = _("lab results")
        ordering = ["participation", "analyte", "-entered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "analyte"], condition=Q(superseded_at__isnull=True),
                name="labresult_one_current_per_analyte",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_analyte_display()} {self.value} {self.unit}"


class LabCodeMapping(models.Model):
    """Which analyte a lab's analysis code means (NPU codes and common Swedish names), as data.

    Seeded from responses/data/lab_codes.csv; administrators add a lab's local codes in the admin.
    """

    code = models.CharField(_("analysis code"), max_length=40, unique=True, help_text=_("Stored in capitals."))
    analyte = models.CharField(_("analyte"), max_length=20, choices=Analyte.choices)
    unit = models.CharField(_("unit"), max_length=12, help_text=_("The unit the lab reports the code in."))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("lab code")
        verbose_name_plural = _("lab codes")
        ordering = ["analyte", "code"]

    def __str__(self) -> str:
        return f"{self.code} → {self.get_analyte_display()}"

    def save(self, *args, **kwargs):
        self.code = self.code.strip().upper()
        super().save(*args, **kwargs)


# Call attempts live in their own module (the package keeps every model importable from here).
from responses.models.calls import NOT_REACHED_OUTCOMES, CallAttempt, CallOutcome  # noqa: E402, F401
