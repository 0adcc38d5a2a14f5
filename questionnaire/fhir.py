"""FHIR R4 (R4-compatible, checked with fhir.resources' R4B models in tests) for questionnaires.

``questionnaire_resource(structure)`` gives a ``Questionnaire``: pages and blocks as groups,
questions with their answer options (scored ones carry ``ordinalValue``), help texts as
``display`` items, skip rules as ``enableWhen`` and English/Arabic texts as translation
extensions. ``response_resource(...)`` gives the matching ``QuestionnaireResponse``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from questionnaire.models import QuestionKind, QuestionnaireResponse, ResponseStatus, VersionStatus
from questionnaire.structure import QuestionView, Structure

BASE = "urn:rhs-portal:questionnaire"
ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
PERSONNUMMER = "urn:oid:1.2.752.129.2.1.3.1"
SAMORDNINGSNUMMER = "urn:oid:1.2.752.129.2.1.3.3"
_TYPES = {
    QuestionKind.SINGLE: "choice",
    QuestionKind.MULTIPLE: "choice",
    QuestionKind.INTEGER: "integer",
    QuestionKind.SCALE: "integer",
    QuestionKind.DECIMAL: "decimal",
    QuestionKind.TEXT: "text",
}
_STATUS = {VersionStatus.DRAFT: "draft", VersionStatus.PUBLISHED: "active", VersionStatus.RETIRED: "retired"}


def canonical(structure: Structure) -> str:
    return f"{BASE}:{structure.version.key}"


def option_system(structure: Structure, question_key: str) -> str:
    return f"{canonical(structure)}:{question_key}"


def _translations(obj, field: str) -> dict:
    """The `_text`-style element carrying the other languages of `obj.field`, or {}."""
    extensions = [
        {"url": TRANSLATION, "extension": [{"url": "lang", "valueCode": language},
                                           {"url": "content", "valueString": texts[field]}]}
        for language, texts in sorted((obj.translations or {}).items())
        if texts.get(field)
    ]
    return {"extension": extensions} if extensions else {}


def _number(value) -> int | float:
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _question_item(structure: Structure, q: QuestionView, conditions: list[tuple[str, str]]) -> dict:
    model = q.question
    item: dict = {"linkId": q.key, "text": model.text, "type": _TYPES[q.kind], "required": q.required}
    if (tr := _translations(model, "text")):
        item["_text"] = tr
    if q.kind == QuestionKind.MULTIPLE:
        item["repeats"] = True
    if q.kind in (QuestionKind.INTEGER, QuestionKind.SCALE, QuestionKind.DECIMAL):
        value_type = "valueDecimal" if q.kind == QuestionKind.DECIMAL else "valueInteger"
        extensions = []
        if model.min_value is not None:
            extensions.append({"url": MIN_VALUE, value_type: _number(model.min_value)})
        if model.max_value is not None:
            extensions.append({"url": MAX_VALUE, value_type: _number(model.max_value)})
        if extensions:
            item["extension"] = extensions
    if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        options = []
        for option in model.options.all():
            coding = {"system": option_system(structure, q.key), "code": option.key, "display": option.text}
            if (tr := _translations(option, "text")):
                coding["_display"] = tr
            entry: dict = {"valueCoding": coding}
            if option.points is not None:
                entry["extension"] = [{"url": ORDINAL, "valueDecimal": option.points}]
            options.append(entry)
        item["answerOption"] = options
    if conditions:
        item["enableWhen"] = [
            {"question": when, "operator": "!=", "answerCoding": {"system": option_system(structure, when), "code": code}}
            for when, code in conditions
        ]
        item["enableBehavior"] = "all"
    children = []
    if model.help_text:
        help_item = {
            "linkId": f"{q.key}.help", "type": "display", "text": model.help_text,
            "extension": [{"url": ITEM_CONTROL, "valueCodeableConcept": {"coding": [
                {"system": "http://hl7.org/fhir/questionnaire-item-control", "code": "help"}]}}],
        }
        if (tr := _translations(model, "help_text")):
            help_item["_text"] = tr
        children.append(help_item)
    if children:
        item["item"] = children
    return item


def questionnaire_resource(structure: Structure) -> dict:
    version = structure.version
    conditions: dict[str, list[tuple[str, str]]] = {}
    for rule in structure.rules:
        for key in rule.skips:
            conditions.setdefault(key, []).extend((rule.when, code) for code in sorted(rule.answers))
    pages = []
    for page_view, page in zip(structure.pages, version.pages.order_by("order"), strict=True):
        blocks = []
        for block_view, block in zip(page_view.blocks, page.blocks.all(), strict=True):
            group: dict = {"linkId": f"{page.key}.{block.key}", "type": "group"}
            if block.title:
                group["text"] = block.title
                if (tr := _translations(block, "title")):
                    group["_text"] = tr
            group["item"] = [_question_item(structure, q, conditions.get(q.key, [])) for q in block_view.questions]
            if block.help_text:
                group["item"].insert(0, {"linkId": f"{page.key}.{block.key}.help", "type": "display",
                                         "text": block.help_text})
            blocks.append(group)
        entry = {"linkId": page.key, "type": "group", "text": page.title, "item": blocks}
        if (tr := _translations(page, "title")):
            entry["_text"] = tr
        pages.append(entry)
    resource = {
        "resourceType": "Questionnaire",
        "id": _fhir_id(version.version),
        "url": canonical(structure),
        "version": version.version,
        "name": "".join(part.capitalize() for part in version.key.split("-")),
        "title": version.title,
        "status": _STATUS[version.status],
        "language": "sv",
        "subjectType": ["Patient"],
        "effectivePeriod": {"start": version.valid_from.isoformat()},
        "item": pages,
    }
    if version.intro:
        resource["description"] = version.intro
    if version.published_at:
        resource["date"] = version.published_at.isoformat()
    if version.region_id:
        resource["jurisdiction"] = [{"text": version.region.name}]
    return resource


def _fhir_id(text: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-." else "-" for c in text)
    return cleaned[:64]


def _answer_value(structure: Structure, q: QuestionView, value: object) -> list[dict]:
    if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        keys = value if isinstance(value, list) else [value]
        return [{"valueCoding": {"system": option_system(structure, q.key), "code": key, "display": _sv_option(q, key)}}
                for key in keys]
    if q.kind in (QuestionKind.INTEGER, QuestionKind.SCALE):
        return [{"valueInteger": int(value)}]
    if q.kind == QuestionKind.DECIMAL:
        return [{"valueDecimal": float(Decimal(str(value)))}]
    return [{"valueString": str(value)}]


def _sv_option(q: QuestionView, key: str) -> str:
    return next((o.text for o in q.question.options.all() if o.key == key), key)


def response_resource(structure: Structure, response: QuestionnaireResponse, answers: Mapping[str, object]) -> dict:
    """The response with its answers in the questionnaire's page and block groups (unanswered left out)."""
    pages = []
    for page in structure.pages:
        blocks = []
        for block in page.blocks:
            items = [
                {"linkId": q.key, "text": q.question.text, "answer": _answer_value(structure, q, answers[q.key])}
                for q in block.questions
                if answers.get(q.key) not in (None, "", [])
            ]
            if items:
                blocks.append({"linkId": f"{page.key}.{block.key}", "item": items})
        if blocks:
            pages.append({"linkId": page.key, "text": page.title, "item": blocks})
    person = response.person
    system = SAMORDNINGSNUMMER if person.is_coordination_number else PERSONNUMMER
    resource = {
        "resourceType": "QuestionnaireResponse",
        "id": f"qr-{response.pk}",
        "questionnaire": f"{canonical(structure)}|{structure.version.version}",
        "status": "in-progress" if response.status == ResponseStatus.IN_PROGRESS else "completed",
        "subject": {"identifier": {"system": system, "value": person.personnummer}, "display": person.full_name},
        "authored": (response.submitted_at or response.updated_at).isoformat(),
    }
    if pages:
        resource["item"] = pages
    return resource
