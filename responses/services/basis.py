"""The booking basis (bokningsunderlag): the citizen books their own time within 60 days."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from invitations.models import Participation
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from responses.models import (
    BASIS_MACHINE,
    BOOKING_DEADLINE_DAYS,
    BasisStatus,
    BookingBasis,
    BookingBasisEvent,
)
from responses.rules import STAFF_BOOKABLE
from responses.services.errors import BookingError
from responses.services.lab import lab_orders_ensure


def booking_basis_create(
    *, participation: Participation, actor: Actor, now: dt.datetime | None = None, days: int = BOOKING_DEADLINE_DAYS
) -> BookingBasis:
    """Create the basis (deadline `days` days from today) and order the lab tests; idempotent.

    A participation has one basis: asking again returns it (a closed one is
    opened again with a new deadline).
    """
    now = now or timezone.now()
    if participation.state not in STAFF_BOOKABLE:
        raise BookingError(
            _("A booking basis cannot be created for a participation that is %(state)s.")
            % {"state": participation.get_state_display().lower()}
        )
    deadline = timezone.localdate(now) + dt.timedelta(days=days)
    with transaction.atomic():
        basis, created = BookingBasis.objects.get_or_create(
            participation=participation,
            defaults={"deadline": deadline, "status_changed_at": now, "created_at": now, "created_by": actor.user},
        )
        if created:
            BookingBasisEvent.objects.create(
                basis=basis, from_status="", to_status=BasisStatus.WAITING, at=now, actor_name=actor.name[:150],
                actor_user=actor.user, note=_("Created, book by %(date)s") % {"date": deadline.isoformat()},
            )
            Auditor(actor, now=now).record(
                action=AccessAction.CREATE, person=participation.person, obj=basis,
                detail=f"booking basis, book by {deadline.isoformat()}", unit=participation.round.unit,
            )
        elif basis.status == BasisStatus.CLOSED:
            BASIS_MACHINE.transition(basis, BasisStatus.WAITING, actor_name=actor.name, actor_user=actor.user,
                                     now=now, note=_("Opened again"), deadline=deadline, close_reason="")
        lab_orders_ensure(participation=participation, actor=actor, now=now)
    return basis


def booking_basis_extend(*, basis: BookingBasis, days: int, actor: Actor, now: dt.datetime | None = None) -> BookingBasis:
    """Give the citizen more time to book (e.g. after a phone call from the watch list)."""
    now = now or timezone.now()
    if not 1 <= days <= 120:
        raise BookingError(_("Give 1–120 days."))
    deadline = timezone.localdate(now) + dt.timedelta(days=days)
    with transaction.atomic():
        updated = BookingBasis.objects.filter(pk=basis.pk, status=BasisStatus.WAITING).update(deadline=deadline)
        if not updated:
            raise BookingError(_("Only a basis that is waiting for a booking can be extended."))
        BookingBasisEvent.objects.create(
            basis=basis, from_status=basis.status, to_status=basis.status, at=now, actor_name=actor.name[:150],
            actor_user=actor.user, note=_("Book by %(date)s") % {"date": deadline.isoformat()},
        )
    basis.deadline = deadline
    return basis


def booking_basis_close(*, basis: BookingBasis, reason: str, actor: Actor, now: dt.datetime | None = None) -> BookingBasis:
    """Take the basis off the watch list (e.g. declined on the phone); a later booking reopens nothing."""
    now = now or timezone.now()
    BASIS_MACHINE.transition(basis, BasisStatus.CLOSED, actor_name=actor.name, actor_user=actor.user, now=now,
                             note=reason, close_reason=reason[:200])
    return basis


def booking_basis_follow(*, participation: Participation, to_status: str, actor: Actor, now: dt.datetime,
                         note: str) -> None:
    """Keep the basis in step with the bookings (booked while a time is booked, waiting otherwise)."""
    basis = BookingBasis.objects.filter(participation=participation).first()
    if basis is not None and BASIS_MACHINE.allowed(basis.status, to_status):
        BASIS_MACHINE.transition(basis, to_status, actor_name=actor.name, actor_user=actor.user, now=now, note=note)
