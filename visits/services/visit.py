"""Writes of the visit: start it, save values as they are entered, recompute the Hälsokurva, override a level.

Every value passes the plausibility check (visits.plausibility): an unusual value waits for the
nurse's confirmation, an impossible one is refused, and neither is saved until then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from halsokurva.inputs import InputError
from halsokurva.selectors import table_in_force
from halsokurva.services import result_compute, result_override
from invitations.models import PARTICIPATION_MACHINE, Participation, ParticipationState
from population.models import AccessAction
from population.services.audit import Actor, Auditor
from visits import plausibility
from visits.inputs import visit_inputs
from visits.lab_sources import lab_results_for
from visits.models import Visit, VisitStatus
from visits.selectors import questionnaire_answers

# Held from these participation states (a booking in the portal is not required: phone bookings, walk-ins).
STARTABLE = frozenset({ParticipationState.INVITED, ParticipationState.ANSWERED, ParticipationState.BOOKED})
# Already visited: the day view's "came" was pressed before the visit page was opened.
REST = dt.timedelta(minutes=5)
NUMBER_FIELDS = frozenset({
    "height_cm", "weight_kg", "waist_cm", "hip_cm", "systolic_1", "diastolic_1", "systolic_2", "diastolic_2",
    "heart_rate", "exercise_minutes", "everyday_minutes", "fp_glucose", "nonfasting_glucose", "hba1c",
    "total_cholesterol", "hdl", "ldl", "triglycerides",
})
OTHER_FIELDS = frozenset({"activity_note", "lab_taken_on", "livssituation", "sex_used"})
BP_FIELDS = frozenset({"systolic_1", "diastolic_1", "systolic_2", "diastolic_2"})


class VisitNotPossible(Exception):
    pass


class VisitClosed(Exception):
    """The note is signed: the visit no longer changes."""


@dataclass
class SaveOutcome:
    saved: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # impossible values, not saved
    unconfirmed: dict[str, str] = field(default_factory=dict)  # unusual values waiting for confirmation
    notes: list[str] = field(default_factory=list)  # e.g. blood pressure measured before 5 minutes of rest


def visit_start(*, participation: Participation, actor: Actor, now: dt.datetime | None = None) -> Visit:
    """Hold the visit: create it (once) and mark the participation visited. A second call returns it."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Participation.objects.select_for_update().select_related("person", "round__unit").get(
            pk=participation.pk)
        existing = Visit.objects.filter(participation=locked).first()
        if existing is not None:
            return existing
        if locked.state not in STARTABLE | {ParticipationState.VISITED}:
            raise VisitNotPossible(
                _("A visit cannot be held for a participation that is '%(state)s'.") % {
                    "state": locked.get_state_display()})
        visit = Visit.objects.create(
            participation=locked, unit=locked.round.unit, person=locked.person, status=VisitStatus.IN_PROGRESS,
            status_changed_at=now, started_at=now, updated_at=now, nurse=actor.user,
            sex_used=locked.person.sex or "",
        )
        if locked.state != ParticipationState.VISITED:
            PARTICIPATION_MACHINE.transition(locked, ParticipationState.VISITED, actor_name=actor.name,
                                             actor_user=actor.user, now=now, note="visit started")
        visit_recompute(visit=visit, now=now)
        Auditor(actor, now=now).record(action=AccessAction.CREATE, person=locked.person, obj=visit,
                                       detail="health dialogue visit started")
    return visit


def visit_recompute(*, visit: Visit, now: dt.datetime | None = None) -> Visit:
    """Recompute the Hälsokurva from the questionnaire, the visit's values and the lab values."""
    now = now or timezone.now()
    region = visit.participation.round.unit.region
    table = table_in_force(region=region, on=timezone.localdate(visit.started_at))
    _response, answers = questionnaire_answers(visit.participation)
    inputs = visit_inputs(visit=visit, answers=answers, lab=lab_results_for(visit.participation), table=table.table)
    result = result_compute(inputs=inputs.values, region=region, on=timezone.localdate(visit.started_at),
                            result=visit.result, table=table, now=now)
    if visit.result_id != result.pk:
        Visit.objects.filter(pk=visit.pk).update(result=result)
        visit.result = result
    return visit


def _confirmed(visit: Visit, name: str, value, confirm: set[str]) -> bool:
    return name in confirm or visit.confirmed_values.get(name) == str(value)


