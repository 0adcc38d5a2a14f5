"""Answers in words: the summary the citizen checks before handing in, and staff read before the visit."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from questionnaire.models import QuestionKind
from questionnaire.structure import QuestionView, Structure


@dataclass(frozen=True)
class PageSummary:
    number: int
    title: str
    change_url: str


def answer_text(question: QuestionView, value: object) -> str:
    if value in (None, "", []):
        return ""
    if question.kind == QuestionKind.SINGLE:
        return question.option_text(str(value))
    if question.kind == QuestionKind.MULTIPLE:
        return ", ".join(question.option_text(k) for k in value)
    if question.kind in (QuestionKind.DECIMAL,):
        return str(value).replace(".", ",")
    text = str(value)
    return f"{text} {question.unit}".strip() if question.unit else text


def summary_pages(
    structure: Structure, answers: Mapping[str, object], change_url: Callable[[int], str] | None = None
) -> list[tuple[PageSummary, list[tuple[QuestionView, str, str]]]]:
    """Per page: its questions with the answer text and 'answered' / 'skipped' / 'missing'."""
    skipped = structure.skipped(answers)
    pages = []
    for page in structure.pages:
        rows = []
        for question in page.questions:
            text = answer_text(question, answers.get(question.key))
            state = "answered" if text else "skipped" if question.key in skipped else "missing"
            rows.append((question, text, state))
        pages.append((PageSummary(page.number, page.title, change_url(page.number) if change_url else ""), rows))
    return pages


def answered_pages(structure: Structure, answers: Mapping[str, object]) -> int:
    """How many pages have every asked required question answered (the progress shown to the citizen)."""
    done = 0
    for page in structure.pages:
        keys = [q.key for q in page.questions]
        if any(answers.get(k) not in (None, "", []) for k in keys) and not structure.missing_required(answers, keys):
            done += 1
    return done
