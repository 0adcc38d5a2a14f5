"""Questionnaire definitions as JSON: validate, import into a new version, export a version.

The JSON (schema ``rhs-questionnaire/1``) mirrors the models: pages → blocks → questions →
options, plus skip rules by question key. ``default_definition.json`` is the national
"Frågor inför hälsosamtalet" in this format; a data migration loads it with
``definition_import`` and the historical models (``model_set``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

SCHEMA = "rhs-questionnaire/1"
DEFAULT_DEFINITION_FILE = Path(__file__).with_name("default_definition.json")
KINDS = ("single", "multiple", "integer", "decimal", "scale", "text")
CHOICE = ("single", "multiple")
_SLUG = re.compile(r"^[A-Za-z0-9_-]+$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")
TRANSLATABLE = {
    "version": ("title", "intro"),
    "page": ("title", "intro"),
    "block": ("title", "help_text"),
    "question": ("text", "help_text", "min_label", "max_label", "unit"),
    "option": ("text",),
}


class DefinitionError(ValueError):
    """A definition that cannot be used; ``path`` says where (e.g. pages[2].blocks[0].questions[1].kind)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def _require(condition: bool, path: str, message: str) -> None:
    if not condition:
        raise DefinitionError(path, message)


def _text(node: Mapping, name: str, path: str, *, required: bool = True, limit: int | None = None) -> str:
    value = node.get(name, "")
    _require(isinstance(value, str), f"{path}.{name}", "must be text")
    _require(not required or value.strip() != "", f"{path}.{name}", "is required")
    _require(limit is None or len(value) <= limit, f"{path}.{name}", f"is longer than {limit} characters")
    return value


def _key(node: Mapping, path: str, seen: set[str]) -> str:
    key = node.get("key")
    _require(isinstance(key, str) and bool(_SLUG.match(key)) and len(key) <= 60, f"{path}.key",
             "must be letters, digits, '-' or '_' (at most 60)")
    _require(key not in seen, f"{path}.key", f"duplicate key {key!r}")
    seen.add(key)
    return key


def _translations(node: Mapping, kind: str, path: str) -> None:
    translations = node.get("translations", {})
    _require(isinstance(translations, Mapping), f"{path}.translations", "must be an object of languages")
    for language, fields in translations.items():
        where = f"{path}.translations.{language}"
        _require(bool(_LANGUAGE.match(str(language))) and language != "sv", where,
                 "must be a two-letter language code other than sv (Swedish is the main text)")
        _require(isinstance(fields, Mapping), where, "must be an object of texts")
        for name, value in fields.items():
            _require(name in TRANSLATABLE[kind], f"{where}.{name}",
                     f"cannot be translated here; expected one of {', '.join(TRANSLATABLE[kind])}")
            _require(isinstance(value, str), f"{where}.{name}", "must be text")


def _number(node: Mapping, name: str, path: str) -> Decimal | None:
    value = node.get(name)
    if value is None:
        return None
    _require(isinstance(value, int | float) and not isinstance(value, bool), f"{path}.{name}", "must be a number")
    return Decimal(str(value))


