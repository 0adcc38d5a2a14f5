"""Reads of questionnaire versions and answers.

`questionnaire_status(participation=...)` is the one other apps call (the nurse's day view,
reminders); reads of answers for staff go through `response_for_user`, scoped to the user's
active unit.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.http import Http404

from population.selectors import units_for_user
from questionnaire.models import (
    Answer,
    QuestionnaireResponse,
    QuestionnaireVersion,
    ResponseStatus,
    VersionStatus,
)

NOT_STARTED, IN_PROGRESS, ANSWERED = "not_started", "in_progress", "answered"


def version_in_force(*, region, on: dt.date) -> QuestionnaireVersion | None:
    """The published version to start new responses with: the region's own once valid, else the national one."""
    published = QuestionnaireVersion.objects.filter(status=VersionStatus.PUBLISHED, valid_from__lte=on)
    if region is not None:
        own = published.filter(region=region).order_by("-valid_from", "-pk").first()
        if own is not None:
            return own
    return published.filter(region__isnull=True).order_by("-valid_from", "-pk").first()


def response_for_participation(*, participation_id: int) -> QuestionnaireResponse | None:
    return QuestionnaireResponse.objects.select_related("version").filter(participation_id=participation_id).first()


def _status(status: str | None, answers: int) -> str:
    if status in (ResponseStatus.SUBMITTED, ResponseStatus.LOCKED):
        return ANSWERED
    return IN_PROGRESS if status is not None and answers else NOT_STARTED


def questionnaire_status(*, participation) -> str:
    """'not_started' | 'in_progress' | 'answered' for one participation."""
    return questionnaire_statuses(participation_ids=[participation.pk]).get(participation.pk, NOT_STARTED)


def questionnaire_statuses(*, participation_ids) -> dict[int, str]:
    """The status of many participations in one query (for lists); missing ids are 'not_started'."""
    ids = list(participation_ids)
    rows = (
        QuestionnaireResponse.objects.filter(participation_id__in=ids)
        .annotate(n=Count("answers"))
        .values_list("participation_id", "status", "n")
    )
    found = {pid: _status(status, n) for pid, status, n in rows}
    return {pid: found.get(pid, NOT_STARTED) for pid in ids}


def answers_of(response: QuestionnaireResponse) -> dict[str, Answer]:
    """The response's answers by question key, with who entered them."""
    return {
        a.question.key: a
        for a in Answer.objects.filter(response=response).select_related("question", "entered_by")
    }


def response_for_user(*, user, unit, participation_id: int, capability: str) -> QuestionnaireResponse | None:
    """The participation's response if it belongs to the user's active unit (None when there is none yet).

    A response of another unit is a 404, like every object outside the user's unit.
    """
    response = QuestionnaireResponse.objects.select_related("version", "person").filter(
        participation_id=participation_id).first()
    if response is None:
        return None
    units = units_for_user(user=user, capability=capability).filter(pk=unit.pk)
    if not units.filter(pk=response.unit_id).exists():
        raise Http404("No such questionnaire response")
    return response