def visit_values_save(
    *, visit: Visit, values: dict, confirm: set[str] | frozenset[str] = frozenset(), actor: Actor,
    now: dt.datetime | None = None,
) -> SaveOutcome:
    """Save the given fields (None clears one). Unusual values need `confirm`; impossible ones are refused."""
    now = now or timezone.now()
    outcome = SaveOutcome()
    with transaction.atomic():
        visit = Visit.objects.select_for_update(of=("self",)).select_related("participation__round__unit__region",
                                                                  "result").get(pk=visit.pk)
        if visit.status != VisitStatus.IN_PROGRESS:
            raise VisitClosed()
        confirmed = dict(visit.confirmed_values)
        changed: list[str] = []
        for name, value in values.items():
            if name not in NUMBER_FIELDS | OTHER_FIELDS:
                raise ValueError(f"not a visit value: {name}")
            if name in NUMBER_FIELDS and value is not None:
                finding = plausibility.check(name, Decimal(str(value)))
                if finding and finding.impossible:
                    outcome.refused[name] = finding.message
                    continue
                if finding and not _confirmed(visit, name, value, confirm):
                    outcome.unconfirmed[name] = finding.message
                    continue
                if finding:
                    confirmed[name] = str(value)
                else:
                    confirmed.pop(name, None)
            if name == "sex_used":
                if value not in ("male", "female", ""):
                    raise ValueError(f"sex_used: {value!r}")
                if value != visit.sex_used:
                    visit.sex_recorded_by_staff = value != (visit.person.sex or "")
                    changed.append("sex_recorded_by_staff")
            if name == "livssituation" and value is not None and value not in (1, 2, 3, 4):
                outcome.refused[name] = _("Choose a level from 1 to 4.")
                continue
            if getattr(visit, name) != value:
                setattr(visit, name, value)
                changed.append(name)
        for reading in ("1", "2"):
            systolic, diastolic = getattr(visit, f"systolic_{reading}"), getattr(visit, f"diastolic_{reading}")
            if systolic is not None and diastolic is not None and diastolic >= systolic:
                name = f"diastolic_{reading}" if f"diastolic_{reading}" in values else f"systolic_{reading}"
                outcome.refused[name] = _("The diastolic pressure must be lower than the systolic.")
                if name in changed:
                    changed.remove(name)
                    visit.refresh_from_db(fields=[name])
        if BP_FIELDS & set(changed):
            if visit.bp_measured_at is None:
                visit.bp_measured_at = now
                changed.append("bp_measured_at")
            rested = now - visit.rest_started_at if visit.rest_started_at else None
            if rested is None:
                outcome.notes.append(_("The rest before the blood pressure was not started. Measure after 5 minutes "
                                       "of seated rest."))
            elif rested < REST:
                outcome.notes.append(_("Blood pressure entered after %(minutes)d minutes of rest; 5 minutes are "
                                       "recommended.") % {"minutes": rested.total_seconds() // 60})
        if confirmed != visit.confirmed_values:
            visit.confirmed_values = confirmed
            changed.append("confirmed_values")
        outcome.saved = [n for n in changed if n in values]
        if not changed:
            return outcome
        visit.updated_at = now
        visit.save(update_fields=[*dict.fromkeys(changed), "updated_at"])
        try:
            visit_recompute(visit=visit, now=now)
        except InputError as exc:  # guarded above; a last line of defence that keeps the old result
            outcome.refused[exc.key] = exc.message
            transaction.set_rollback(True)
            outcome.saved = []
            return outcome
        if outcome.saved:
            Auditor(actor, now=now).change(visit.person, obj=visit, detail="visit values: " + ", ".join(outcome.saved))
    return outcome


def visit_rest_start(*, visit: Visit, actor: Actor, now: dt.datetime | None = None) -> Visit:
    now = now or timezone.now()
    if visit.status != VisitStatus.IN_PROGRESS:
        raise VisitClosed()
    Visit.objects.filter(pk=visit.pk).update(rest_started_at=now, updated_at=now)
    visit.rest_started_at = now
    return visit


def visit_override_level(*, visit: Visit, row_key: str, level: int | None, reason: str, actor: Actor,
                         now: dt.datetime | None = None):
    """Set a Hälsokurva row's level by hand (with a reason) or withdraw the override (level None)."""
    now = now or timezone.now()
    if visit.status != VisitStatus.IN_PROGRESS:
        raise VisitClosed()
    override = result_override(result=visit.result, row_key=row_key, level=level, reason=reason, user=actor.user,
                                now=now)
    Auditor(actor, now=now).change(
        visit.person, obj=visit,
        detail=f"Hälsokurva {row_key}: level {level}" if level else f"Hälsokurva {row_key}: override withdrawn",
    )
    return override
