"""Cohort selection: who in the unit's list is invited this year, in random order."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from invitations.models import ExitReason, Participation, ParticipationEvent, ParticipationState, Round
from population.models import AccessAction, CareUnit, Person
from population.services.audit import Actor, Auditor


class CohortError(ValueError):
    pass


def _order_key(seed: int, personnummer: str) -> bytes:
    """A person's place in the round's random order: fixed by the seed, independent of who else is there."""
    return hashlib.sha256(f"{seed}:{personnummer}".encode()).digest()


def validate_ages(ages: list[int]) -> list[int]:
    cleaned = sorted(set(ages))
    if not cleaned:
        raise CohortError(_("Give at least one age."))
    for age in cleaned:
        if not 18 <= age <= 100:
            raise CohortError(_("%(age)s is not a valid age (18–100).") % {"age": age})
    return cleaned


def round_get_or_create(*, unit: CareUnit, year: int, ages: list[int] | None, actor: Actor) -> Round:
    """The unit's round for `year`; given ages are added to a round that exists."""
    if not 2000 <= year <= 2100:
        raise CohortError(_("%(year)s is not a valid year.") % {"year": year})
    ages = validate_ages(ages if ages else unit.region.default_ages)
    round_, created = Round.objects.get_or_create(
        unit=unit,
        year=year,
        defaults={"ages": ages, "seed": secrets.randbits(62), "created_by": actor.user},
    )
    if not created and not set(ages) <= set(round_.ages):
        round_.ages = sorted(set(round_.ages) | set(ages))
        round_.save(update_fields=["ages"])
    return round_


def cohort_select(
    *,
    unit: CareUnit,
    year: int,
    ages: list[int] | None = None,
    actor: Actor,
    now: datetime | None = None,
) -> tuple[Round, int]:
    """Add everyone eligible and not yet in the round; returns the round and how many were added.

    Eligible: listed in the unit, alive, turning one of the round's ages in
    `year`. Newcomers are appended after the people already selected, in the
    round's own random order.
    """
    now = now or timezone.now()
    with transaction.atomic():
        round_ = round_get_or_create(unit=unit, year=year, ages=ages, actor=actor)
        # Serialise concurrent selections into the same round.
        Round.objects.select_for_update().filter(pk=round_.pk).first()
        birth_years = [year - age for age in (ages or round_.ages)]
        newcomers = list(
            Person.objects.filter(
                listed_unit=unit, is_listed=True, deceased=False, birth_date__year__in=birth_years
            )
            .exclude(participations__round=round_)
            .values_list("pk", "personnummer", "birth_date", "area_code")
        )
        if not newcomers:
            return round_, 0
        newcomers.sort(key=lambda row: _order_key(round_.seed, row[1]))
        start = (round_.participations.aggregate(m=Max("position"))["m"] or 0) + 1
        participations = Participation.objects.bulk_create(
            [
                Participation(
                    round=round_, person_id=pk, position=start + i, state_changed_at=now, created_at=now,
                    age=year - birth_date.year, area_code=area_code,
                )
                for i, (pk, _number, birth_date, area_code) in enumerate(newcomers)
            ],
            batch_size=2000,
        )
        if not all(p.pk for p in participations):  # SQLite before RETURNING support
            participations = list(round_.participations.filter(position__gte=start))
        ParticipationEvent.objects.bulk_create(
            [
                ParticipationEvent(
                    participation_id=p.pk, from_status="", to_status=ParticipationState.SELECTED, at=now,
                    actor_name=actor.name, actor_user=actor.user, note=_("Selected for the round"),
                )
                for p in participations
            ],
            batch_size=2000,
        )
        Auditor(actor.with_unit(unit), now=now).record_many(
            action=AccessAction.CREATE,
            person_ids=[row[0] for row in newcomers],
            object_type="invitations.participation",
            detail=_("Selected for the invitation round %(year)s.") % {"year": year},
        )
    return round_, len(newcomers)


EXIT_BY_LEAVE_REASON = {
    "moved": ExitReason.MOVED,
    "not_listed": ExitReason.NOT_LISTED,
    "deceased": ExitReason.DECEASED,
}
