"""The unit's web times: 75-minute slots per nurse and room.

A slot is free, booked, blocked or removed. Its status changes only through
`SLOT_MACHINE` (compare-and-set plus a history row): booking a slot is the
transition free → booked, so two people racing for the same slot cannot
both get it. A booked slot can never be blocked or removed; the booking must
be moved or cancelled first. Who booked it lives in `responses` (appointments).
Times are stored aware (UTC in the database) and shown in Europe/Stockholm.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from population.models import CareUnit
from rhs_portal.statemachine import StateMachine, StatusHistory

VISIT_MINUTES = 75


class Room(models.Model):
    """A room of the unit where dialogues are held."""

    unit = models.ForeignKey(CareUnit, on_delete=models.PROTECT, related_name="rooms", verbose_name=_("unit"))
    name = models.CharField(_("name"), max_length=80)
    directions = models.CharField(
        _("directions"), max_length=200, blank=True,
        help_text=_("Shown to the citizen, e.g. 'Floor 2, turn left at the reception'."),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["unit", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="room_unit_name_unique")]

    def __str__(self) -> str:
        return self.name


class SlotSeries(models.Model):
    """How a run of slots was made, e.g. 'Tuesdays 08:00–16:00 for 8 weeks'."""

    unit = models.ForeignKey(CareUnit, on_delete=models.PROTECT, related_name="slot_series", verbose_name=_("unit"))
    nurse = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("nurse")
    )
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="+", verbose_name=_("room"))
    weekdays = models.JSONField(_("weekdays"), help_text=_("ISO weekday numbers, 1 = Monday."))
    day_start = models.TimeField(_("from"))
    day_end = models.TimeField(_("until"))
    break_start = models.TimeField(_("break from"), null=True, blank=True)
    break_end = models.TimeField(_("break until"), null=True, blank=True)
    first_date = models.DateField(_("first date"))
    weeks = models.PositiveSmallIntegerField(_("weeks"))
    slot_minutes = models.PositiveSmallIntegerField(_("minutes per time"), default=VISIT_MINUTES)
    web_bookable = models.BooleanField(_("bookable on the web"), default=True)
    slot_count = models.PositiveIntegerField(_("times created"), default=0)
    created_at = models.DateTimeField(_("created"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("series of times")
        verbose_name_plural = _("series of times")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.nurse} {self.first_date} ({self.weeks})"

    @property
    def weekdays_display(self) -> str:
        return ", ".join(str(WEEKDAYS_ABBR[day - 1]) for day in sorted(self.weekdays))


class SlotStatus(models.TextChoices):
    FREE = "free", pgettext_lazy("slot status", "Free")
    BOOKED = "booked", pgettext_lazy("slot status", "Booked")
    BLOCKED = "blocked", pgettext_lazy("slot status", "Blocked")
    REMOVED = "removed", pgettext_lazy("slot status", "Removed")


class Slot(models.Model):
    unit = models.ForeignKey(CareUnit, on_delete=models.PROTECT, related_name="slots", verbose_name=_("unit"))
    nurse = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("nurse")
    )
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="slots", verbose_name=_("room"))
    series = models.ForeignKey(
        SlotSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="slots", verbose_name=_("series")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=SlotStatus.choices, default=SlotStatus.FREE, db_index=True
    )
    status_changed_at = models.DateTimeField(_("status changed"))
    web_bookable = models.BooleanField(_("bookable on the web"), default=True)
    block_reason = models.CharField(_("reason for blocking"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("time")
        verbose_name_plural = _("times")
        ordering = ["starts_at", "nurse_id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_start"),
        ]
        indexes = [
            models.Index(fields=["unit", "status", "starts_at"], name="slot_unit_status_start"),
            models.Index(fields=["nurse", "starts_at"], name="slot_nurse_start"),
            models.Index(fields=["room", "starts_at"], name="slot_room_start"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} {self.nurse}"

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class SlotEvent(StatusHistory):
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusHistory.Meta):
        verbose_name = _("time event")
        verbose_name_plural = _("time events")

    @property
    def to_status_label(self) -> str:
        return SlotStatus(self.to_status).label if self.to_status in SlotStatus.values else self.to_status


_S = SlotStatus
SLOT_MACHINE = StateMachine(
    model=Slot,
    field="status",
    changed_at_field="status_changed_at",
    history_model=SlotEvent,
    history_fk="slot",
    table={
        # A booked time is never blocked or removed: its booking is moved or cancelled first.
        _S.FREE: frozenset({_S.BOOKED, _S.BLOCKED, _S.REMOVED}),
        _S.BOOKED: frozenset({_S.FREE}),
        _S.BLOCKED: frozenset({_S.FREE, _S.REMOVED}),
        _S.REMOVED: frozenset(),
    },
)
