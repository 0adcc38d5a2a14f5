"""Writes of questionnaire answers: start a response, save answers (page by page or as typed), submit, lock.

Every save records who entered each answer and how, applies the skip rules (a skipped
question's answer is removed), and audits the change with the actor. Bad answers are
reported per question and change nothing for that question.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from population.models import AccessAction
from population.services.audit import Actor, Auditor
from questionnaire.models import (
    RESPONSE_MACHINE,
    Answer,
    EntryMethod,
    QuestionKind,
    QuestionnaireResponse,
    QuestionnaireVersion,
    ResponseStatus,
)
from questionnaire.signals import response_handed_in
from questionnaire.structure import QuestionView, Structure

TEXT_LIMIT = 2000


class ResponseLocked(Exception):
    """The response was closed after the visit; answers are no longer changed."""


class IncompleteResponse(Exception):
    def __init__(self, missing: list[QuestionView]) -> None:
        super().__init__(", ".join(q.key for q in missing))
        self.missing = missing


@dataclass
class SaveResult:
    saved: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.saved or self.removed)


def clean_answer(question: QuestionView, raw: object) -> object | None:
    """The stored form of `raw` for `question` (None: no answer), or ValueError with a plain message."""
    if raw is None or raw == "" or raw == []:
        return None
    kind = question.kind
    if kind == QuestionKind.SINGLE:
        if raw not in question.option_keys:
            raise ValueError(_("Choose one of the answers."))
        return raw
    if kind == QuestionKind.MULTIPLE:
        values = [raw] if isinstance(raw, str) else list(raw)
        if not set(values) <= set(question.option_keys):
            raise ValueError(_("Choose among the answers."))
        return [k for k in question.option_keys if k in values]
    if kind == QuestionKind.TEXT:
        text = str(raw).strip()
        if len(text) > TEXT_LIMIT:
            raise ValueError(_("Write at most %(limit)d characters.") % {"limit": TEXT_LIMIT})
        return text or None
    try:
        number = Decimal(str(raw).replace(",", ".").strip())
    except InvalidOperation:
        raise ValueError(_("Write a number.")) from None
    if not number.is_finite():
        raise ValueError(_("Write a number."))
    q = question.question
    if kind in (QuestionKind.INTEGER, QuestionKind.SCALE) and number != number.to_integral_value():
        raise ValueError(_("Write a whole number."))
    if (q.min_value is not None and number < q.min_value) or (q.max_value is not None and number > q.max_value):
        raise ValueError(_("Write a number from %(low)s to %(high)s.") % {
            "low": _plain(q.min_value), "high": _plain(q.max_value)})
    if kind in (QuestionKind.INTEGER, QuestionKind.SCALE):
        return int(number)
    return _plain(number)


def _plain(value: Decimal | None) -> str:
    if value is None:
        return "…"
    value = Decimal(value)
    return str(value.to_integral_value()) if value == value.to_integral_value() else str(value.normalize())


def response_start(
    *, participation_id: int, person, unit, version: QuestionnaireVersion, actor: Actor, now: dt.datetime | None = None
) -> QuestionnaireResponse:
    """The participation's response, created (in `version`) the first time; a second call returns the same."""
    now = now or timezone.now()
    existing = QuestionnaireResponse.objects.filter(participation_id=participation_id).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            response = QuestionnaireResponse.objects.create(
                version=version, participation_id=participation_id, person=person, unit=unit,
                status=ResponseStatus.IN_PROGRESS, status_changed_at=now, started_at=now, updated_at=now,
            )
            Auditor(actor, now=now).record(action=AccessAction.CREATE, person=person, obj=response,
                                           detail="questionnaire started")
    except IntegrityError:  # two tabs at once: the other one created it
        return QuestionnaireResponse.objects.get(participation_id=participation_id)
    return response


def answers_current(response: QuestionnaireResponse) -> dict[str, object]:
    return dict(Answer.objects.filter(response=response).values_list("question__key", "value"))


