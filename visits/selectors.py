"""Reads of visits and what the visit page needs, scoped to the user's active unit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from halsokurva.models import HalsokurvaResult
from invitations.models import Participation
from invitations.selectors import participations_for_user
from population.selectors import units_for_user
from questionnaire.selectors import questionnaire_status, response_for_participation
from questionnaire.services.responses import answers_current
from rhs_portal.roles import Capability
from visits.lab_sources import LabResult, lab_results_for
from visits.models import ContactReason, KvaCode, PrevisitReminder, Visit, VisitSettings, VisitStatus

HALSOKURVA_LABS = ("fp_glucose", "total_cholesterol", "hdl", "ldl", "triglycerides")


def _unit_ids(*, user, unit, capability: str):
    return units_for_user(user=user, capability=capability).filter(pk=unit.pk).values("pk")


def participation_for_user(*, user, unit, pk: int) -> Participation:
    """A participation of the active unit (404 otherwise), with what the visit pages show."""
    return get_object_or_404(
        participations_for_user(user=user, unit=unit).select_related("person", "round__unit__region"), pk=pk
    )


def visits_for_user(*, user, unit) -> QuerySet[Visit]:
    return Visit.objects.filter(unit__in=_unit_ids(user=user, unit=unit, capability=Capability.VISIT_CONDUCT))


def visit_for_user(*, user, unit, pk: int) -> Visit:
    return get_object_or_404(
        visits_for_user(user=user, unit=unit).select_related(
            "person", "participation__round__unit__region", "nurse", "result__table"),
        pk=pk,
    )


def visit_of_participation(participation: Participation) -> Visit | None:
    return Visit.objects.filter(participation=participation).select_related("result", "nurse").first()


def visit_list(*, user, unit, days: int = 30, now: dt.datetime) -> dict[str, QuerySet[Visit]]:
    """Open visits (not yet documented) and those documented in the last `days` days."""
    visits = visits_for_user(user=user, unit=unit).select_related("person", "nurse", "note")
    return {
        "open": visits.filter(status=VisitStatus.IN_PROGRESS).order_by("-started_at"),
        "documented": visits.filter(status=VisitStatus.DOCUMENTED,
                                    status_changed_at__gte=now - dt.timedelta(days=days)).order_by("-status_changed_at"),
    }


def awaiting_visit(*, user, unit, limit: int = 100) -> list[tuple[Participation, str]]:
    """Participations that said yes (answered or booked) and have no visit yet, with their questionnaire status."""
    from invitations.models import ParticipationState
    from questionnaire.selectors import questionnaire_statuses

    participations = list(
        participations_for_user(user=user, unit=unit)
        .filter(state__in=[ParticipationState.ANSWERED, ParticipationState.BOOKED], visit__isnull=True)
        .select_related("person", "round")
        .order_by("state_changed_at", "pk")[:limit]
    )
    statuses = questionnaire_statuses(participation_ids=[p.pk for p in participations])
    return [(p, statuses[p.pk]) for p in participations]


def previous_result(visit: Visit) -> tuple[Visit, HalsokurvaResult] | None:
    """The person's latest documented visit of an earlier round, with its Hälsokurva."""
    earlier = (
        Visit.objects.filter(person_id=visit.person_id, status=VisitStatus.DOCUMENTED, result__isnull=False,
                             participation__round__year__lt=visit.participation.round.year)
        .select_related("result", "participation__round")
        .order_by("-participation__round__year", "-started_at")
        .first()
    )
    return (earlier, earlier.result) if earlier else None


def questionnaire_answers(participation: Participation) -> tuple[object, dict]:
    """The participation's questionnaire response (or None) and its answers by question key."""
    response = response_for_participation(participation_id=participation.pk)
    return response, (answers_current(response) if response else {})


@dataclass(frozen=True)
class Checklist:
    participation: Participation
    questionnaire: str  # not_started | in_progress | answered
    lab: dict[str, LabResult]
    visit: Visit | None
    reminders: list[PrevisitReminder]

    @property
    def lab_missing(self) -> list[str]:
        """Lab values the Hälsokurva uses that no lab source has (the nurse may enter them at the visit)."""
        entered = {c for c in HALSOKURVA_LABS if self.visit is not None and getattr(self.visit, c) is not None}
        return [c for c in HALSOKURVA_LABS if c not in self.lab and c not in entered]

    @property
    def ready(self) -> bool:
        return self.questionnaire == "answered" and not self.lab_missing


def checklist_for(participation: Participation) -> Checklist:
    return Checklist(
        participation=participation,
        questionnaire=questionnaire_status(participation=participation),
        lab=lab_results_for(participation),
        visit=visit_of_participation(participation),
        reminders=list(participation.previsit_reminders.select_related("sent_by")[:5]),
    )


def visit_settings(region) -> VisitSettings:
    return VisitSettings.objects.filter(region=region).first() or VisitSettings(region=region)


def contact_reasons(region) -> list[ContactReason]:
    """The region's contact reasons, or the national ones where it has none; the default first."""
    reasons = list(ContactReason.objects.filter(region=region, active=True))
    if not reasons:
        reasons = list(ContactReason.objects.filter(region__isnull=True, active=True))
    return sorted(reasons, key=lambda r: (not r.is_default, r.order, r.text))


def kva_codes(region) -> list[KvaCode]:
    """Codes in use: the region's own, and the national ones it does not replace (same code)."""
    own = list(KvaCode.objects.filter(region=region, active=True))
    replaced = {c.code for c in own}
    national = [c for c in KvaCode.objects.filter(region__isnull=True, active=True) if c.code not in replaced]
    return sorted(own + national, key=lambda c: (c.habit, c.level, c.code))


def note_of(visit: Visit):
    from visits.models import JournalNote

    return JournalNote.objects.filter(visit=visit).select_related("signed_by").first()
