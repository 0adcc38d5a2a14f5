"""Reads of rounds and participations, scoped to the user's units."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from invitations.models import Participation, ParticipationState, Round
from population.models import CareUnit, StaffUser
from population.selectors import units_for_user
from rhs_portal.roles import Capability


def _unit_ids(*, user: StaffUser, unit: CareUnit | None, capability: str):
    units = units_for_user(user=user, capability=capability)
    if unit is not None:
        units = units.filter(pk=unit.pk)
    return units.values("pk")


def rounds_for_user(*, user: StaffUser, unit: CareUnit | None, capability: str = Capability.UNIT_OVERVIEW):
    return Round.objects.filter(unit__in=_unit_ids(user=user, unit=unit, capability=capability))


def rounds_with_counts(*, user: StaffUser, unit: CareUnit) -> QuerySet[Round]:
    counts = {f"n_{s}": Count("participations", filter=Q(participations__state=s)) for s in ParticipationState}
    return rounds_for_user(user=user, unit=unit).annotate(n_total=Count("participations"), **counts)


def round_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int, capability: str = Capability.PERSON_VIEW):
    return get_object_or_404(rounds_for_user(user=user, unit=unit, capability=capability), pk=pk)


def participations_for_user(*, user: StaffUser, unit: CareUnit | None) -> QuerySet[Participation]:
    return Participation.objects.filter(
        round__unit__in=_unit_ids(user=user, unit=unit, capability=Capability.PERSON_VIEW)
    )


def participations_of_round(*, user: StaffUser, unit: CareUnit, round_: Round, state: str = ""):
    qs = participations_for_user(user=user, unit=unit).filter(round=round_).select_related("person")
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("position")


def participations_of_person(*, user: StaffUser, unit: CareUnit, person) -> QuerySet[Participation]:
    return (
        participations_for_user(user=user, unit=unit)
        .filter(person=person)
        .select_related("round", "round__unit")
        .order_by("-round__year")
    )


def open_participation_count(*, user: StaffUser, unit: CareUnit) -> int:
    return participations_for_user(user=user, unit=unit).filter(
        state__in=[ParticipationState.SELECTED, ParticipationState.INVITED, ParticipationState.ANSWERED]
    ).count()
