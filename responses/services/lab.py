"""Lab orders (fP-Glukos, fP-Lipidstatus) and their results.

Every yes gets both orders (idempotent). Results come from staff typing them
in or from a lab's file (lab_import.py); either way they go through
`lab_results_record`, which checks units and plausibility, replaces an
earlier value of the same analyte (kept, marked replaced), and moves the
order on: ordered → sampled → results received once every required value of
the order is in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from invitations.models import Participation
from invitations.services.participation import participation_milestone
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from responses.lab.analytes import (
    ANALYTES,
    Analysis,
    Analyte,
    plausibility_problem,
    required_analytes,
    same_unit,
)
from responses.models import (
    LAB_ORDER_MACHINE,
    LabOrder,
    LabOrderEvent,
    LabOrderStatus,
    LabResult,
    LabResultImport,
    ResultSource,
)
from responses.services.errors import BookingError

LIVE_ORDER = (LabOrderStatus.ORDERED, LabOrderStatus.SAMPLED, LabOrderStatus.RESULTS_RECEIVED)


class LabResultError(BookingError):
    """A value that cannot be recorded (unit, plausibility, date, no order)."""


def lab_orders_ensure(*, participation: Participation, actor: Actor, now: dt.datetime | None = None) -> list[LabOrder]:
    """Order fP-Glukos and fP-Lipidstatus unless already ordered; returns the live orders."""
    now = now or timezone.now()
    with transaction.atomic():
        existing = {o.analysis: o for o in participation.lab_orders.filter(status__in=LIVE_ORDER)}
        created = []
        for analysis in Analysis.values:
            if analysis not in existing:
                order = LabOrder.objects.create(
                    participation=participation, analysis=analysis, status=LabOrderStatus.ORDERED,
                    status_changed_at=now, ordered_at=now, ordered_by=actor.user,
                )
                LabOrderEvent.objects.create(order=order, from_status="", to_status=LabOrderStatus.ORDERED, at=now,
                                             actor_name=actor.name[:150], actor_user=actor.user)
                existing[analysis] = order
                created.append(order)
        if created:
            Auditor(actor, now=now).record(
                action=AccessAction.CREATE, person=participation.person, obj=created[0],
                detail="lab tests ordered: " + ", ".join(o.get_analysis_display() for o in created),
                unit=participation.round.unit,
            )
    return [existing[a] for a in Analysis.values]


def lab_order_mark_sampled(
    *, order: LabOrder, sampled_on: dt.date, actor: Actor, now: dt.datetime | None = None
) -> LabOrder:
    now = now or timezone.now()
    if sampled_on > timezone.localdate(now):
        raise LabResultError(_("The sample date cannot be in the future."))
    LAB_ORDER_MACHINE.transition(order, LabOrderStatus.SAMPLED, actor_name=actor.name, actor_user=actor.user,
                                 now=now, sampled_on=sampled_on)
    return order


@dataclass(frozen=True)
class LabValue:
    analyte: str
    value: Decimal
    unit: str


def lab_value_problem(value: LabValue) -> str | None:
    """Why a value cannot be recorded (wrong unit, implausible), or None."""
    spec = ANALYTES[value.analyte]
    if not same_unit(value.unit, spec.unit):
        return _("%(analyte)s is given in %(expected)s, not %(given)s.") % {
            "analyte": Analyte(value.analyte).label,
            "expected": spec.unit,
            "given": value.unit or "–",
        }
    return plausibility_problem(value.analyte, value.value)


def lab_results_record(
    *,
    participation: Participation,
    sampled_on: dt.date,
    values: list[LabValue],
    actor: Actor,
    source: str = ResultSource.MANUAL,
    lab_import: LabResultImport | None = None,
    now: dt.datetime | None = None,
    audit: bool = True,
) -> list[LabResult]:
    """Record `values` taken on `sampled_on`; all or nothing (LabResultError names the first problem)."""
    now = now or timezone.now()
    if sampled_on > timezone.localdate(now):
        raise LabResultError(_("The sample date cannot be in the future."))
    for value in values:
        problem = lab_value_problem(value)
        if problem:
            raise LabResultError(problem)
    with transaction.atomic():
        orders = {o.analysis: o for o in participation.lab_orders.select_for_update().filter(status__in=LIVE_ORDER)}
        saved = []
        for value in values:
            spec = ANALYTES[value.analyte]
            order = orders.get(spec.analysis)
            if order is None:
                raise LabResultError(
                    _("%(analysis)s is not ordered for this person.") % {"analysis": Analysis(spec.analysis).label}
                )
            current = LabResult.objects.filter(participation=participation, analyte=value.analyte,
                                               superseded_at__isnull=True).first()
            if current and current.value == value.value and current.sampled_on == sampled_on:
                saved.append(current)  # the same value again (a file imported twice): nothing changes
                continue
            if current:
                LabResult.objects.filter(pk=current.pk).update(superseded_at=now)
            saved.append(LabResult.objects.create(
                participation=participation, order=order, analyte=value.analyte, value=value.value,
                unit=spec.unit, sampled_on=sampled_on, source=source, lab_import=lab_import, entered_at=now,
                entered_by=actor.user,
            ))
        for order in orders.values():
            _advance_order(order, sampled_on=sampled_on, actor=actor, now=now)
        if audit:
            Auditor(actor, now=now).record(
                action=AccessAction.CHANGE, person=participation.person, obj=participation,
                detail="lab results recorded: " + ", ".join(v.analyte for v in values), unit=participation.round.unit,
            )
    return saved


def _advance_order(order: LabOrder, *, sampled_on: dt.date, actor: Actor, now: dt.datetime) -> None:
    have = set(order.results.filter(superseded_at__isnull=True).values_list("analyte", flat=True))
    if not have:
        return
    if have >= required_analytes(order.analysis):
        if order.status != LabOrderStatus.RESULTS_RECEIVED:
            LAB_ORDER_MACHINE.transition(order, LabOrderStatus.RESULTS_RECEIVED, actor_name=actor.name,
                                         actor_user=actor.user, now=now, sampled_on=order.sampled_on or sampled_on)
            participation_milestone(participation_id=order.participation_id, milestone="lab_results_at", now=now)
    elif order.status == LabOrderStatus.ORDERED:
        LAB_ORDER_MACHINE.transition(order, LabOrderStatus.SAMPLED, actor_name=actor.name, actor_user=actor.user,
                                     now=now, sampled_on=sampled_on)


def lab_orders_cancel(*, participation: Participation, actor: Actor, now: dt.datetime, note: str) -> list[int]:
    """Cancel the orders still waiting for a sample (the participation ended)."""
    return LAB_ORDER_MACHINE.bulk_transition(
        participation.lab_orders.filter(status=LabOrderStatus.ORDERED), LabOrderStatus.CANCELLED,
        actor_name=actor.name, actor_user=actor.user, now=now, note=note,
    )