def validate_definition(data: object) -> None:
    """Raise DefinitionError naming the first problem; return None when `data` is a usable definition."""
    _require(isinstance(data, Mapping), "<definition>", "must be an object")
    _require(data.get("schema") == SCHEMA, "schema", f"must be {SCHEMA!r}")
    version = _text(data, "version", "<definition>", limit=60)
    _require(bool(re.match(r"^[A-Za-z0-9._-]+$", version)), "version", "must be letters, digits, '.', '-' or '_'")
    _text(data, "title", "<definition>", limit=200)
    _text(data, "intro", "<definition>", required=False)
    try:
        dt.date.fromisoformat(data.get("valid_from"))
    except (TypeError, ValueError):
        raise DefinitionError("valid_from", "must be a date YYYY-MM-DD") from None
    _translations(data, "version", "<definition>")
    pages = data.get("pages")
    _require(isinstance(pages, list) and pages != [], "pages", "must be a non-empty list")
    page_keys: set[str] = set()
    questions: dict[str, tuple[int, Mapping, str]] = {}
    position = 0
    for p, page in enumerate(pages):
        ppath = f"pages[{p}]"
        _require(isinstance(page, Mapping), ppath, "must be an object")
        _key(page, ppath, page_keys)
        _text(page, "title", ppath, limit=200)
        _text(page, "intro", ppath, required=False)
        _translations(page, "page", ppath)
        blocks = page.get("blocks")
        _require(isinstance(blocks, list) and blocks != [], f"{ppath}.blocks", "must be a non-empty list")
        block_keys: set[str] = set()
        for b, block in enumerate(blocks):
            bpath = f"{ppath}.blocks[{b}]"
            _require(isinstance(block, Mapping), bpath, "must be an object")
            _key(block, bpath, block_keys)
            _text(block, "title", bpath, required=False, limit=300)
            _text(block, "help_text", bpath, required=False)
            _translations(block, "block", bpath)
            items = block.get("questions")
            _require(isinstance(items, list) and items != [], f"{bpath}.questions", "must be a non-empty list")
            seen = set(questions)
            for q, question in enumerate(items):
                qpath = f"{bpath}.questions[{q}]"
                _require(isinstance(question, Mapping), qpath, "must be an object")
                key = _key(question, qpath, seen)
                _validate_question(question, qpath)
                questions[key] = (position, question, qpath)
                position += 1
    rules = data.get("skip_rules", [])
    _require(isinstance(rules, list), "skip_rules", "must be a list")
    for r, rule in enumerate(rules):
        rpath = f"skip_rules[{r}]"
        _require(isinstance(rule, Mapping), rpath, "must be an object")
        when = rule.get("when")
        _require(when in questions, f"{rpath}.when", f"unknown question {when!r}")
        at, trigger, _ = questions[when]
        _require(trigger["kind"] in CHOICE, f"{rpath}.when", "must be a question with answer options")
        option_keys = {o["key"] for o in trigger["options"]}
        answers = rule.get("answers")
        _require(isinstance(answers, list) and answers != [] and set(answers) <= option_keys, f"{rpath}.answers",
                 f"must list answer options of {when!r}: {', '.join(sorted(option_keys))}")
        skips = rule.get("skip")
        _require(isinstance(skips, list) and skips != [], f"{rpath}.skip", "must list the questions to skip")
        for key in skips:
            _require(key in questions, f"{rpath}.skip", f"unknown question {key!r}")
            _require(questions[key][0] > at, f"{rpath}.skip", f"{key!r} must come after {when!r}")


def _validate_question(question: Mapping, path: str) -> None:
    kind = question.get("kind")
    _require(kind in KINDS, f"{path}.kind", f"must be one of {', '.join(KINDS)}")
    _text(question, "text", path)
    for name in ("help_text", "min_label", "max_label"):
        _text(question, name, path, required=False, limit=None if name == "help_text" else 100)
    _text(question, "unit", path, required=False, limit=30)
    _require(isinstance(question.get("required", True), bool), f"{path}.required", "must be true or false")
    _require(isinstance(question.get("regional", False), bool), f"{path}.regional", "must be true or false")
    _translations(question, "question", path)
    low, high = _number(question, "min_value", path), _number(question, "max_value", path)
    if kind == "scale":
        _require(low is not None and high is not None, path, "a scale needs min_value and max_value")
    if low is not None and high is not None:
        _require(low < high, f"{path}.max_value", "must be above min_value")
    options = question.get("options", [])
    _require(isinstance(options, list), f"{path}.options", "must be a list")
    if kind in CHOICE:
        _require(len(options) >= 2, f"{path}.options", "a question with answer options needs at least two")
    else:
        _require(options == [], f"{path}.options", f"a {kind} question has no answer options")
    option_keys: set[str] = set()
    for o, option in enumerate(options):
        opath = f"{path}.options[{o}]"
        _require(isinstance(option, Mapping), opath, "must be an object")
        _key(option, opath, option_keys)
        _text(option, "text", opath, limit=300)
        points = option.get("points")
        _require(points is None or (isinstance(points, int) and not isinstance(points, bool)), f"{opath}.points",
                 "must be a whole number or null")
        _translations(option, "option", opath)


# --------------------------------------------------------------------------- models ⇄ JSON


@dataclass(frozen=True)
class ModelSet:
    """The model classes an import writes (current ones, or a migration's historical ones)."""

    Version: Any
    Page: Any
    Block: Any
    Question: Any
    Option: Any
    SkipRule: Any


