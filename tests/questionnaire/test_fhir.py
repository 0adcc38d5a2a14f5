"""FHIR Questionnaire and QuestionnaireResponse, validated with fhir.resources' R4B models."""

from __future__ import annotations

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse as FhirResponse

from invitations.models import ParticipationState
from questionnaire.fhir import ORDINAL, PERSONNUMMER, questionnaire_resource, response_resource
from questionnaire.services.responses import answers_current
from questionnaire.structure import load_structure
from tests.factories import ParticipationFactory
from tests.questionnaire.factories import answered_response, national_version

pytestmark = pytest.mark.django_db


def _items(items):
    for item in items:
        yield item
        yield from _items(item.get("item", []))


def test_the_national_questionnaire_is_a_valid_r4_questionnaire():
    resource = questionnaire_resource(load_structure(national_version()))
    Questionnaire.model_validate(resource)
    assert resource["status"] == "active" and resource["version"] == "2026.1-nationell"
    items = {i["linkId"]: i for i in _items(resource["item"])}
    assert [i["linkId"] for i in resource["item"]][:2] == ["om_dig", "arftlighet"]
    vegetables = items["kost_gronsaker"]
    assert vegetables["type"] == "choice" and vegetables["required"] is True
    assert [o["extension"][0] for o in vegetables["answerOption"]][0] == {"url": ORDINAL, "valueDecimal": 3}
    assert items["audit_mangd"]["enableWhen"] == [{"question": "audit_frekvens", "operator": "!=",
                                                  "answerCoding": {"system": items["audit_frekvens"]["answerOption"][0]["valueCoding"]["system"],
                                                                   "code": "never"}}]
    assert items["stress"]["type"] == "integer" and items["stress.help"]["type"] == "display"
    translations = items["civilstand"]["_text"]["extension"]
    assert {e["extension"][0]["valueCode"] for e in translations} == {"ar", "en"}


def test_a_response_is_a_valid_r4_questionnaire_response_with_its_answers():
    participation = ParticipationFactory(state=ParticipationState.ANSWERED)
    response = answered_response(participation)
    structure = load_structure(national_version())
    resource = response_resource(structure, response, answers_current(response))
    FhirResponse.model_validate(resource)
    assert resource["status"] == "completed"
    assert resource["questionnaire"] == "urn:rhs-portal:questionnaire:fragor-infor-halsosamtalet|2026.1-nationell"
    assert resource["subject"]["identifier"] == {"system": PERSONNUMMER, "value": participation.person.personnummer}
    items = {i["linkId"]: i for i in _items(resource["item"])}
    assert items["rokning"]["answer"][0]["valueCoding"]["code"] == "daily_10_19"
    assert items["stress"]["answer"] == [{"valueInteger": 30}]
    assert items["ovrigt"]["answer"] == [{"valueString": "Jag undrar över mitt blodtryck."}]
