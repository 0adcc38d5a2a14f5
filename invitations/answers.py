"""The answers a citizen can give, worded as in the manual (citizen-facing: Swedish, English and Arabic)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import pgettext_lazy

from invitations.models import ANSWERS_BY_TEMPLATE, CitizenAnswer, TemplateKind

_W, _P = TemplateKind.INVITATION_WEB, TemplateKind.INVITATION_PHONE
_DECLINE = pgettext_lazy("citizen answer", "No, I do not want a health dialogue.")
ANSWER_TEXTS = {
    (_W, CitizenAnswer.SELF_BOOK): pgettext_lazy(
        "citizen answer", "Yes, I want a health dialogue and will book the time myself."),
    (_W, CitizenAnswer.CALL_ME): pgettext_lazy(
        "citizen answer", "Yes, I want a health dialogue but want to be called to get a time."),
    (_W, CitizenAnswer.DECLINE): _DECLINE,
    (_P, CitizenAnswer.CALL_ME): pgettext_lazy(
        "citizen answer", "Yes, I want a health dialogue and want to be called to get a time."),
    (_P, CitizenAnswer.DECLINE): _DECLINE,
}


def answer_choices(template_kind: str) -> list[tuple[str, str]]:
    """(answer, text) for the options of the template, in the active language."""
    return [(answer, str(ANSWER_TEXTS[(template_kind, answer)])) for answer in ANSWERS_BY_TEMPLATE[template_kind]]


def answer_labels(template_kind: str, language: str) -> list[str]:
    with translation.override(language or "sv"):
        return [text for _answer, text in answer_choices(template_kind)]


def answer_text(template_kind: str, answer: str) -> str:
    text = ANSWER_TEXTS.get((template_kind, answer))
    return str(text) if text is not None else ""