def answers_save(
    *,
    response: QuestionnaireResponse,
    structure: Structure,
    values: dict[str, object],
    method: str,
    actor: Actor,
    require: list[str] | None = None,
    page: int | None = None,
    now: dt.datetime | None = None,
) -> SaveResult:
    """Save `values` (question key → raw answer). With `require`, those required questions must be answered.

    Valid answers are saved even when others on the page are wrong; unchanged answers keep who
    entered them. Answers to questions the skip rules now skip are removed.
    """
    now = now or timezone.now()
    if response.status == ResponseStatus.LOCKED:
        raise ResponseLocked()
    if method not in EntryMethod.values:
        raise ValueError(f"unknown entry method {method!r}")
    result = SaveResult()
    cleaned: dict[str, object] = {}
    for key, raw in values.items():
        question = structure.questions.get(key)
        if question is None:
            result.errors[key] = _("Unknown question.")
            continue
        try:
            cleaned[key] = clean_answer(question, raw)
        except ValueError as exc:
            result.errors[key] = str(exc)
    user = actor.user
    with transaction.atomic():
        locked = QuestionnaireResponse.objects.select_for_update().get(pk=response.pk)
        if locked.status == ResponseStatus.LOCKED:
            raise ResponseLocked()
        existing = {a.question.key: a for a in Answer.objects.filter(response=response).select_related("question")}
        current = {key: a.value for key, a in existing.items()}
        current.update(cleaned)
        skipped = structure.skipped(current)
        for key in skipped:
            result.errors.pop(key, None)
        to_create, to_update, to_delete = [], [], []
        for key, value in cleaned.items():
            answer = existing.get(key)
            if value is None or key in skipped:
                if answer is not None:
                    to_delete.append(answer.pk)
                    result.removed.append(key)
                continue
            if answer is None:
                to_create.append(Answer(response=response, question=structure.questions[key].question, value=value,
                                        method=method, entered_by=user, entered_at=now))
                result.saved.append(key)
            elif answer.value != value:
                answer.value, answer.method, answer.entered_by, answer.entered_at = value, method, user, now
                to_update.append(answer)
                result.saved.append(key)
        for key, answer in existing.items():
            if key in skipped and key not in cleaned:
                to_delete.append(answer.pk)
                result.removed.append(key)
        Answer.objects.bulk_create(to_create)
        Answer.objects.bulk_update(to_update, ["value", "method", "entered_by", "entered_at"])
        Answer.objects.filter(pk__in=to_delete).delete()
        if require:
            after = {k: v for k, v in current.items() if v is not None and k not in skipped}
            for question in structure.missing_required(after, keys=[k for k in require if k in structure.questions]):
                result.errors.setdefault(question.key, _("Answer the question."))
        fields = {"updated_at": now} if result.changed else {}
        if page is not None:
            fields["last_page"] = page
        if fields:
            QuestionnaireResponse.objects.filter(pk=response.pk).update(**fields)
            for name, value in fields.items():
                setattr(response, name, value)
        if result.changed:
            Auditor(actor, now=now).record(
                action=AccessAction.CHANGE, person=response.person, obj=response,
                detail=f"questionnaire answers ({EntryMethod(method).value}): " + ", ".join(result.saved + result.removed),
            )
    return result


def response_submit(*, response: QuestionnaireResponse, structure: Structure, actor: Actor,
                    now: dt.datetime | None = None) -> QuestionnaireResponse:
    """Mark the answers as handed in; every required question that is asked must be answered."""
    now = now or timezone.now()
    if response.status != ResponseStatus.IN_PROGRESS:
        return response  # already handed in (a double click, or a second tab)
    missing = structure.missing_required(answers_current(response))
    if missing:
        raise IncompleteResponse(missing)
    RESPONSE_MACHINE.transition(response, ResponseStatus.SUBMITTED, actor_name=actor.name, actor_user=actor.user,
                                now=now, submitted_at=now)
    response_handed_in.send(sender=QuestionnaireResponse, response=response, now=now)
    Auditor(actor, now=now).record(action=AccessAction.CHANGE, person=response.person, obj=response,
                                   detail="questionnaire handed in")
    return response


def response_lock(*, response: QuestionnaireResponse, actor: Actor, now: dt.datetime | None = None) -> None:
    """Close the answers for changes (the visit's note is signed)."""
    now = now or timezone.now()
    if response.status != ResponseStatus.LOCKED:
        RESPONSE_MACHINE.transition(response, ResponseStatus.LOCKED, actor_name=actor.name, actor_user=actor.user,
                                    now=now, note="visit documented")
        response_handed_in.send(sender=QuestionnaireResponse, response=response, now=now)
