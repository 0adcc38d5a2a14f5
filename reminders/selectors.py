"""Reads of the reminder engine: what each rule is due to do (the sweep and the preview share these), the queue.

Every `due_*` function is one set-based query, optionally limited to some
units (the preview page: the user's unit). The sweep claims from the same
querysets, so the preview shows exactly what the next sweep would do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from invitations.models import (
    DEFAULT_TIMINGS,
    CaseStatus,
    CloseReason,
    Contact,
    ContactKind,
    ContactReason,
    ContactStatus,
    ContactTimings,
    InvitationCase,
    Participation,
    ParticipationState,
)
from invitations.selectors.timings import contact_timings_by_region
from population.models import CareUnit, StaffUser
from population.selectors import units_for_user
from reminders.models import Reminder, ReminderKind, ReminderStatus
from reminders.rules import day_start, lab_visit_day_due, last_visit_day_due, reached_before
from responses.day_flags import DayFlag
from responses.models import Appointment
from responses.previsit import previsit_statuses
from responses.selectors import booked_appointments_starting
from rhs_portal.roles import Capability

UNANSWERED = (CaseStatus.SENT_UNREAD, CaseStatus.READ)


# --- Shared pieces --------------------------------------------------------------------------------


def _default_timings() -> ContactTimings:
    return ContactTimings(**DEFAULT_TIMINGS)


def _per_region(
    region_field: str, build: Callable[[ContactTimings], Q], timings: dict[int, ContactTimings] | None = None
) -> Q:
    """OR of one condition per region with its own timings, and one for every other region (the defaults)."""
    timings = contact_timings_by_region() if timings is None else timings
    condition = ~Q(**{f"{region_field}__in": list(timings)}) & build(_default_timings())
    for region_id, row in timings.items():
        condition |= Q(**{region_field: region_id}) & build(row)
    return condition


def _active_person(prefix: str) -> Q:
    """Alive, still listed, and at the unit of the round: anyone else gets nothing."""
    return Q(
        **{
            f"{prefix}person__deceased": False,
            f"{prefix}person__is_listed": True,
            f"{prefix}person__listed_unit_id": F(f"{prefix}round__unit_id"),
        }
    ) & ~Q(**{f"{prefix}state": ParticipationState.EXCLUDED})


def _without(kind: str, subject: str = "case") -> Exists:
    return ~Exists(Reminder.objects.filter(**{subject: OuterRef("pk")}, kind=kind))


def _in_units(queryset: QuerySet, unit_field: str, unit_ids) -> QuerySet:
    return queryset if unit_ids is None else queryset.filter(**{f"{unit_field}__in": unit_ids})


# --- The invitation timeline (cases) --------------------------------------------------------------


def _cases(today: dt.date, first: str, then: str | None, timings=None) -> Q:
    def build(t: ContactTimings) -> Q:
        window = Q(created_at__lt=reached_before(today, getattr(t, first)))
        if then:
            window &= Q(created_at__gte=reached_before(today, getattr(t, then)))
        return window

    return _per_region("unit__region_id", build, timings)


def _unanswered_cases(*statuses) -> QuerySet[InvitationCase]:
    return InvitationCase.objects.filter(status__in=statuses, participation__state=ParticipationState.INVITED)


def due_auto_reminders(*, now: dt.datetime, unit_ids=None, timings=None) -> QuerySet[InvitationCase]:
    """Day 5 (the region's `auto_reminder_days`), still unread, before the manual reminder's day."""
    today = timezone.localdate(now)
    cases = _unanswered_cases(CaseStatus.SENT_UNREAD).filter(
        _cases(today, "auto_reminder_days", "manual_reminder_days", timings),
        _active_person("participation__"),
        _without(ReminderKind.AUTO_REMINDER),
    )
    return _in_units(cases, "unit_id", unit_ids)


def due_manual_tasks(*, now: dt.datetime, unit_ids=None, timings=None) -> QuerySet[InvitationCase]:
    """Day 12, not answered (read or not), before the close."""
    today = timezone.localdate(now)
    cases = _unanswered_cases(*UNANSWERED).filter(
        _cases(today, "manual_reminder_days", "auto_close_days", timings),
        _active_person("participation__"),
        _without(ReminderKind.MANUAL_TASK),
    )
    return _in_units(cases, "unit_id", unit_ids)


def due_closes(*, now: dt.datetime, unit_ids=None, timings=None) -> QuerySet[InvitationCase]:
    """Day 30, not answered: the case closes, read or not (whoever the person is now)."""
    today = timezone.localdate(now)
    cases = InvitationCase.objects.filter(status__in=UNANSWERED).filter(
        _cases(today, "auto_close_days", None, timings), _without(ReminderKind.AUTO_CLOSE)
    )
    return _in_units(cases, "unit_id", unit_ids)


def due_phone_followups(*, unit_ids=None) -> QuerySet[InvitationCase]:
    """Closed automatically without an answer, and not yet on the phone or letter list."""
    cases = InvitationCase.objects.filter(
        Exists(Reminder.objects.filter(case=OuterRef("pk"), kind=ReminderKind.AUTO_CLOSE)),
        _active_person("participation__"),
        _without(ReminderKind.PHONE_FOLLOWUP),
        status=CaseStatus.CLOSED,
        close_reason=CloseReason.AUTO_CLOSED,
        answer="",
        participation__state=ParticipationState.INVITED,
    )
    return _in_units(cases, "unit_id", unit_ids)


# --- Bookings -------------------------------------------------------------------------------------


def _appointments(
    *, now: dt.datetime, kind: str, last_day: Callable[[ContactTimings], dt.date], unit_ids, timings=None
) -> QuerySet[Appointment]:
    timings = contact_timings_by_region() if timings is None else timings
    ends = [last_day(t) for t in [_default_timings(), *timings.values()]]
    appointments = booked_appointments_starting(
        start=now, end=day_start(max(ends) + dt.timedelta(days=1))
    ).filter(
        _per_region(
            "slot__unit__region_id",
            lambda t: Q(slot__starts_at__lt=day_start(last_day(t) + dt.timedelta(days=1))),
            timings,
        ),
        _active_person("participation__"),
        _without(kind, "appointment"),
    )
    return _in_units(appointments, "slot__unit_id", unit_ids)


def due_booking_reminders(*, now: dt.datetime, unit_ids=None, timings=None) -> QuerySet[Appointment]:
    """Booked visits two working days (the region's `booking_reminder_working_days`) away or nearer."""
    today = timezone.localdate(now)
    return _appointments(
        now=now,
        kind=ReminderKind.BOOKING_REMINDER,
        unit_ids=unit_ids,
        timings=timings,
        last_day=lambda t: last_visit_day_due(today, t.booking_reminder_working_days),
    )


def due_lab_reminders(*, now: dt.datetime, unit_ids=None, timings=None) -> QuerySet[Appointment]:
    """Booked visits a week (the region's `lab_reminder_days`) away or nearer."""
    today = timezone.localdate(now)
    return _appointments(
        now=now,
        kind=ReminderKind.LAB_REMINDER,
        unit_ids=unit_ids,
        timings=timings,
        last_day=lambda t: lab_visit_day_due(today, t.lab_reminder_days),
    )


def previsit_reasons(status) -> tuple[str, ...]:
    """What is missing before the visit: ("questionnaire", "lab"), or nothing."""
    return (("questionnaire",) if status.questionnaire_answered is not True else ()) + (
        ("lab",) if not status.lab_results_in else ()
    )


def due_previsit_reminders(*, now: dt.datetime, unit_ids=None) -> list[tuple[Appointment, tuple[str, ...]]]:
    """On the last working day before the visit, questionnaire or lab results missing: (appointment, reasons)."""
    today = timezone.localdate(now)
    appointments = list(
        _appointments(
            now=now,
            kind=ReminderKind.PREVISIT_REMINDER,
            unit_ids=unit_ids,
            last_day=lambda t: last_visit_day_due(today, 1),
        )
    )
    statuses = previsit_statuses([a.participation for a in appointments])
    found = [(a, previsit_reasons(statuses[a.participation_id])) for a in appointments]
    return [(a, reasons) for a, reasons in found if reasons]


# --- Not reached ----------------------------------------------------------------------------------


def due_not_reached(*, now: dt.datetime, unit_ids=None, timings=None) -> QuerySet[Participation]:
    """Invited or answered without a time, whose no-answer letter was printed `letter_answer_days` ago, no answer since.

    Driven from the printed no-answer letters (few) rather than from every open participation.
    """
    today = timezone.localdate(now)
    letters = Contact.objects.filter(
        kind=ContactKind.LETTER, reason=ContactReason.NO_ANSWER, status=ContactStatus.DONE
    )
    printed_long_ago = letters.filter(
        _per_region(
            "unit__region_id",
            lambda t: Q(status_changed_at__lt=reached_before(today, t.letter_answer_days)),
            timings,
        )
    )
    participations = (
        Participation.objects.filter(
            pk__in=Subquery(printed_long_ago.values("participation_id")),
            state__in=(ParticipationState.INVITED, ParticipationState.ANSWERED),
        )
        .annotate(
            letter_done_at=Subquery(
                letters.filter(participation=OuterRef("pk"))
                .order_by("-status_changed_at")
                .values("status_changed_at")[:1]
            )
        )
        .filter(state_changed_at__lt=F("letter_done_at"))
        # An answer on the phone or by letter after the letter (the state may not change: already answered).
        .exclude(answered_at__gte=F("letter_done_at"))
        .exclude(
            Exists(
                InvitationCase.objects.filter(
                    participation=OuterRef("pk"), answered_at__gte=OuterRef("letter_done_at")
                )
            )
        )
        .exclude(
            Exists(
                Contact.objects.filter(
                    participation=OuterRef("pk"),
                    kind=ContactKind.REPLY,
                    created_at__gte=OuterRef("letter_done_at"),
                )
            )
        )
    )
    return _in_units(participations, "round__unit_id", unit_ids)


# --- The queue, the preview and the day-view flag -------------------------------------------------


def _unit_ids(*, user: StaffUser, unit: CareUnit) -> list[int]:
    return list(
        units_for_user(user=user, capability=Capability.CASE_HANDLE)
        .filter(pk=unit.pk)
        .values_list("pk", flat=True)
    )


def manual_tasks_for_user(*, user: StaffUser, unit: CareUnit) -> QuerySet[Reminder]:
    """The "Påminnelser" queue: open manual reminder tasks of the user's unit, oldest case first."""
    return (
        Reminder.objects.filter(
            unit_id__in=_unit_ids(user=user, unit=unit),
            kind=ReminderKind.MANUAL_TASK,
            status=ReminderStatus.OPEN,
        )
        .select_related("case", "participation__person")
        .order_by("case__created_at", "pk")
    )


def manual_tasks_by_ids(*, user: StaffUser, unit: CareUnit, ids: Iterable[int]) -> QuerySet[Reminder]:
    return manual_tasks_for_user(user=user, unit=unit).filter(pk__in=list(ids))


def manual_task_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int) -> Reminder:
    return get_object_or_404(
        Reminder.objects.filter(
            unit_id__in=_unit_ids(user=user, unit=unit), kind=ReminderKind.MANUAL_TASK
        ).select_related("case", "participation__person"),
        pk=pk,
    )


PREVIEW_LIMIT = 50


def sweep_preview(*, user: StaffUser, unit: CareUnit, now: dt.datetime | None = None) -> list[dict]:
    """Per rule: how many the next sweep would touch in the unit, and the first of them (read only)."""
    now = now or timezone.now()
    units = _unit_ids(user=user, unit=unit)
    timings = contact_timings_by_region()
    persons = "participation__person"
    rules = [
        (
            "auto_reminders",
            _("Automatic reminder (still unread)"),
            due_auto_reminders(now=now, unit_ids=units, timings=timings).select_related(persons),
        ),
        (
            "manual_reminder_tasks",
            _("Manual reminder task in the queue"),
            due_manual_tasks(now=now, unit_ids=units, timings=timings).select_related(persons),
        ),
        (
            "auto_closed",
            _("Case closed automatically"),
            due_closes(now=now, unit_ids=units, timings=timings).select_related(persons),
        ),
        (
            "booking_reminders",
            _("Booking reminder"),
            due_booking_reminders(now=now, unit_ids=units, timings=timings),
        ),
        (
            "lab_reminders",
            _("Lab test reminder"),
            due_lab_reminders(now=now, unit_ids=units, timings=timings),
        ),
        (
            "not_reached",
            _("Participation ends as not reached"),
            due_not_reached(now=now, unit_ids=units, timings=timings).select_related("person"),
        ),
    ]
    found = []
    for key, label, queryset in rules:
        rows = list(queryset.order_by("pk")[:PREVIEW_LIMIT])
        count = len(rows) if len(rows) < PREVIEW_LIMIT else queryset.count()
        found.append(
            {
                "key": key,
                "label": label,
                "count": count,
                "people": [getattr(r, "person", None) or r.participation.person for r in rows],
            }
        )
    previsit = due_previsit_reminders(now=now, unit_ids=units)
    found.insert(
        5,
        {
            "key": "previsit_reminders",
            "label": _("Reminder before the visit (questionnaire or lab)"),
            "count": len(previsit),
            "people": [a.participation.person for a, _r in previsit[:PREVIEW_LIMIT]],
        },
    )
    return found


def previsit_flags(appointment_ids: list[int]) -> dict[int, list[DayFlag]]:
    """The day view's flag: a pre-visit reminder went out (and what was missing then). One query."""
    labels = {"questionnaire": _("questionnaire"), "lab": _("lab results")}
    flags: dict[int, list[DayFlag]] = {}
    for appointment_id, reasons, sent_at in Reminder.objects.filter(
        appointment_id__in=appointment_ids, kind=ReminderKind.PREVISIT_REMINDER
    ).values_list("appointment_id", "reasons", "sent_at"):
        missing = ", ".join(str(labels.get(r, r)) for r in reasons.split(",") if r)
        detail = _("missing %(what)s on %(day)s") % {
            "what": missing,
            "day": timezone.localtime(sent_at).strftime("%Y-%m-%d"),
        }
        flags.setdefault(appointment_id, []).append(
            DayFlag(label=_("Reminded before the visit"), detail=detail)
        )
    return flags
