"""The pre-visit status of a dialogue: questionnaire answered? lab results in?

The questionnaire status comes from the questionnaire app
(`questionnaire.selectors.questionnaire_status(*, participation)` →
"not_started" | "in_progress" | "answered", or its batch twin
`questionnaire_statuses(*, participation_ids)` when it has one), read through
this one adapter so the day view and the reminder rules ask the same
question; before that app is installed the status is unknown (None).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from responses.lab.analytes import Analysis
from responses.models import LabOrderStatus

_ANSWERED_WORDS = {"answered", "complete", "completed", "submitted", "done", "finished"}


class LabState(StrEnum):
    NOT_ORDERED = "not_ordered"
    ORDERED = "ordered"
    SAMPLED = "sampled"
    RESULTS_IN = "results_in"


@dataclass(frozen=True)
class PrevisitStatus:
    questionnaire_answered: bool | None  # None: not known (questionnaire app not installed)
    lab: LabState

    @property
    def lab_results_in(self) -> bool:
        return self.lab == LabState.RESULTS_IN

    @property
    def ready(self) -> bool:
        return bool(self.questionnaire_answered) and self.lab_results_in


def _answered(status) -> bool | None:
    if status is None:
        return None
    if isinstance(status, bool):
        return status
    for attribute in ("is_answered", "answered", "is_complete", "complete"):
        value = getattr(status, attribute, None)
        if isinstance(value, bool):
            return value
    text = str(getattr(status, "value", status)).strip().lower()
    return text in _ANSWERED_WORDS


def questionnaire_answered(participation) -> bool | None:
    return questionnaire_answered_many([participation])[participation.pk]


def questionnaire_answered_many(participations) -> dict[int, bool | None]:
    """Answered or not, per participation id; one query when the questionnaire app offers a batch read."""
    participations = list(participations)
    try:
        from questionnaire import selectors as questionnaire
    except ImportError:
        return {p.pk: None for p in participations}
    batch = getattr(questionnaire, "questionnaire_statuses", None)
    if batch is not None:
        statuses = batch(participation_ids=[p.pk for p in participations])
        return {p.pk: _answered(statuses.get(p.pk)) for p in participations}
    return {p.pk: _answered(questionnaire.questionnaire_status(participation=p)) for p in participations}


def lab_state(orders) -> LabState:
    """From the participation's lab orders (prefetched): results in when every live order has them."""
    live = [o for o in orders if o.status != LabOrderStatus.CANCELLED]
    if not live:
        return LabState.NOT_ORDERED
    if {o.analysis for o in live if o.status == LabOrderStatus.RESULTS_RECEIVED} >= set(Analysis.values):
        return LabState.RESULTS_IN
    if any(o.status in (LabOrderStatus.SAMPLED, LabOrderStatus.RESULTS_RECEIVED) for o in live):
        return LabState.SAMPLED
    return LabState.ORDERED


def previsit_status(participation) -> PrevisitStatus:
    """For one participation whose `lab_orders` may be prefetched."""
    return previsit_statuses([participation])[participation.pk]


def previsit_statuses(participations) -> dict[int, PrevisitStatus]:
    """For a list (the day view, the reminder rules): lab orders prefetched, the questionnaire in one read."""
    participations = list(participations)
    answered = questionnaire_answered_many(participations)
    return {
        p.pk: PrevisitStatus(questionnaire_answered=answered[p.pk], lab=lab_state(p.lab_orders.all()))
        for p in participations
    }
