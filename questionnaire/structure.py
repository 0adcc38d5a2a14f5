"""A questionnaire version loaded once for a page: pages, blocks, questions, options and skip rules.

Read in a fixed number of queries; used to build forms, check answers, apply skip rules and
export. Texts come out in the language asked for, falling back to Swedish.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from questionnaire.models import Question, QuestionnaireVersion


@dataclass(frozen=True)
class OptionView:
    key: str
    text: str
    points: int | None


@dataclass(frozen=True)
class QuestionView:
    question: Question
    key: str
    kind: str
    text: str
    help_text: str
    required: bool
    options: tuple[OptionView, ...]
    min_label: str
    max_label: str
    unit: str

    @property
    def option_keys(self) -> tuple[str, ...]:
        return tuple(o.key for o in self.options)

    def option_text(self, key: str) -> str:
        return next((o.text for o in self.options if o.key == key), key)


@dataclass(frozen=True)
class BlockView:
    key: str
    title: str
    help_text: str
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class PageView:
    number: int
    key: str
    title: str
    intro: str
    blocks: tuple[BlockView, ...]

    @property
    def questions(self) -> tuple[QuestionView, ...]:
        return tuple(q for block in self.blocks for q in block.questions)


@dataclass(frozen=True)
class Rule:
    when: str
    answers: frozenset[str]
    skips: tuple[str, ...]


@dataclass
class Structure:
    version: QuestionnaireVersion
    language: str
    title: str
    intro: str
    pages: tuple[PageView, ...]
    rules: tuple[Rule, ...]
    questions: dict[str, QuestionView] = field(default_factory=dict)

    def page(self, number: int) -> PageView:
        return self.pages[number - 1]

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def skipped(self, answers: Mapping[str, object]) -> set[str]:
        """Questions not asked, given `answers` (question key → value)."""
        skipped: set[str] = set()
        for rule in self.rules:
            if rule.when not in skipped and answers.get(rule.when) in rule.answers:
                skipped.update(rule.skips)
        return skipped

    def skip_conditions(self) -> dict[str, list[dict]]:
        """Per skippable question: the conditions that hide it (for the page's script)."""
        conditions: dict[str, list[dict]] = {}
        for rule in self.rules:
            for key in rule.skips:
                conditions.setdefault(key, []).append({"q": rule.when, "in": sorted(rule.answers)})
        return conditions

    def missing_required(self, answers: Mapping[str, object], keys=None) -> list[QuestionView]:
        """Required questions (of `keys`, or all) that are asked and not answered."""
        skipped = self.skipped(answers)
        chosen = self.questions.values() if keys is None else [self.questions[k] for k in keys]
        return [q for q in chosen if q.required and q.key not in skipped and answers.get(q.key) in (None, "", [])]


def load_structure(version: QuestionnaireVersion, language: str = "sv") -> Structure:
    pages = []
    by_key: dict[str, QuestionView] = {}
    page_rows = version.pages.order_by("order").prefetch_related("blocks__questions__options")
    for number, page in enumerate(page_rows, start=1):
        blocks = []
        for block in page.blocks.all():
            questions = []
            for q in block.questions.all():
                view = QuestionView(
                    question=q, key=q.key, kind=q.kind, text=q.tr("text", language),
                    help_text=q.tr("help_text", language), required=q.required,
                    options=tuple(OptionView(o.key, o.tr("text", language), o.points) for o in q.options.all()),
                    min_label=q.tr("min_label", language), max_label=q.tr("max_label", language),
                    unit=q.tr("unit", language),
                )
                questions.append(view)
                by_key[q.key] = view
            blocks.append(BlockView(block.key, block.tr("title", language), block.tr("help_text", language),
                                    tuple(questions)))
        pages.append(PageView(number, page.key, page.tr("title", language), page.tr("intro", language),
                              tuple(blocks)))
    rules = tuple(
        Rule(rule.question.key, frozenset(rule.answers), tuple(q.key for q in rule.skips.all()))
        for rule in version.skip_rules.select_related("question").prefetch_related("skips").order_by("pk")
    )
    return Structure(version=version, language=language, title=version.tr("title", language),
                     intro=version.tr("intro", language), pages=tuple(pages), rules=rules, questions=by_key)
