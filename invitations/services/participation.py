"""Participation state changes, through the participation state machine."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from invitations.models import OPEN_STATES, PARTICIPATION_MACHINE, Participation, ParticipationState
from invitations.services.cohort import EXIT_BY_LEAVE_REASON
from population.services.audit import Actor


def participations_exclude_for_persons(
    *, person_ids: list[int], unit_id: int | None, reason: str, actor: Actor, now: datetime | None = None
) -> list[int]:
    """End every open participation of these persons (in `unit_id`'s rounds, or anywhere) as excluded."""
    now = now or timezone.now()
    queryset = Participation.objects.filter(person_id__in=person_ids, state__in=OPEN_STATES)
    if unit_id is not None:
        queryset = queryset.filter(round__unit_id=unit_id)
    exit_reason = EXIT_BY_LEAVE_REASON.get(reason, reason)
    return PARTICIPATION_MACHINE.bulk_transition(
        queryset,
        ParticipationState.EXCLUDED,
        actor_name=actor.name,
        actor_user=actor.user,
        now=now,
        note=_("Left the unit's list"),
        exit_reason=exit_reason,
    )


MILESTONES = frozenset({"read_at", "questionnaire_at", "lab_results_at"})


def participation_milestone(*, participation_id: int, milestone: str, now: datetime) -> bool:
    """Stamp the first time the participation got this far (the statistics count it); a later call keeps it.

    Returns whether this call set it.
    """
    if milestone not in MILESTONES:
        raise ValueError(f"unknown milestone {milestone!r}")
    return bool(
        Participation.objects.filter(pk=participation_id, **{f"{milestone}__isnull": True}).update(**{milestone: now})
    )
