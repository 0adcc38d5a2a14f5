"""Regional versions: a draft copy, regional questions added in admin, publishing, and the version in force."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.urls import reverse

from invitations.models import ParticipationState
from questionnaire.definition import DEFAULT_DEFINITION_FILE
from questionnaire.models import Question, QuestionnaireVersion, VersionStatus
from questionnaire.selectors import version_in_force
from questionnaire.services.versions import VersionError, version_draft_from, version_publish
from tests.factories import ParticipationFactory, RegionFactory, region_admin
from tests.questionnaire.factories import answered_response, national_version

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)


def test_the_national_version_is_in_force_until_a_region_publishes_its_own():
    region = RegionFactory()
    assert version_in_force(region=region, on=TODAY) == national_version()
    draft = version_draft_from(version=national_version(), region=region, new_version="reg-2026.2",
                               valid_from=dt.date(2026, 4, 1))
    assert version_in_force(region=region, on=dt.date(2026, 4, 1)) == national_version()  # a draft is not used
    version_publish(version=draft)
    assert version_in_force(region=region, on=TODAY) == national_version()  # not valid yet
    assert version_in_force(region=region, on=dt.date(2026, 4, 1)) == draft
    assert version_in_force(region=RegionFactory(), on=dt.date(2026, 4, 1)) == national_version()
    assert version_in_force(region=region, on=dt.date(2025, 12, 31)) is None


def test_answers_keep_the_version_they_were_given_in():
    participation = ParticipationFactory(state=ParticipationState.ANSWERED)
    response = answered_response(participation)
    region = participation.round.unit.region
    draft = version_draft_from(version=national_version(), region=region, new_version="reg-x", valid_from=TODAY)
    version_publish(version=draft)
    response.refresh_from_db()
    assert response.version == national_version()
    assert response.answers.first().question.version == national_version()


def test_a_published_version_cannot_be_published_again():
    with pytest.raises(VersionError):
        version_publish(version=national_version())


def test_a_region_admin_adds_a_regional_question_in_a_new_version(client):
    region = RegionFactory(code="ost")
    client.force_login(region_admin(region))
    changelist = reverse("admin:questionnaire_questionnaireversion_changelist")
    response = client.post(changelist, {"action": "make_draft", "index": 0, "_selected_action": [national_version().pk]})
    assert response.status_code == 302
    draft = QuestionnaireVersion.objects.get(status=VersionStatus.DRAFT)
    assert draft.region == region and draft.based_on == national_version()
    block = draft.pages.get(key="livssituation").blocks.get()
    response = client.post(reverse("admin:questionnaire_question_add"), {
        "block": block.pk, "order": 4, "key": "boende", "kind": "single", "text": "Hur bor du?",
        "help_text": "", "required": "on", "min_label": "", "max_label": "", "unit": "", "regional": "on",
        "translations": "{}",
        "options-TOTAL_FORMS": 2, "options-INITIAL_FORMS": 0,
        "options-0-order": 1, "options-0-key": "ensam", "options-0-text": "Ensam", "options-0-translations": "{}",
        "options-1-order": 2, "options-1-key": "med_andra", "options-1-text": "Med andra",
        "options-1-translations": "{}",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    question = Question.objects.get(key="boende")
    assert question.version == draft and question.regional and question.options.count() == 2
    # The national version stays as it was and cannot be changed by the region.
    national = national_version()
    assert not national.questions.filter(key="boende").exists()
    page = client.get(reverse("admin:questionnaire_questionnaireversion_change", args=[national.pk]))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert client.get(reverse("admin:questionnaire_question_add")).status_code == 200

    client.post(changelist, {"action": "publish", "index": 0, "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED
    assert version_in_force(region=region, on=dt.date.today()) == draft


def test_definitions_are_imported_and_exported_as_json_in_admin(client):
    region = RegionFactory(code="syd")
    client.force_login(region_admin(region))
    data = json.loads(DEFAULT_DEFINITION_FILE.read_text(encoding="utf-8"))
    data["version"] = "syd-2026.1"
    upload = io.BytesIO(json.dumps(data).encode())
    upload.name = "syd.json"
    response = client.post(reverse("admin:questionnaire_import"), {"file": upload})
    assert response.status_code == 302
    imported = QuestionnaireVersion.objects.get(version="syd-2026.1")
    assert imported.region == region and imported.status == VersionStatus.DRAFT

    data["version"], data["pages"][0]["blocks"][0]["questions"][0]["kind"] = "syd-2026.2", "dropdown"
    upload = io.BytesIO(json.dumps(data).encode())
    upload.name = "broken.json"
    response = client.post(reverse("admin:questionnaire_import"), {"file": upload})
    assert "pages[0].blocks[0].questions[0].kind" in response.content.decode()
    assert not QuestionnaireVersion.objects.filter(version="syd-2026.2").exists()

    changelist = reverse("admin:questionnaire_questionnaireversion_changelist")
    response = client.post(changelist, {"action": "export_json", "index": 0, "_selected_action": [imported.pk]})
    assert json.loads(response.content)["version"] == "syd-2026.1"
    response = client.post(changelist, {"action": "export_fhir", "index": 0, "_selected_action": [imported.pk]})
    assert json.loads(response.content)["resourceType"] == "Questionnaire"


def test_other_regions_drafts_are_hidden(client):
    region, other = RegionFactory(), RegionFactory()
    theirs = version_draft_from(version=national_version(), region=other, new_version="other-1", valid_from=TODAY)
    client.force_login(region_admin(region))
    response = client.get(reverse("admin:questionnaire_questionnaireversion_changelist"))
    assert theirs not in response.context["cl"].queryset
    assert national_version() in response.context["cl"].queryset
    assert client.get(reverse("admin:questionnaire_questionnaireversion_change", args=[theirs.pk])).status_code == 302


def test_the_commands_export_and_import_a_definition(tmp_path, capsys):
    from django.core.management import call_command

    out = tmp_path / "national.json"
    call_command("questionnaire_export", "2026.1-nationell", "--output", str(out))
    data = json.loads(out.read_text())
    data["version"] = "cli-2026.1"
    out.write_text(json.dumps(data))
    RegionFactory(code="cli")
    call_command("questionnaire_import", str(out), "--region", "cli", "--json")
    result = json.loads(capsys.readouterr().out)
    assert result == {"version": "cli-2026.1", "status": "draft", "questions": 36, "region": "cli"}
    call_command("questionnaire_export", "cli-2026.1", "--fhir")
    assert json.loads(capsys.readouterr().out)["resourceType"] == "Questionnaire"
    with pytest.raises(SystemExit):
        call_command("questionnaire_import", str(out), "--json")  # the version exists already
    assert "exists already" in capsys.readouterr().out


def test_a_region_admin_edits_the_parts_of_their_draft_only(client):
    region = RegionFactory()
    client.force_login(region_admin(region))
    draft = version_draft_from(version=national_version(), region=region, new_version="reg-edit", valid_from=TODAY)
    question = draft.questions.get(key="rokning")
    page = client.get(reverse("admin:questionnaire_question_change", args=[question.pk]))
    assert page.status_code == 200 and page.context["has_change_permission"]
    assert page.context["inline_admin_formsets"][0].has_change_permission  # the answer options
    version_page = client.get(reverse("admin:questionnaire_questionnaireversion_change", args=[draft.pk]))
    assert version_page.context["has_change_permission"]
    national_question = national_version().questions.get(key="rokning")
    page = client.get(reverse("admin:questionnaire_question_change", args=[national_question.pk]))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert not page.context["inline_admin_formsets"][0].has_change_permission
    block = national_question.block
    response = client.post(reverse("admin:questionnaire_questionblock_change", args=[block.pk]), {"title": "x"})
    assert response.status_code == 403
