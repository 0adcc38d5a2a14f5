"""Questionnaire definitions as data: the national default, JSON import/export and its checks."""

from __future__ import annotations

import copy
import json

import pytest

from halsokurva.scoring import load_default_table
from questionnaire.definition import (
    DEFAULT_DEFINITION_FILE,
    DefinitionError,
    definition_export,
    definition_import,
    validate_definition,
)
from questionnaire.models import QuestionnaireVersion, VersionStatus
from tests.questionnaire.factories import NATIONAL, national_version

DEFAULT = json.loads(DEFAULT_DEFINITION_FILE.read_text(encoding="utf-8"))


def _questions(data):
    return {q["key"]: q for p in data["pages"] for b in p["blocks"] for q in b["questions"]}


def test_the_default_covers_every_area_of_the_national_questionnaire():
    validate_definition(DEFAULT)
    pages = [p["key"] for p in DEFAULT["pages"]]
    assert pages == ["om_dig", "arftlighet", "halsa", "somn", "tobak", "fysisk_aktivitet", "matvanor", "alkohol",
                     "livssituation", "forandring"]
    questions = _questions(DEFAULT)
    smoking = [o["text"] for o in questions["rokning"]["options"]]
    assert "Ja, varje dag, 1–9 cigaretter om dagen" in smoking and len(smoking) == 7
    assert [o["text"] for o in questions["forandring_fysisk"]["options"]] == [
        "Ja, och jag tror att jag klarar det själv", "Ja, men jag behöver stöd", "Nej"]
    assert questions["stress"]["kind"] == "scale" and questions["stress"]["max_value"] == 50
    assert all(set(q["translations"]) == {"en", "ar"} for q in questions.values())


def test_the_scored_questions_use_the_threshold_tables_options_and_points():
    """The Hälsokurva converts answers with the table; the definition must offer the same options."""
    rows = load_default_table()["rows"]
    questions = _questions(DEFAULT)
    kost = ["kost_gronsaker", "kost_frukt", "kost_fisk", "kost_sott"]
    for key, item in zip(kost, rows["matvanor"]["questions"]["items"], strict=True):
        assert [(o["key"], o["points"]) for o in questions[key]["options"]] == [
            (o["key"], o["points"]) for o in item["options"]]
    audit = ["audit_frekvens", "audit_mangd", "audit_tillfalle"]
    for key, item in zip(audit, rows["alkohol"]["questions"]["items"], strict=True):
        assert [(o["key"], o["points"]) for o in questions[key]["options"]] == [
            (o["key"], o["points"]) for o in item["options"]]
    activity = rows["fysisk_aktivitet"]
    assert [o["key"] for o in questions["traning"]["options"]] == [o["key"] for o in activity["exercise_options"]["options"]]
    assert [o["key"] for o in questions["vardagsaktivitet"]["options"]] == [
        o["key"] for o in activity["everyday_options"]["options"]]


@pytest.mark.django_db
def test_the_national_version_is_seeded_published_and_round_trips():
    version = national_version()
    assert version.status == VersionStatus.PUBLISHED and version.region is None
    assert version.questions.count() == 36
    exported = definition_export(version)
    assert exported == json.loads(json.dumps(DEFAULT))  # same data, same order


@pytest.mark.django_db
def test_an_imported_definition_becomes_a_new_version_with_its_skip_rules():
    data = copy.deepcopy(DEFAULT)
    data["version"] = "2026.2-test"
    version = definition_import(data)
    assert version.status == VersionStatus.DRAFT
    rule = version.skip_rules.get(question__key="audit_frekvens")
    assert rule.answers == ["never"] and {q.key for q in rule.skips.all()} == {"audit_mangd", "audit_tillfalle"}
    assert rule.skips.first().version == version
    assert QuestionnaireVersion.objects.get(version=NATIONAL).questions.count() == 36


def _edit(path, value):
    def apply(data):
        node = data
        for part in path[:-1]:
            node = node[part]
        if value is KeyError:
            del node[path[-1]]
        else:
            node[path[-1]] = value
    return apply


Q0 = ["pages", 0, "blocks", 0, "questions", 0]


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (_edit(["schema"], "other/1"), "schema"),
        (_edit(["version"], ""), "<definition>.version"),
        (_edit(["valid_from"], "2026-02-30"), "valid_from"),
        (_edit(["pages"], []), "pages"),
        (_edit([*Q0, "kind"], "slider"), "pages[0].blocks[0].questions[0].kind"),
        (_edit([*Q0, "key"], "utbildning"), "pages[0].blocks[0].questions[1].key"),
        (_edit([*Q0, "options"], [{"key": "a", "text": "A"}]), "pages[0].blocks[0].questions[0].options"),
        (_edit([*Q0, "options", 1, "key"], "gift_sambo"), "pages[0].blocks[0].questions[0].options[1].key"),
        (_edit([*Q0, "options", 0, "points"], "3"), "pages[0].blocks[0].questions[0].options[0].points"),
        (_edit([*Q0, "translations", "svenska"], {"text": "x"}), "pages[0].blocks[0].questions[0].translations.svenska"),
        (_edit([*Q0, "translations", "en", "colour"], "x"), "pages[0].blocks[0].questions[0].translations.en.colour"),
        (_edit(["pages", 2, "blocks", 0, "questions", 1, "max_value"], None), "pages[2].blocks[0].questions[1]"),
        (_edit(["skip_rules", 1, "answers"], ["sometimes"]), "skip_rules[1].answers"),
        (_edit(["skip_rules", 1, "skip"], ["nonexistent"]), "skip_rules[1].skip"),
        (_edit(["skip_rules", 1, "skip"], ["civilstand"]), "skip_rules[1].skip"),
        (_edit(["skip_rules", 1, "when"], "stress"), "skip_rules[1].when"),
    ],
)
def test_a_broken_definition_names_where(edit, where):
    data = copy.deepcopy(DEFAULT)
    edit(data)
    with pytest.raises(DefinitionError) as error:
        validate_definition(data)
    assert error.value.path == where, error.value


@pytest.mark.django_db
def test_a_broken_import_saves_nothing():
    data = copy.deepcopy(DEFAULT)
    data["version"] = "2026.3-broken"
    data["skip_rules"][0]["skip"] = ["nope"]
    with pytest.raises(DefinitionError):
        definition_import(data)
    assert not QuestionnaireVersion.objects.filter(version="2026.3-broken").exists()