def model_set(apps=None) -> ModelSet:
    if apps is None:
        from django.apps import apps as current

        apps = current
    get = apps.get_model
    return ModelSet(
        get("questionnaire", "QuestionnaireVersion"), get("questionnaire", "QuestionPage"),
        get("questionnaire", "QuestionBlock"), get("questionnaire", "Question"),
        get("questionnaire", "AnswerOption"), get("questionnaire", "SkipRule"),
    )


def _number_out(value) -> int | float | None:
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def definition_import(data: Mapping, *, region=None, status: str = "draft", created_by=None, based_on=None,
                      models: ModelSet | None = None):
    """Create a new version from `data` (validated first); returns the version. Call inside a transaction."""
    validate_definition(data)
    m = models or model_set()
    version = m.Version.objects.create(
        region=region, key=data.get("key") or "fragor-infor-halsosamtalet", version=data["version"],
        title=data["title"], intro=data.get("intro", ""), valid_from=dt.date.fromisoformat(data["valid_from"]),
        status=status, translations=data.get("translations", {}), created_by=created_by, based_on=based_on,
    )
    by_key = {}
    for p, page in enumerate(data["pages"], start=1):
        page_row = m.Page.objects.create(version=version, order=p, key=page["key"], title=page["title"],
                                         intro=page.get("intro", ""), translations=page.get("translations", {}))
        for b, block in enumerate(page["blocks"], start=1):
            block_row = m.Block.objects.create(
                page=page_row, order=b, key=block["key"], title=block.get("title", ""),
                help_text=block.get("help_text", ""), translations=block.get("translations", {}),
            )
            for q, item in enumerate(block["questions"], start=1):
                question = m.Question.objects.create(
                    version=version, block=block_row, order=q, key=item["key"], kind=item["kind"], text=item["text"],
                    help_text=item.get("help_text", ""), required=item.get("required", True),
                    min_value=_number(item, "min_value", ""), max_value=_number(item, "max_value", ""),
                    min_label=item.get("min_label", ""), max_label=item.get("max_label", ""),
                    unit=item.get("unit", ""), regional=item.get("regional", False),
                    translations=item.get("translations", {}),
                )
                m.Option.objects.bulk_create([
                    m.Option(question=question, order=o, key=option["key"], text=option["text"],
                             points=option.get("points"), translations=option.get("translations", {}))
                    for o, option in enumerate(item.get("options", []), start=1)
                ])
                by_key[item["key"]] = question
    for rule in data.get("skip_rules", []):
        row = m.SkipRule.objects.create(version=version, question=by_key[rule["when"]], answers=list(rule["answers"]))
        row.skips.set([by_key[key] for key in rule["skip"]])
    return version


def definition_export(version) -> dict:
    """The version as definition JSON (round-trips through definition_import)."""

    def tr(obj) -> dict:
        return {"translations": obj.translations} if obj.translations else {}

    pages = []
    for page in version.pages.order_by("order").prefetch_related("blocks__questions__options"):
        blocks = []
        for block in page.blocks.all():
            questions = []
            for q in block.questions.all():
                item = {
                    "key": q.key, "kind": q.kind, "text": q.text, "help_text": q.help_text, "required": q.required,
                    "min_value": _number_out(q.min_value), "max_value": _number_out(q.max_value),
                    "min_label": q.min_label, "max_label": q.max_label, "unit": q.unit, "regional": q.regional,
                    **tr(q),
                    "options": [{"key": o.key, "text": o.text, "points": o.points, **tr(o)} for o in q.options.all()],
                }
                questions.append(item)
            blocks.append({"key": block.key, "title": block.title, "help_text": block.help_text, **tr(block),
                           "questions": questions})
        pages.append({"key": page.key, "title": page.title, "intro": page.intro, **tr(page), "blocks": blocks})
    rules = [
        {"when": rule.question.key, "answers": list(rule.answers),
         "skip": [q.key for q in rule.skips.order_by("block__page__order", "block__order", "order")]}
        for rule in version.skip_rules.select_related("question").order_by("pk")
    ]
    return {
        "schema": SCHEMA, "key": version.key, "version": version.version, "title": version.title,
        "intro": version.intro, "valid_from": version.valid_from.isoformat(), **tr(version),
        "pages": pages, "skip_rules": rules,
    }
