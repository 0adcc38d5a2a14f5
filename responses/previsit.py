"""The pre-visit status of a dialogue: questionnaire answered? lab results in?

The questionnaire status comes from the questionnaire app
(`questionnaire.selectors.questionnaire_status(*, participation)`), read
through this one adapter so the day view and the reminder rules ask the same
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
    try:
        from questionnaire.selectors import questionnaire_status
    except ImportError:
        return None
    return _answered(questionnaire_status(participation=participation))


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
    return PrevisitStatus(
        questionnaire_answered=questionnaire_answered(participation),
        lab=lab_state(participation.lab_orders.all()),
    )
